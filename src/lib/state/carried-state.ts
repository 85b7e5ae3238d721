/**
 * What a screen shows, carried over the layout making it again when another tab's restore or
 * import ends (collection.ended counts those, and the layout remakes the screen to read the
 * collection anew). Without this a "not saved" error, and what the user typed, would vanish with
 * the old screen, and they would never learn that their work was not saved.
 *
 * Each is kept with the count of ended journals it was seen at: only a screen made after one more
 * ended gets it back; one opened anew starts afresh. The study screen carries its error (its
 * session reads the collection anew); a form keeps its whole state, under its own key.
 */
let carried: { path: string; error: string; seenAt: number } | undefined;

/** Keeps `error`, seen when `seenAt` journals had ended, for the screen made again at `path`. */
export function carryError(path: string, error: string, seenAt: number): void {
	carried = { path, error, seenAt };
}

/** The error carried to `path` over a journal's end (`ended` is the count now), once. */
export function takeCarriedError(path: string, ended: number): string | undefined {
	const found = carried?.path === path && ended > carried.seenAt ? carried.error : undefined;
	carried = undefined;
	return found;
}

const kept = new Map<string, { value: unknown; seenAt: number }>();

/**
 * A form's live state (what was typed, its error, a save under way), the same object for the
 * screen made again after a journal ended; `make()`'s for a screen opened anew. Keeping the
 * object itself, not a copy, means a save still running as the screen is remade ends in the
 * state the new screen shows: what it saved is cleared once, never offered to save twice.
 * Call `leaveKept` as the screen goes.
 */
export function keepOverRemake<T>(key: string, ended: number, make: () => T): T {
	const found = kept.get(key);
	const value = found && ended > found.seenAt ? (found.value as T) : make();
	kept.set(key, { value, seenAt: ended });
	return value;
}

/**
 * The screen made when `madeAt` journals had ended goes: its state is forgotten (the next visit
 * starts afresh) unless the screen is being made again. Then either its successor has already
 * taken the state (Svelte makes the new screen before it tears down the old) or a journal ended
 * since it was made and the successor will take it.
 */
export function leaveKept(key: string, madeAt: number, ended: number): void {
	if (kept.get(key)?.seenAt === madeAt && ended === madeAt) {
		kept.delete(key);
	}
}

/**
 * A navigation ends what a journal's end began: state that a screen made again left behind and
 * no successor took (a menu or dialog not shown again, a deck gone) is forgotten, so it cannot
 * come back, stale, when that screen is next opened. What the screens shown now keep stays.
 */
export function forgetUntaken(ended: number): void {
	for (const [key, { seenAt }] of kept) {
		if (seenAt < ended) {
			kept.delete(key);
		}
	}
}
