import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Tests import workspace packages from source, so `vitest` needs no build first.
const src = (p: string) => fileURLToPath(new URL(`./packages/${p}/src/index.ts`, import.meta.url));

export default defineConfig({
  esbuild: { jsx: 'automatic' }, // the pages' .tsx (React 17+ JSX transform)
  resolve: {
    alias: {
      '@duixian/api': src('api'),
      '@duixian/engine': src('engine'),
      '@duixian/corpus': src('corpus'),
      '@duixian/interchange': src('interchange'),
      '@duixian/workflow': src('workflow'),
      '@duixian/server': src('server'),
      '@duixian/store': src('store'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'packages/*/test/**/*.test.tsx', 'packages/web/e2e/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // expect.poll waits for what a page shows after its requests: 1 s (vitest's default) is too short on
    // CI's two shared cores (the names a header shows once GET /api/vocabulary answers failed at 1 s)
    expect: { poll: { timeout: 30_000 } },
    // the JSON report lets .ci/run print a plain "N passed, N failed" line
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
