// Prints `N passed, N failed, N skipped` from vitest's JSON report, counting every test.
// A missing or empty report is a failure: "ran no test" must never look green.
import { existsSync, readFileSync } from 'node:fs';

const path = process.argv[2];
if (!path || !existsSync(path)) {
  console.log('0 passed, 1 failed');
  console.error(`no test report at ${path}`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(path, 'utf8'));
const counts = { passed: 0, failed: 0, skipped: 0 };
for (const file of report.testResults ?? []) {
  for (const test of file.assertionResults ?? []) {
    if (test.status === 'passed') counts.passed += 1;
    else if (test.status === 'failed') counts.failed += 1;
    else counts.skipped += 1;
  }
  // A file that failed to load has no tests but must still count as a failure.
  if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) counts.failed += 1;
}
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed > 0 || counts.passed === 0 ? 1 : 0);
