/** Today's raised daily limits (custom study): written per deck and study day, read by the scope. */
import {
	dayKey,
	raise,
	type LimitExtension,
	type LimitKind
} from '$lib/domain/custom-study/limit-extension';
import { newId } from '$lib/domain/ids';
import { studyDay } from '$lib/domain/study-day';
import type { EngramDB } from './db';

/**
 * Raises the deck's new or review limit by `delta` for the study day of `now`: a new event row
 * (never an update of another, so merged copies add up). Other days' rows of the deck, expired,
 * are deleted in the same transaction (no tombstone: one brought back by a merge counts for
 * nothing, as its day has passed).
 */
export async function extendTodayLimit(
	db: EngramDB,
	deckId: string,
	kind: LimitKind,
	delta: number,
	now: Date,
	dayStartHour?: number
): Promise<LimitExtension> {
	const day = studyDay(now, dayStartHour);
	return db.transaction('rw', db.limitExtensions, async () => {
		const all = await db.limitExtensions.where('deckId').equals(deckId).toArray();
		const expired = all.filter((extension) => extension.day !== dayKey(day));
		await db.limitExtensions.bulkDelete(expired.map((extension) => extension.id));
		const next = raise(newId(), deckId, day, kind, delta, now);
		await db.limitExtensions.add(next);
		return next;
	});
}

/** The deck's extensions, whatever their day: a handful, expired ones ignored by `dailyLimits`. */
export function extensionsOf(db: EngramDB, deckId: string): Promise<LimitExtension[]> {
	return db.limitExtensions.where('deckId').equals(deckId).toArray();
}
