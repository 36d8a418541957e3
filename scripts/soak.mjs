// `npm run soak -- --minutes N`: builds, then runs tests/soak with the duration it was given.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '30' } } });
const minutes = Number(values.minutes);
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error('usage: npm run soak -- --minutes N');
  process.exit(2);
}
const run = (args, env = {}) => spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
let status = run(['node_modules/electron-vite/bin/electron-vite.js', 'build']);
if (status === 0) status = run(['node_modules/vitest/vitest.mjs', 'run', '--config', 'tests/soak/vitest.soak.config.ts'], { SOAK_MINUTES: String(minutes) });
process.exit(status);
