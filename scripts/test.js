#!/usr/bin/env node
// `npm test`: static checks, unit tests, end-to-end tests; then one summary line counting unit and
// e2e tests together: `N passed, N failed` (`, N skipped` when any were skipped).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = 'tests/.results';
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

function run(label, command, args) {
	console.log(`\n▶ ${label}`);
	const result = spawnSync(command, args, { stdio: 'inherit' });
	return result.status === 0;
}

function readJson(path) {
	return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

const checkOk = run('npm run check', 'npm', ['run', 'check']);
const unitOk = run('unit tests (vitest)', 'npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${RESULTS}/unit.json`
]);
const e2eOk = run('end-to-end tests (playwright)', 'node', ['scripts/e2e.js']);

const unit = readJson(`${RESULTS}/unit.json`);
const e2e = readJson(`${RESULTS}/e2e.json`);
let passed = 0;
let failed = 0;
let skipped = 0;
if (unit) {
	passed += unit.numPassedTests;
	failed += unit.numFailedTests;
	skipped += unit.numPendingTests + unit.numTodoTests;
} else {
	failed += 1;
	console.error('The unit tests did not report results.');
}
if (e2e) {
	passed += e2e.stats.expected + e2e.stats.flaky;
	failed += e2e.stats.unexpected;
	skipped += e2e.stats.skipped;
} else {
	failed += 1;
	console.error('The end-to-end tests did not report results.');
}
if (!checkOk) {
	console.error('`npm run check` failed (see above).');
}
const ok = checkOk && unitOk && e2eOk && failed === 0;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
