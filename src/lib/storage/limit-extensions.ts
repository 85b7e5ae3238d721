/** Today's raised daily limits (custom study): written per deck and study day, read by the scope. */
import {
	extended,
	extensionId,
	type LimitExtension,
	type LimitKind
} from '$lib/domain/custom-study/limit-extension';
import { studyDay } from '$lib/domain/study-day';
import type { EngramDB } from './db';

/**
 * Raises the deck's new or review limit by `delta` for the study day of `now`; earlier days'
 * records of the deck, expired, are deleted in the same transaction.
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
	const id = extensionId(deckId, day);
	return db.transaction('rw', db.limitExtensions, async () => {
		const all = await db.limitExtensions.where('deckId').equals(deckId).toArray();
		const expired = all.filter((extension) => extension.id !== id).map((e) => e.id);
		await db.limitExtensions.bulkDelete(expired);
		const next = extended(
			all.find((extension) => extension.id === id),
			deckId,
			day,
			kind,
			delta,
			now
		);
		await db.limitExtensions.put(next);
		return next;
	});
}

/** The deck's extensions, whatever their day: a handful, expired ones ignored by `dailyLimits`. */
export function extensionsOf(db: EngramDB, deckId: string): Promise<LimitExtension[]> {
	return db.limitExtensions.where('deckId').equals(deckId).toArray();
}
