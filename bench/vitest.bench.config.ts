import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Benchmarks run through vitest because it runs the TypeScript in place: the harness and fixtures
 * they import (tests/e2e/harness.ts, tests/fixtures/*) find their files relative to
 * `import.meta`, which a bundle or a compiled copy would break; and no new dependency is needed.
 * One file at a time, no retries, no time limit: a bench bounds its own loops.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: [process.env.BENCH_ONLY ? `bench/${process.env.BENCH_ONLY}.bench.ts` : 'bench/*.bench.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 0,
    hookTimeout: 0,
    retry: 0,
    reporters: ['default'],
    printConsoleTrace: false,
  },
});
