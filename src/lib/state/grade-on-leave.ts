/**
 * A grade kept safe from the key press until its write is queued (answer-writes.ts, which writes
 * on leave from then on) or done. Between the two the session may wait: for the lookahead's
 * reads still under way, for settings read again after a change elsewhere, for an earlier
 * action, or (without a lookahead) for `answerCard`, whose reads a closing page never gets
 * back. If the page is closed or frozen meanwhile, the grade is written at once from what was
 * on screen (the card as shown and its preset), committed in that task: the reads still open
 * are aborted first, `answerCard`'s transaction too (`signal`), as they would hold it back.
 * Such a write buries the siblings the session's own write would, from the same reads (the
 * lookahead's plan of the note's cards, lookahead-runner.ts) and the same code (`answerReads`,
 * `answerRecords`). It reads nothing itself: should the page leave before the plan read the
 * note's cards, it buries none, and it never tags a leech (which needs a read): the grade is what
 * must not be lost.
 */
import { newId } from '$lib/domain/ids';
import type { CardRecord, ReviewRecord } from '$lib/domain/model';
import type { DeckPreset } from '$lib/domain/preset';
import type { Grade } from '$lib/domain/scheduler';
import { answerRecords, writeAnswer } from '$lib/storage/answers';
import type { EngramDB } from '$lib/storage/db';
import { onLeave } from './after-paint';
import { answerReads, type AnswerNeeds } from './lookahead-runner';

export interface KeptGrade {
	/** The review's id: the session's own write uses it too, so the two never both land. */
	readonly reviewId: string;
	/**
	 * Aborted as the page's leaving writes the grade: `answerCard` then stops its transaction and
	 * the session's answer stops at its next step (session-answers.svelte.ts, `#answerKept`).
	 */
	readonly signal: AbortSignal;
	/** The write the page's leaving started (a frozen page may run again and find it). */
	readonly written: Promise<ReviewRecord> | undefined;
	/** The grade's write is queued or done: the page's leaving has nothing more to do for it. */
	release(): void;
}

/** A grade as pressed: the card and its preset as shown, when, and how long it was shown. */
export interface PressedGrade {
	card: CardRecord;
	preset: DeckPreset;
	grade: Grade;
	now: Date;
	duration: number;
	/** What the answer's write needs beyond these, as read by the time the page leaves. */
	needs: () => AnswerNeeds | undefined;
}

/** Keeps `pressed` safe until released; its records are computed only if the page leaves. */
export function keepGrade(db: EngramDB, pressed: PressedGrade): KeptGrade {
	const { card, preset, needs, ...answer } = pressed;
	const reviewId = newId();
	const records = () => {
		const read = needs();
		const dayStartHour = read?.dayStartHour;
		const input = { ...answer, cardId: card.id, shownMtime: card.mtime, reviewId, dayStartHour };
		const reads = answerReads(card, preset, { cardsOfNote: read?.cardsOfNote });
		return answerRecords(input, reads ?? { card, preset, cardsOfNote: undefined });
	};
	const controller = new AbortController();
	let written: Promise<ReviewRecord> | undefined;
	const stop = onLeave((unloading) => {
		// Hidden only, the page still runs: the grade's own write follows.
		if (!unloading) {
			return;
		}
		stop();
		db.abortReads();
		controller.abort();
		written = writeAnswer(db, records()).done;
		written.catch(() => undefined); // Seen by the session if the page runs again.
	});
	return {
		reviewId,
		signal: controller.signal,
		get written() {
			return written;
		},
		release: stop
	};
}
