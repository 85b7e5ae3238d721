/**
 * "Increase today's new/review card limit" (Anki's custom study `extend_limits`): extra cards a
 * deck may show on one study day only. Each is a record keyed by the deck and the study day's
 * date, so it expires by itself when the next day starts, and two devices extending the same
 * deck on the same day write the same id (a later sync keeps one record, not two).
 */
import type { DeckPreset } from '../preset';
import type { StudyDay } from '../study-day';

export interface LimitExtension {
	/** `${deckId}|YYYY-MM-DD` (the study day's local date): unique without a counter. */
	id: string;
	deckId: string;
	/** The study day's local date, `YYYY-MM-DD`. */
	day: string;
	extraNew: number;
	extraReview: number;
	mtime: number;
}

export type LimitKind = 'new' | 'review';

/** The study day's local calendar date: the same on every device in the same time zone. */
export function dayKey(day: StudyDay): string {
	const start = day.start;
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
}

export function extensionId(deckId: string, day: StudyDay): string {
	return `${deckId}|${dayKey(day)}`;
}

/** The extension after raising one limit by `delta` more cards today (it adds up, as in Anki). */
export function extended(
	existing: LimitExtension | undefined,
	deckId: string,
	day: StudyDay,
	kind: LimitKind,
	delta: number,
	now: Date
): LimitExtension {
	const base = existing ?? {
		id: extensionId(deckId, day),
		deckId,
		day: dayKey(day),
		extraNew: 0,
		extraReview: 0,
		mtime: 0
	};
	return {
		...base,
		extraNew: base.extraNew + (kind === 'new' ? delta : 0),
		extraReview: base.extraReview + (kind === 'review' ? delta : 0),
		mtime: now.getTime()
	};
}

export interface DailyLimits {
	newPerDay: number;
	reviewsPerDay: number;
}

/** The preset's daily limits plus whatever of `extensions` is for `day` (others have expired). */
export function dailyLimits(
	preset: Pick<DeckPreset, 'newPerDay' | 'reviewsPerDay'>,
	extensions: readonly LimitExtension[],
	day: StudyDay
): DailyLimits {
	const today = dayKey(day);
	const current = extensions.filter((extension) => extension.day === today);
	const extra = (key: 'extraNew' | 'extraReview') =>
		current.reduce((sum, extension) => sum + extension[key], 0);
	return {
		newPerDay: preset.newPerDay + extra('extraNew'),
		reviewsPerDay: preset.reviewsPerDay + extra('extraReview')
	};
}
