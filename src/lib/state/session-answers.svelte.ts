/**
 * The daily study session's answer path. Grading is instant: when the lookahead holds
 * (session-lookahead.svelte.ts) the next card shows at once and the answer's write is queued
 * (answer-writes.ts), to start after that paint; otherwise the answer is written first and the
 * queue asked. From the key press until its write is queued the grade is kept safe should the
 * page leave (grade-on-leave.ts). A queued write that fails puts the answered card back on
 * screen with the error and a retry (answer-put-back.ts); one whose card was answered in another
 * tab only leaves the undo stack.
 */
import type { CardView } from '$lib/domain/card-view';
import { newId } from '$lib/domain/ids';
import { leechNotice, type LeechAction } from '$lib/domain/leech';
import type { CardRecord, ReviewRecord } from '$lib/domain/model';
import type { Grade } from '$lib/domain/scheduler';
import { studyDay } from '$lib/domain/study-day';
import {
	answerCard,
	answered,
	answerRecords,
	type AnswerInput,
	type AnswerRecords
} from '$lib/storage/answers';
import { classifyWriteError, describeWriteError } from '$lib/storage/errors';
import { presetInScope } from '$lib/storage/queue';
import {
	screenOf,
	showScreen,
	withLaterAnswers,
	withoutAnswer,
	type Answered
} from './answer-put-back';
import type { QueuedAnswer } from './answer-writes';
import { keepGrade, type KeptGrade } from './grade-on-leave';
import { learningDueDelta } from './learning-due';
import { holdsAfter } from './lookahead';
import { answerReads } from './lookahead-runner';
import { SessionLookahead } from './session-lookahead.svelte';
import { timed } from './timing';

/**
 * How long an answer's write waits for the lookahead's render after the paint: the render takes
 * milliseconds, and the write must not wait long for a slow read (a crash would lose the grade).
 */
const RENDER_WAIT_MS = 250;

/** Resolves when `promise` settles, or after `ms`, whichever comes first. */
function atMost(promise: Promise<unknown>, ms: number): Promise<unknown> {
	return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}

export abstract class SessionAnswers extends SessionLookahead {
	/** The grade not queued yet, kept safe if the page leaves (grade-on-leave.ts). */
	#grading: { shown: CardView; kept: KeptGrade } | undefined;

	/** Grades the card on screen; resolves once its answer is stored (or put back, if it failed). */
	async grade(grade: Grade): Promise<void> {
		const shown = this.view;
		if (!shown || !this.revealed) {
			return;
		}
		let landed: Promise<boolean> | undefined;
		// From the key press, not once the action queue and the reads below let the answer run.
		let kept = this.#keepGrade(shown, grade);
		const attempt = async () => {
			const first = kept;
			kept = undefined; // A retry writes as usual.
			landed = (await this.#answerKept(shown, grade, first))?.landed;
		};
		try {
			await this.enqueue(() => this.run(attempt, attempt));
		} finally {
			this.#releaseGrade(shown);
		}
		if (landed && !(await landed)) {
			await this.actionsDone(); // The card is put back by an action queued when its write failed.
		}
	}

	/**
	 * `#answer` with its grade kept safe (grade-on-leave.ts). Should the page's leaving write that
	 * grade while the answer waits (the page was frozen, not closed, and runs again), the answer
	 * stops at its next step (`signal` is aborted as that write starts) or its own write fails:
	 * either way the grade is taken as written, once.
	 */
	async #answerKept(
		shown: CardView,
		grade: Grade,
		kept: KeptGrade | undefined
	): Promise<{ landed: Promise<boolean> } | undefined> {
		try {
			return await this.#answer(shown, grade, kept);
		} catch (error) {
			if (kept?.written) {
				return this.#writtenOnLeave(kept.written);
			}
			throw error;
		}
	}

	/**
	 * Answers `shown`: when the lookahead holds, shows the next card at once and queues the
	 * answer's write (`writes`: it starts once that card is painted and the card after it
	 * planned). Otherwise, once the queued writes landed, writes first and asks the queue.
	 */
	async #answer(
		shown: CardView,
		grade: Grade,
		kept?: KeptGrade
	): Promise<{ landed: Promise<boolean> } | undefined> {
		if (this.view !== shown || !this.revealed) {
			return undefined; // Pressed for a card that is no longer on screen (a double press).
		}
		const card = shown.card;
		const now = this.clock();
		const input: AnswerInput = {
			cardId: card.id,
			grade,
			now,
			duration: now.getTime() - this.shownAt,
			shownMtime: card.mtime,
			dayStartHour: await this.kept.dayStartHour(),
			// The same as a write on leave's: should both land, the second fails, nothing doubles.
			reviewId: kept?.reviewId ?? newId()
		};
		const scope = await this.kept.scope();
		const ahead = await this.lookahead.for(card);
		kept?.signal.throwIfAborted();
		const preset = presetInScope(scope, card.deckId);
		const { card: after, leech } = answered(card, preset, input);
		const learning = learningDueDelta(card, after, studyDay(now, input.dayStartHour).end);
		// A leech answer (rare) also tags its note, which needs a read: the write makes its own.
		const early = ahead && !leech && holdsAfter(ahead, card, after, now, this.generation);
		const reads = early ? answerReads(card, preset, ahead.plan) : undefined;
		if (ahead && reads && !this.writes.halted) {
			const before = screenOf(this);
			await this.showLookahead(ahead, after, learning, now);
			kept?.signal.throwIfAborted();
			// Undo is offered with the next card (an undo waits for the queued writes).
			this.offerUndo({ kind: 'answer', reviewId: input.reviewId! });
			const context = { before, shown, grade };
			const landed = this.#queueWrite(answerRecords(input, reads), learning, context);
			this.#releaseGrade(shown); // Queued: written on leave from now on.
			return { landed };
		}
		await this.#answerInOrder(card, input, learning, leech, kept);
		return undefined;
	}

	/**
	 * Keeps `shown`'s grade safe until its write is queued or done (grade-on-leave.ts): a tab
	 * closed meanwhile writes it from the card and preset on screen. One per card shown: a
	 * second press for it is a double press.
	 */
	#keepGrade(shown: CardView, grade: Grade): KeptGrade | undefined {
		const preset = this.presetShown(shown);
		if (!preset || this.#grading?.shown === shown) {
			return undefined;
		}
		const now = this.clock();
		const duration = now.getTime() - this.shownAt;
		// As the lookahead read them by the time the page leaves: the same reads as `#answer`'s.
		const needs = () => this.lookahead.answerNeeds(shown.card, this.generation);
		const pressed = { card: shown.card, preset, grade, now, duration, needs };
		const kept = keepGrade(this.db, pressed);
		this.#grading = { shown, kept };
		return kept;
	}

	#releaseGrade(shown: CardView): void {
		if (this.#grading?.shown === shown) {
			this.#grading.kept.release();
			this.#grading = undefined;
		}
	}

	/**
	 * The page's leaving wrote the grade (grade-on-leave.ts) and the page runs again (it was
	 * frozen, not closed): shown as stored, the queue read again, as after a change elsewhere.
	 */
	async #writtenOnLeave(written: Promise<ReviewRecord>): Promise<undefined> {
		const review = await written;
		this.kept.forget();
		this.kept.learning.forget();
		await this.loadNext(true);
		this.offerUndo({ kind: 'answer', reviewId: review.id });
		this.answeredCount += 1;
		return undefined;
	}

	/**
	 * Queues an answer's write. The write's work would hold back the frame that shows the next
	 * card, and its commit would hold back the reads planning and rendering the card after (the
	 * browser answers a read asked for after a write once that write is committed: 10–16 ms of a
	 * 35 ms grade-to-grade pace in the bench): it starts once that frame is painted and the card
	 * after it planned and rendered, or RENDER_WAIT_MS after the paint if that render is slow (at
	 * once if the page starts to leave).
	 */
	#queueWrite(records: AnswerRecords, learning: number, context: Answered): Promise<boolean> {
		const painted = this.painted();
		const planned = this.prepareNext();
		this.kept.learning.queue(learning);
		return this.writes.add({
			records,
			gate: painted.then((leaving) => (leaving ? undefined : atMost(planned, RENDER_WAIT_MS))),
			// Moved as the write starts: a count begun earlier cannot see the write.
			onStart: () => this.kept.learning.start(learning),
			context
		});
	}

	/** The answer written before the next card is planned: the way when no lookahead holds. */
	async #answerInOrder(
		card: CardRecord,
		input: AnswerInput,
		learning: number,
		leech: LeechAction | undefined,
		kept?: KeptGrade
	): Promise<void> {
		if (!(await this.writesLanded())) {
			return; // An earlier answer failed to save: its card is put back instead.
		}
		this.kept.learning.move(learning);
		try {
			await timed('answer', () => answerCard(this.db, input, kept?.signal));
		} catch (error) {
			this.kept.learning.move(-learning);
			kept?.signal.throwIfAborted();
			if (classifyWriteError(error) !== 'stale') {
				throw error;
			}
			// Answered in another tab: nothing lost, nothing doubled; say so and move on.
			this.#forgetAll(error);
			await this.loadNext();
			return;
		}
		this.kept.moveProgress(card.state, 1);
		await this.loadNext(true);
		if (leech) {
			this.notice = leechNotice(leech);
		}
		// Counted once the next card is ready, so the screen changes once: one render, one paint.
		this.offerUndo({ kind: 'answer', reviewId: input.reviewId! });
		this.answeredCount += 1;
	}

	/** Something this session did not expect changed the stored queue: it is read again. */
	#forgetAll(error: unknown): void {
		this.notice = describeWriteError(error);
		this.kept.forget();
	}

	/** A queued answer's card had been answered in another tab: not counted, nor undoable. */
	protected answeredElsewhere(answer: QueuedAnswer<Answered>, error: unknown): void {
		this.undoStack = withoutAnswer(this.undoStack, answer.records.review.id);
		this.#forgetAll(error);
	}

	/**
	 * A queued answer's write failed: the screen goes back to that card, answer shown, with the
	 * error and a retry (answer-put-back.ts); the answers given after it were not written either.
	 */
	protected putBack(answer: QueuedAnswer<Answered>, error: unknown): void {
		const { before, shown, grade } = answer.context;
		let later = 0;
		const putBack = async () => {
			showScreen(this, before);
			// Writes the page's leaving started may have landed: the queue is read again.
			this.kept.forget();
			this.kept.learning.dropQueued();
			later = this.writes.resume() - 1;
			throw error;
		};
		const attempt = async () => void (await this.#answer(shown, grade));
		void this.enqueue(async () => {
			await this.run(putBack, attempt);
			this.error = withLaterAnswers(this.error, later);
		});
	}
}
