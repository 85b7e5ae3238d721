/**
 * Files and text handed to Engram by the operating system: deck files opened with the installed
 * app (the manifest's file_handlers, delivered through `launchQueue`) and shares from other apps
 * (the share target, stashed by the service worker). The import screen takes the files, the
 * "new deck from text" screen takes the text; taking empties the slot so nothing runs twice.
 */
import { SHARED_PARAM } from '$lib/pwa/share-param';

interface LaunchParams {
	files: readonly FileSystemFileHandle[];
}
interface LaunchQueue {
	setConsumer(consumer: (params: LaunchParams) => void): void;
}

class Incoming {
	files = $state.raw<File[]>([]);
	text = $state<string | undefined>(undefined);
	#listening = false;

	/**
	 * Starts listening once per page load; the screens that take what arrives call it. Both ways in
	 * load one of them: a file opens the manifest's action (/import), a share redirects to /import
	 * or /new (share-inbox.ts), so the other screens, Today first, do not carry this code.
	 */
	listen(): void {
		if (this.#listening) {
			return;
		}
		this.#listening = true;
		const queue = (window as { launchQueue?: LaunchQueue }).launchQueue;
		queue?.setConsumer((params) => void this.#receiveLaunch(params));
		if (new URL(location.href).searchParams.has(SHARED_PARAM)) {
			void this.#receiveShare();
		}
	}

	/** The files waiting to be imported, once: later calls get none until new ones arrive. */
	takeFiles(): File[] {
		const files = this.files;
		this.files = [];
		return files;
	}

	/** The next file waiting to be imported; the others stay queued for later. */
	takeFile(): File | undefined {
		const [next, ...rest] = this.files;
		this.files = rest;
		return next;
	}

	/** The text waiting to become a deck, once. */
	takeText(): string | undefined {
		const text = this.text;
		this.text = undefined;
		return text;
	}

	async #receiveLaunch(params: LaunchParams): Promise<void> {
		const files = await Promise.all(params.files.map((handle) => handle.getFile()));
		if (files.length > 0) {
			this.files = [...this.files, ...files];
		}
	}

	/** The inbox's code loads only after a share: most starts have none. */
	async #receiveShare(): Promise<void> {
		const { takeShared } = await import('$lib/pwa/share-inbox');
		const shared = await takeShared();
		if (shared.files.length > 0) {
			this.files = [...this.files, ...shared.files];
		}
		if (shared.text !== undefined) {
			this.text = shared.text;
		}
	}
}

export const incoming = new Incoming();
