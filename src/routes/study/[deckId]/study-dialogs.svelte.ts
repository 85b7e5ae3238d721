/**
 * Which of the study screen's dialogs is open: one at a time, and the study keys pause while
 * one is (their own keys are the dialog's).
 */
export type StudyDialog =
	| { kind: 'menu' }
	| { kind: 'edit'; noteId: string }
	| { kind: 'info'; cardId: string }
	| { kind: 'tags' }
	| { kind: 'set-due' }
	| { kind: 'reset' }
	| { kind: 'delete' };

export class StudyDialogs {
	/** The dialog open, if any. */
	current = $state<StudyDialog | undefined>(undefined);

	get anyOpen(): boolean {
		return this.current !== undefined;
	}

	show(dialog: StudyDialog): void {
		this.current = dialog;
	}

	/**
	 * Closes the `kind` dialog if it is the one open. A native dialog reports its closing a moment
	 * later, when the menu item chosen may already have opened the next dialog: that one stays.
	 */
	close(kind: StudyDialog['kind']): void {
		if (this.current?.kind === kind) {
			this.current = undefined;
		}
	}
}
