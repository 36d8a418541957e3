// Prints `N passed, N failed, N skipped` from vitest's JSON report, and fails the run unless every
// test that should have run did run:
// - a file whose suite failed with no failed test (a failing beforeAll marks its tests skipped)
//   counts as a failure;
// - a skipped test must be on the allow-list in scripts/allowed-skips.json, with its reason;
// - each project (unit, electron, integration, e2e) must have run at least its minimum of tests.
// A missing or empty report is a failure: "ran no test" must never look green.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const path = process.argv[2];
if (!path || !existsSync(path)) {
  console.log('0 passed, 1 failed');
  console.error(`no test report at ${path}`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(path, 'utf8'));
const { minimumPassed, allowedSkips } = JSON.parse(readFileSync(join(ROOT, 'scripts/allowed-skips.json'), 'utf8'));

/** The vitest project a test file belongs to, by the folders vitest.config.ts gives each. */
const projectOf = (file) => (file.startsWith('tests/e2e/') ? 'e2e' : file.startsWith('tests/integration/') ? 'integration' : file.startsWith('tests/electron/') ? 'electron' : 'unit');

const counts = { passed: 0, failed: 0, skipped: 0 };
const passedBy = Object.fromEntries(Object.keys(minimumPassed).map((project) => [project, 0]));
const problems = [];
for (const file of report.testResults ?? []) {
  const name = relative(ROOT, file.name);
  const project = projectOf(name);
  for (const test of file.assertionResults ?? []) {
    if (test.status === 'passed') {
      counts.passed += 1;
      passedBy[project] = (passedBy[project] ?? 0) + 1;
    } else if (test.status === 'failed') counts.failed += 1;
    else {
      counts.skipped += 1;
      const title = [...(test.ancestorTitles ?? []), test.title].join(' > ');
      const allowed = allowedSkips.some((rule) => rule.file === name && new RegExp(rule.title).test(title));
      if (!allowed) problems.push(`skipped without a written reason: ${name} > ${title}`);
    }
  }
  // A file that failed to load, or whose hooks failed, is a failure even if its tests "skipped".
  const testFailed = (file.assertionResults ?? []).some((test) => test.status === 'failed');
  if (file.status === 'failed' && !testFailed) {
    counts.failed += 1;
    problems.push(`suite failed: ${name}${file.message ? `: ${String(file.message).split('\n')[0]}` : ''}`);
  }
}
for (const [project, minimum] of Object.entries(minimumPassed)) {
  if ((passedBy[project] ?? 0) < minimum) problems.push(`project ${project}: ${passedBy[project] ?? 0} tests passed, at least ${minimum} expected`);
}
for (const problem of problems) console.error(problem);
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed > 0 || counts.passed === 0 || problems.length > 0 ? 1 : 0);
