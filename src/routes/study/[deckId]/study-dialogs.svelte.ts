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
	| { kind: 'delete' };

export class StudyDialogs {
	current = $state<StudyDialog | undefined>(undefined);

	get anyOpen(): boolean {
		return this.current !== undefined;
	}

	show(dialog: StudyDialog): void {
		this.current = dialog;
	}

	close(): void {
		this.current = undefined;
	}

	is(kind: StudyDialog['kind']): boolean {
		return this.current?.kind === kind;
	}
}
