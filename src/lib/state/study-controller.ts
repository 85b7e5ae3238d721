/**
 * What the study screen drives: the daily session (study-session.svelte.ts) and a custom study
 * session (custom-study-session.svelte.ts) both offer it, so one screen serves both.
 */
import type { CardView } from '$lib/domain/card-view';
import type { Grade } from '$lib/domain/scheduler';
import type { Flag } from '$lib/storage/card-actions';
import type { PlanCounts } from '$lib/storage/queue';
import type { CardAction } from './study-actions';
import type { Resumable } from './study-screen.svelte';

export interface StudyController {
	readonly view: CardView | undefined;
	readonly revealed: boolean;
	readonly intervals: Record<Grade, string> | undefined;
	readonly finished: boolean;
	readonly nextDue: number | undefined;
	readonly remaining: PlanCounts | undefined;
	readonly answeredCount: number;
	/** Set by the screen too: an error carried over its remaking (state/carried-state.ts). */
	error: string | undefined;
	notice: string | undefined;
	readonly busy: boolean;
	readonly canUndo: boolean;
	readonly canRedo: boolean;
	readonly canRetry: boolean;
	/** The card on screen as the queue's head, for the resume snapshot (StudyCard keeps it). */
	readonly resumable: Resumable | undefined;
	load(): Promise<void>;
	watchChanges(): () => void;
	watchNewerVersion(): () => void;
	reveal(): void;
	grade(grade: Grade): Promise<void>;
	undo(): Promise<void>;
	redo(): Promise<void>;
	act(action: CardAction): Promise<void>;
	flag(flag: Flag): Promise<void>;
	refresh(): Promise<void>;
	retry(): Promise<void>;
}
