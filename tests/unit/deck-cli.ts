/**
 * Runs `npm run deck -- …` as a person would, in a real process, but as one Node process
 * (`node --import tsx`): `npx tsx` starts npm and tsx's own command line before the Node process
 * that runs the script, three processes whose start-up took most of each run (5-7 s against
 * 3-5 s at a load of 11) and pushed the tests past their limit under heavier load.
 */
import { spawnSync } from 'node:child_process';

const root = new URL('../../', import.meta.url).pathname;

export function runDeckCli(...args: string[]) {
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/deck.ts', ...args], {
		cwd: root,
		encoding: 'utf8'
	});
	return { code: run.status, stdout: run.stdout, stderr: run.stderr.trim() };
}
