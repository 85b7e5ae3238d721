/**
 * The study screen's resume snapshot: the card a reload of `/study/<deck>` would show first,
 * with its front as the app rendered it, so app.html's boot script can paint it before the app's
 * code has loaded (issue #8). The snapshot only says which card to check: the boot script reads
 * that card and its note and paints only when their stored stamps still match
 * (`stampsMatch`, which the boot script repeats in plain JavaScript), and only while no time
 * alone could have changed the queue's head (`validUntil`). The app still plans its first card
 * as always and replaces the painted one; a write that could change the head drops the snapshot
 * (storage/resume-card.ts).
 */
import type { CardRecord, NoteRecord } from './model';

/** Bumped when the snapshot's shape changes: the boot script ignores any other version. */
export const RESUME_VERSION = 1;

/** What proves a card and its note are as they were when the front was rendered. */
export interface ResumeStamps {
	cardMtime: number;
	/** The card's queue, due (ms) and reps: a write that forgot `mtime` still shows here. */
	queue: string;
	due: number;
	reps: number;
	noteMtime: number;
}

/** Where the card was on screen, so the painted one sits exactly where the app's will. */
export interface ResumeBox {
	top: number;
	left: number;
	width: number;
	height: number;
	/** The viewport it was measured in: another size (a rotated phone) paints nothing. */
	viewWidth: number;
	viewHeight: number;
}

export interface ResumeSnapshot extends ResumeStamps {
	v: typeof RESUME_VERSION;
	deckId: string;
	cardId: string;
	noteId: string;
	/** Until when (ms) the queue's head cannot change by time alone (StudyPlan.validUntil). */
	validUntil: number;
	/** The front as the app rendered it: sanitised, no media (a card with media is not kept). */
	html: string;
	/** The note type's CSS, scoped to the boot card. */
	css: string;
	box: ResumeBox;
}

export function stampsOf(card: CardRecord, note: Pick<NoteRecord, 'mtime'>): ResumeStamps {
	return {
		cardMtime: card.mtime,
		queue: card.queue,
		due: card.due.getTime(),
		reps: card.reps,
		noteMtime: note.mtime
	};
}

/** Whether `card` and `note`, as stored now, are the ones the snapshot was rendered from. */
export function stampsMatch(
	snapshot: ResumeSnapshot,
	card: CardRecord | undefined,
	note: NoteRecord | undefined
): boolean {
	if (!card || !note || card.id !== snapshot.cardId || note.id !== snapshot.noteId) {
		return false;
	}
	const now = stampsOf(card, note);
	return (Object.keys(now) as (keyof ResumeStamps)[]).every((key) => now[key] === snapshot[key]);
}

/** The deck id a study path opens (`/study/<deckId>`), or undefined for any other path. */
export function studiedDeck(pathname: string): string | undefined {
	const match = /^\/study\/([^/]+)\/?$/.exec(pathname);
	if (!match) {
		return undefined;
	}
	try {
		return decodeURIComponent(match[1]!);
	} catch {
		return undefined;
	}
}

/**
 * Whether the boot script may check `snapshot` on `pathname` at `now` (ms) in a `width` ×
 * `height` viewport: this deck's, this version's, not expired, measured in this viewport.
 */
export function resumeUsable(
	snapshot: ResumeSnapshot,
	pathname: string,
	now: number,
	width: number,
	height: number
): boolean {
	return (
		snapshot.v === RESUME_VERSION &&
		snapshot.deckId === studiedDeck(pathname) &&
		now < snapshot.validUntil &&
		snapshot.box.viewWidth === width &&
		snapshot.box.viewHeight === height
	);
}
