/** Whether a setting's last change was saved, or why not: what its panel's status line shows. */
import { errorMessage } from '$lib/domain/error-message';

export class SaveStatus {
	saved = $state(false);
	error = $state<string | undefined>(undefined);

	/** Runs `write`, and tells whether it succeeded (the message is then in `error`). */
	async save(write: () => Promise<void>): Promise<boolean> {
		this.saved = false;
		this.error = undefined;
		try {
			await write();
			this.saved = true;
			return true;
		} catch (caught) {
			this.error = errorMessage(caught);
			return false;
		}
	}
}
