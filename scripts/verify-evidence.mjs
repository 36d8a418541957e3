// `npm run verify-evidence -- <case folder>`: builds the verifier once if this checkout has not
// been built, then checks the folder offline (see main/verifyEvidence.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const bundle = 'out/main/verifyEvidence.js';
if (!existsSync(bundle)) {
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [bundle, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
