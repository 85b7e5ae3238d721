/**
 * "Increase today's new/review card limit" (Anki's custom study `extend_limits`): extra cards a
 * deck may show on one study day only. Each raise is an immutable event with its own id, for the
 * deck and the study day's date, and a day's limit adds up every raise of that day: so it
 * expires by itself when the next day starts, and two devices that each raised the same deck
 * keep both raises when merged (a merge, and later a sync, unions events by id; one record per
 * deck and day, as before, kept only the newer raise). Records written before that (id
 * `deckId|day`, the day's running total on one device) are read the same way.
 */
import type { DeckPreset } from '../preset';
import type { StudyDay } from '../study-day';

export interface LimitExtension {
	/** A unique id per raise (legacy records: `${deckId}|YYYY-MM-DD`, that device's total). */
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

/** One raise of the deck's `kind` limit by `delta` cards on `day`, as its own event `id`. */
export function raise(
	id: string,
	deckId: string,
	day: StudyDay,
	kind: LimitKind,
	delta: number,
	now: Date
): LimitExtension {
	return {
		id,
		deckId,
		day: dayKey(day),
		extraNew: kind === 'new' ? delta : 0,
		extraReview: kind === 'review' ? delta : 0,
		mtime: now.getTime()
	};
}

export interface DailyLimits {
	newPerDay: number;
	reviewsPerDay: number;
}

/** The preset's daily limits plus every raise in `extensions` for `day` (others have expired). */
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
