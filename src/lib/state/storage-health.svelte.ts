/**
 * How safe the collection is on this device: space used and available, and whether the browser
 * promised to keep it (persistent storage). Asking for persistence is the user's choice here.
 */
import { mayBeEvicted } from '$lib/pwa/storage-figures';
import { pwa } from './pwa.svelte';

class StorageHealth {
	usage = $state<number | undefined>(undefined);
	quota = $state<number | undefined>(undefined);
	persisted = $state(false);
	/** False when the browser has no Storage API (old browsers, some webviews). */
	supported = $state(true);
	atRisk = $derived(mayBeEvicted({ persisted: this.persisted, installed: pwa.installed }));

	async refresh(): Promise<void> {
		const storage = navigator.storage as StorageManager | undefined;
		if (!storage?.estimate) {
			this.supported = false;
			return;
		}
		const [estimate, persisted] = await Promise.all([
			storage.estimate(),
			storage.persisted?.() ?? Promise.resolve(false)
		]);
		this.usage = estimate.usage;
		this.quota = estimate.quota;
		this.persisted = persisted;
	}

	/** Asks the browser to keep the data; Chromium decides silently, Firefox asks the user. */
	async requestPersistence(): Promise<boolean> {
		const granted = (await navigator.storage?.persist?.()) ?? false;
		await this.refresh();
		return granted;
	}
}

export const storageHealth = new StorageHealth();
