/**
 * The flags' names as shown, custom names included, shared by every screen that names a flag
 * (study menu, browser, card info, settings). Watched from the first use on, so a rename in
 * Settings or another tab shows everywhere at once.
 */
import { flagName, flagNames, type CustomFlagNames } from '$lib/domain/flags';
import { getDb } from '$lib/storage/db';
import { getFlagNames } from '$lib/storage/flag-names';
import { observe } from '$lib/storage/observe';

class FlagLabels {
	custom = $state<CustomFlagNames>({});
	#watching = false;

	/** Starts following the stored names; later calls do nothing. */
	watch(): this {
		if (!this.#watching) {
			this.#watching = true;
			observe(
				() => getFlagNames(getDb()),
				(names) => (this.custom = names),
				// Unreadable names: the colours' names stay.
				() => {}
			);
		}
		return this;
	}

	/** The flag's name; the first read starts the watching. */
	name(flag: number): string {
		return flagName(flag, this.watch().custom);
	}

	/** Every flag with its name, in colour order. */
	get all() {
		return flagNames(this.watch().custom);
	}
}

export const flagLabels = new FlagLabels();
