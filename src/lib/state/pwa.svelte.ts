/**
 * Registers the service worker (scope `/`) and tracks whether a new version is waiting.
 * Updates never apply by themselves: the user chooses when to reload.
 */
import { registerSW } from 'virtual:pwa-register';

class Pwa {
	updateAvailable = $state(false);
	offlineReady = $state(false);
	#update: ((reload?: boolean) => Promise<void>) | undefined;

	register(): void {
		if (!('serviceWorker' in navigator)) {
			return;
		}
		this.#update = registerSW({
			immediate: true,
			onNeedRefresh: () => {
				this.updateAvailable = true;
			},
			onOfflineReady: () => {
				this.offlineReady = true;
			}
		});
	}

	async applyUpdate(): Promise<void> {
		await this.#update?.(true);
	}
}

export const pwa = new Pwa();
