// `npm start`: build, then open the desktop app where the Electron binary exists, or the
// headless console (printing the address to open in a browser) where it does not.
//   npm start                      desktop app, or headless if Electron is unavailable
//   npm start -- --headless [...]  always headless; other flags go to out/main/headless.js
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const wantHeadless = args.includes('--headless');
const passThrough = args.filter((a) => a !== '--headless');

const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = wantHeadless ? null : electronBinary();
if (!wantHeadless && !electron) {
  console.log('Electron is not installed on this machine (its download needs internet): starting the headless console.');
}
const child = electron
  ? spawn(electron, ['.', ...passThrough], { stdio: 'inherit' })
  : spawn(process.execPath, ['out/main/headless.js', ...passThrough], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
