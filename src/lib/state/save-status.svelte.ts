/**
 * A form's writes: whether one is running, whether the last was saved, or why not in
 * describeWriteError's words (a refused write says it was not saved). A form keeps it over the
 * screen made again when another tab's restore or import ends (keptState), so that message stays.
 */
import { describeWriteError } from '$lib/storage/errors';

export class SaveStatus {
	saved = $state(false);
	busy = $state(false);
	error = $state<string | undefined>(undefined);

	/** Runs `write`, and tells whether it succeeded (the message is then in `error`). */
	async save(write: () => Promise<unknown>): Promise<boolean> {
		this.saved = false;
		this.error = undefined;
		this.busy = true;
		try {
			await write();
			this.saved = true;
			return true;
		} catch (caught) {
			this.error = describeWriteError(caught);
			return false;
		} finally {
			this.busy = false;
		}
	}
}
