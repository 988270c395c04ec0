// The pages are built into dist/ and served by `duixian serve` at /; in development `vite` proxies /api to it.
// `npm run build` then writes brotli and gzip copies of the assets (scripts/compress.mjs).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Two vendor chunks of their own: React, cached across releases of the pages, and ECharts with
 * zrender, wanted only by the pages that chart. Ant Design and the rest are left to Rollup, which
 * puts each module where it is first needed: what main.tsx reaches by static imports (the shell,
 * the sign-in form and the components they use) in the entry chunk loaded with index.html, the
 * rest with the page that imports it or in a chunk shared by the pages that do, fetched when such
 * a page is first opened. The sign-in used to load every component any page uses (one `antd`
 * chunk, 1.3 MB of script with React before the first paint); Rollup's own split makes no import
 * cycle, which a hand-made split of Ant Design by component family did as soon as one family
 * reached into another (tooltip into table, timeline into steps).
 *
 * A `shell` vendor chunk (the first screen's Ant Design apart from the app's code, so a release
 * does not invalidate it) cannot be chosen here by following imports from main.tsx: they go through
 * antd's index, which re-exports every component, so all of them look reached.
 */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('/node_modules/')) return undefined;
  if (/\/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
  if (/\/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
  return undefined;
}

export default defineConfig({
  plugins: [react()],
  // a chunk past 1 MB is a warning: the pages were once one 2.7 MB file
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000, rollupOptions: { output: { manualChunks: vendorChunk } } },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
