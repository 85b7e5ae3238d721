// Loads fsrs-browser's WASM in Node for tests: the same binary the worker runs, single-threaded.
import { readFileSync } from 'node:fs';
import type * as FsrsBrowserModule from 'fsrs-browser';

type FsrsBrowser = typeof FsrsBrowserModule;

let loaded: FsrsBrowser | undefined;

export async function loadFsrsBrowser(): Promise<FsrsBrowser> {
	if (loaded) {
		return loaded;
	}
	// Its thread-pool helper listens on `self` when imported; Node has no `self`.
	const global = globalThis as { self?: unknown };
	global.self ??= new EventTarget();
	const module = await import('fsrs-browser');
	const wasm = new URL('../../../node_modules/fsrs-browser/fsrs_browser_bg.wasm', import.meta.url);
	module.initSync({ module: readFileSync(wasm) });
	loaded = module;
	return module;
}
