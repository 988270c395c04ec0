// The pages are built into dist/ and served by `duixian serve` at /; in development `vite` proxies /api to it.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Vendor code in chunks of its own, cached across releases of the pages: React, Ant Design with
 * the rc components under it, and ECharts with zrender (wanted only by the pages that chart).
 */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('/node_modules/')) return undefined;
  if (/\/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
  if (/\/node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|@babel\/runtime|dayjs)\//.test(id)) return 'antd';
  if (/\/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
  return undefined;
}

export default defineConfig({
  plugins: [react()],
  // a chunk past 1 MB is a warning: the pages were once one 2.7 MB file
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000, rollupOptions: { output: { manualChunks: vendorChunk } } },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
