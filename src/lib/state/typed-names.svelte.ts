/**
 * Name fields that save what was typed (a deck's name, the flags' names) and whether the last
 * save went through. A screen keeps this object over being made again when another tab's restore
 * or import ends (keptState), so a refused name stays typed, with why it was not saved, to save
 * again; without it the field would jump back to the stored name and the typing be lost.
 */
import { SaveStatus } from './save-status.svelte';

interface Typed {
	value: string;
	/** Set once saved: the stored name it was saved over, shown until the stored name changes. */
	savedOver?: string;
}

export class TypedNames {
	readonly status = new SaveStatus();
	#typed = $state<Record<string, Typed>>({});

	/**
	 * What field `key` shows: what was typed and not saved yet, whatever the stored name became
	 * meanwhile; once saved, the stored name as soon as it is read back.
	 */
	shown(key: string, stored: string): string {
		const typed = this.#typed[key];
		return typed && (typed.savedOver === undefined || typed.savedOver === stored)
			? typed.value
			: stored;
	}

	type(key: string, value: string): void {
		this.#typed[key] = { value };
	}

	/**
	 * Saves what was typed in field `key` with `write`, unless nothing new was typed or a save is
	 * under way (a field saves on Enter and on leaving it: one write); tells whether it saved,
	 * else `status` says why not.
	 */
	async save(
		key: string,
		stored: string,
		write: (name: string) => Promise<unknown>
	): Promise<boolean> {
		const typed = this.#typed[key];
		if (!typed || typed.savedOver !== undefined || this.status.busy) {
			return false;
		}
		const { value } = typed;
		const saved = await this.status.save(() => write(value));
		if (saved && this.#typed[key] === typed) {
			typed.savedOver = stored;
		}
		return saved;
	}
}
