/**
 * A "not saved" error on the study screen when another tab's restore or import ends: the layout
 * makes the screen again then (collection.ended, to read the collection anew), and the new one
 * shows the error again, or the user would never learn that their answer was not saved. Kept at
 * every teardown with the count of ended journals it was seen at (a teardown may still read the
 * old count); shown only by a screen made after one more ended.
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
