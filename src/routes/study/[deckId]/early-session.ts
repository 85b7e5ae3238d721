/**
 * A cold start's study session: made when the study route's code loads, while the collection is
 * still opening, so its first card's reads start as soon as the collection may be read (beside
 * the rest of the open and the app's boot) instead of after both. Not a `+page.ts` load function:
 * the first route with one adds SvelteKit's universal-load code (0.8 KiB gzip) to the first screen.
 */
import { studiedDeck } from '$lib/domain/resume-card';
import { collection } from '$lib/state/collection.svelte';
import { StudySession } from '$lib/state/study-session.svelte';
import { getDb } from '$lib/storage/db';

let early: StudySession | undefined;

/** Starts the session of the deck in `pathname` when the collection is not open yet. */
export function startEarly(pathname: string): void {
	const deckId = studiedDeck(pathname);
	if (deckId && !collection.ready) {
		// The day-start hour is read by the session itself: preferences are not loaded yet.
		early = new StudySession(getDb(), deckId);
		early.preload(collection.readable(), () => collection.wroteOnOpen);
	}
}

/** The early session if it is `deckId`'s, once: a later visit makes its own. */
export function takeEarly(deckId: string): StudySession | undefined {
	const session = early?.deckId === deckId ? early : undefined;
	early = undefined;
	return session;
}
