import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import pkg from './package.json';

// electron-vite reads Electron's version from node_modules/electron, which is absent wherever the
// Electron binary cannot be downloaded (npm drops the failed optional package). The version we
// build for is the one package.json names.
process.env.ELECTRON_MAJOR_VER ??= /\d+/.exec(pkg.optionalDependencies.electron)?.[0] ?? '';

// One build for both shells: out/main/index.js (Electron) and out/main/headless.js (plain Node)
// share every main-side module; out/renderer is served by Electron or by the headless server.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('main/app/index.ts'),
          headless: resolve('main/headless.ts'),
          // The offline verifier of exported evidence: `npm run verify-evidence -- <folder>`.
          verifyEvidence: resolve('main/verifyEvidence.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
      // The wall's first paint: 1.49 MB of script unminified, 0.74 MB minified (docs/benchmarks.md).
      minify: true,
    },
    plugins: [react()],
  },
});
