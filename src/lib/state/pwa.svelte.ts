/**
 * The app's life as an installed PWA: registers the service worker (scope `/`), knows when a new
 * version is waiting, whether the device is offline, and whether the browser offers to install.
 * Updates never apply by themselves: the user chooses when to reload.
 */
import { dev } from '$app/environment';
import { registerWorker, type RegisteredWorker } from '$lib/pwa/register-worker';

/** Chromium's install offer (not in the DOM typings). */
interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const VERSION_KEY = 'engram-version';
const UPDATE_CHECK_MS = 60 * 60 * 1000;

class Pwa {
	readonly version = __APP_VERSION__;
	updateAvailable = $state(false);
	offlineReady = $state(false);
	/** False only when the browser knows there is no network (navigator.onLine is then reliable). */
	online = $state(true);
	/** Set on the first start of a new version, to tell the user the update happened. */
	updatedTo = $state<string | undefined>(undefined);
	canInstall = $state(false);
	installed = $state(false);
	#worker: RegisteredWorker | undefined;
	#installPrompt: InstallPromptEvent | undefined;

	constructor() {
		// Chromium offers installation once per load, as soon as the page is installable: on a
		// load served by the worker that can be before the layout mounts (static/install-offer.js
		// keeps an offer made before this module ran), so listen from the moment this module loads.
		if (typeof window !== 'undefined') {
			this.#watchInstall();
		}
	}

	register(): void {
		this.#watchConnectivity();
		this.#noteVersion();
		// The development server builds no worker.
		if (dev || !('serviceWorker' in navigator)) {
			return;
		}
		registerWorker({
			onNeedRefresh: () => {
				this.updateAvailable = true;
			},
			onOfflineReady: () => {
				this.offlineReady = true;
			},
			onRegistered: (registration) => {
				// A long-open tab (a phone app is rarely closed) still learns about new versions.
				setInterval(() => {
					if (navigator.onLine) {
						void registration.update();
					}
				}, UPDATE_CHECK_MS);
			}
		}).then(
			(worker) => (this.#worker = worker),
			// Without a worker the app still runs (online); the next load tries again.
			(error: unknown) => console.warn('The service worker could not be registered.', error)
		);
	}

	/** Lets the waiting worker take over; the page reloads once it controls. */
	applyUpdate(): void {
		this.#worker?.applyUpdate();
	}

	async install(): Promise<void> {
		const prompt = this.#installPrompt;
		if (!prompt) {
			return;
		}
		await prompt.prompt();
		const { outcome } = await prompt.userChoice;
		this.#installPrompt = undefined;
		this.canInstall = false;
		this.installed = outcome === 'accepted';
	}

	#watchConnectivity(): void {
		this.online = navigator.onLine;
		addEventListener('online', () => (this.online = true));
		addEventListener('offline', () => (this.online = false));
	}

	#watchInstall(): void {
		this.installed = matchMedia('(display-mode: standalone)').matches;
		const early = (window as { engramInstallOffer?: InstallPromptEvent }).engramInstallOffer;
		if (early) {
			this.#keepOffer(early);
		}
		addEventListener('beforeinstallprompt', (event) => {
			// Keep the offer for our own button instead of the browser's mini-infobar.
			event.preventDefault();
			this.#keepOffer(event as InstallPromptEvent);
		});
		addEventListener('appinstalled', () => {
			this.#installPrompt = undefined;
			this.canInstall = false;
			this.installed = true;
		});
	}

	#keepOffer(offer: InstallPromptEvent): void {
		this.#installPrompt = offer;
		this.canInstall = true;
	}

	#noteVersion(): void {
		try {
			const previous = localStorage.getItem(VERSION_KEY);
			if (previous !== null && previous !== this.version) {
				this.updatedTo = this.version;
			}
			localStorage.setItem(VERSION_KEY, this.version);
		} catch {
			// Storage blocked: the "updated" note is a courtesy, not needed to work.
		}
	}
}

export const pwa = new Pwa();
