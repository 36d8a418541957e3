// Typechecks everything that runs without Electron; the Electron shell and preload too where
// the `electron` package (with its types) could be installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (project) => spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', project], { stdio: 'inherit' }).status;
let status = run('tsconfig.json');
if (existsSync('node_modules/electron/electron.d.ts')) status ||= run('tsconfig.electron.json');
else console.log('typecheck: electron is not installed here; main/app and preload/index.ts were not checked.');
process.exit(status ?? 1);
