// Builds and serves other versions of the app for the update test: each version is built once per
// test run into test-results/ (a lock keeps the Desktop and Pixel workers from building at once),
// and served by scripts/serve.js on a port of our own, so a test can swap the build behind it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { waitForServer } from '../../scripts/wait-for-server.js';

const ROOT = resolve('test-results/pwa-builds');

/** Builds the app with `__APP_VERSION__ = version` unless this run already did; returns its folder. */
export async function buildVersion(version: string): Promise<string> {
	const dir = join(ROOT, version);
	const lock = join(ROOT, `${version}.lock`);
	mkdirSync(ROOT, { recursive: true });
	while (!existsSync(join(dir, 'index.html'))) {
		try {
			mkdirSync(lock);
		} catch {
			await new Promise((r) => setTimeout(r, 1000)); // another worker is building it
			continue;
		}
		try {
			const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], {
				env: { ...process.env, ENGRAM_VERSION: version, ENGRAM_BUILD_DIR: dir },
				encoding: 'utf8'
			});
			if (result.status !== 0) {
				throw new Error(`Building version ${version} failed:\n${result.stderr}`);
			}
		} finally {
			rmSync(lock, { recursive: true, force: true });
		}
	}
	return dir;
}

/** scripts/serve.js on a fixed port; `swap` restarts it on the same port with another build. */
export class BuildServer {
	#process: ChildProcess | undefined;

	constructor(readonly port: number) {}

	get origin(): string {
		return `http://localhost:${this.port}`;
	}

	async serve(dir: string): Promise<void> {
		await this.stop();
		this.#process = spawn('node', ['scripts/serve.js'], {
			env: { ...process.env, PORT: String(this.port), ENGRAM_BUILD_DIR: dir },
			stdio: 'ignore'
		});
		await waitForServer(this.origin);
	}

	async stop(): Promise<void> {
		const child = this.#process;
		this.#process = undefined;
		if (child && child.exitCode === null) {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill();
			await exited;
		}
	}
}
