// The pages are built into dist/ and served by `duixian serve` at /; in development `vite` proxies /api to it.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Vendor code in chunks of its own, cached across releases of the pages, each under 1 MB: React;
 * ECharts with zrender, wanted only by the pages that chart; Ant Design in two layers — antd with
 * its styles and icons (@ant-design), and below it the unstyled components (@rc-component) with
 * the small libraries everything uses. The layers split along imports that only go downwards
 * (the one upward import, color-picker's of @ant-design/fast-color, puts that leaf below), so the
 * chunks import each other in one direction; a split by component family made a cycle as soon as
 * one family reached into another (tooltip into table, timeline into steps).
 */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('/node_modules/')) return undefined;
  if (/\/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
  if (/\/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
  if (/\/node_modules\/(antd|@ant-design\/(?!fast-color\/))/.test(id)) return 'antd';
  return 'vendor';
}

export default defineConfig({
  plugins: [react()],
  // a chunk past 1 MB is a warning: the pages were once one 2.7 MB file
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000, rollupOptions: { output: { manualChunks: vendorChunk } } },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
