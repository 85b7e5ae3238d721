/**
 * Registers the service worker and follows its versions with the platform's own API. This does
 * what vite-plugin-pwa's `registerSW` did through workbox-window (prompt mode), whose 2.9 KiB gzip
 * were loaded by the first screen: a new version installs and then waits, is announced, and takes
 * over only when the page asks (SKIP_WAITING, answered by src/service-worker.ts).
 */

/** Where SvelteKit builds src/service-worker.ts (the precache and the share target live there). */
export const WORKER_URL = '/service-worker.js';

export interface WorkerEvents {
	/** A newer version is installed and waits for the page to let it take over. */
	onNeedRefresh(): void;
	/** The first version is installed: the app now works offline. */
	onOfflineReady(): void;
	onRegistered(registration: ServiceWorkerRegistration): void;
}

export interface RegisteredWorker {
	/** Lets the waiting version take over; the page reloads once it controls. */
	applyUpdate(): void;
}

const INSTALLED: readonly ServiceWorkerState[] = ['installed', 'activating', 'activated'];
const isInstalled = (worker: ServiceWorker) => INSTALLED.includes(worker.state);

/**
 * Reports each worker of the registration once, when it has installed: as an update when an older
 * version controls the page (it then waits), as the first version otherwise.
 */
function followVersions(registration: ServiceWorkerRegistration, events: WorkerEvents): void {
	const container = navigator.serviceWorker;
	const seen = new WeakSet<ServiceWorker>();
	let announced = false;
	const installed = (worker: ServiceWorker) => {
		if (container.controller && worker !== container.controller) {
			if (!announced) {
				announced = true;
				// Once the new version controls (this tab or another applied it), the page runs the
				// old version's code against the new caches: reload, as workbox-window did.
				container.addEventListener('controllerchange', () => location.reload(), { once: true });
			}
			events.onNeedRefresh();
		} else if (!container.controller) {
			events.onOfflineReady();
		}
	};
	const follow = (worker: ServiceWorker | null) => {
		if (!worker || seen.has(worker)) {
			return;
		}
		seen.add(worker);
		if (isInstalled(worker)) {
			installed(worker);
			return;
		}
		worker.addEventListener('statechange', function onState() {
			if (isInstalled(worker)) {
				worker.removeEventListener('statechange', onState);
				installed(worker);
			}
		});
	};
	follow(registration.waiting);
	follow(registration.installing);
	registration.addEventListener('updatefound', () => follow(registration.installing));
}

export async function registerWorker(events: WorkerEvents): Promise<RegisteredWorker> {
	const registration = await navigator.serviceWorker.register(WORKER_URL, {
		scope: '/',
		type: 'classic'
	});
	followVersions(registration, events);
	events.onRegistered(registration);
	return {
		applyUpdate() {
			navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
				once: true
			});
			registration.waiting?.postMessage({ type: 'SKIP_WAITING' });
		}
	};
}
