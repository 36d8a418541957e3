import { defineConfig } from 'vitest/config';

// The soak runs alone and for as long as it was asked (npm run soak -- --minutes N); it is not
// part of `npm test`.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/soak/*.soak.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 0,
    hookTimeout: 120_000,
    retry: 0,
  },
});
