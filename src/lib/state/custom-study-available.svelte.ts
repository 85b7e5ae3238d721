/**
 * The custom study dialog's "(N available)" per option, read while the dialog is open. The
 * storage code loads on the first count, so neither Today nor the study screen carries it.
 */
import type { CustomStudyKind, CustomStudyRequest } from '$lib/domain/custom-study/request';
import { getDb } from '$lib/storage/db';

const clock = () => new Date();

export class AvailableCounts {
	/** Per option, the cards it would get with its current number; missing while unknown. */
	counts = $state<Partial<Record<CustomStudyKind, number>>>({});
	/** The latest count asked for per option: an older answer arriving late is dropped. */
	#asked: Partial<Record<CustomStudyKind, number>> = {};
	#next = 0;

	/** Counts `request` for its option; undefined (a number not valid yet) forgets the count. */
	async count(
		deckId: string,
		kind: CustomStudyKind,
		request: CustomStudyRequest | undefined,
		dayStartHour?: number
	): Promise<void> {
		const ask = (this.#next += 1);
		this.#asked[kind] = ask;
		if (!request) {
			delete this.counts[kind];
			return;
		}
		try {
			const { availableFor } = await import('$lib/storage/custom-study-counts');
			const count = await availableFor(getDb(), deckId, request, clock(), dayStartHour);
			if (this.#asked[kind] === ask) {
				this.counts[kind] = count;
			}
		} catch {
			// A count is a hint: a search it cannot run (a deck gone) shows none.
			if (this.#asked[kind] === ask) {
				delete this.counts[kind];
			}
		}
	}
}
