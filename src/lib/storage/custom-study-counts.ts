/**
 * How many cards each custom study option would get, as Anki's dialog shows them: for a raised
 * limit, the deck's new cards or today's due reviews whatever the limit (Anki's "available" is
 * uncapped); for a session, the cards its search would choose now. Read when the dialog opens
 * (it and this module load only then), never on Today's first screen.
 */
import { filteredConfig } from '$lib/domain/custom-study/filtered';
import type { CustomStudyRequest } from '$lib/domain/custom-study/request';
import { studyDay } from '$lib/domain/study-day';
import { countChosen } from './custom-study';
import type { EngramDB } from './db';
import { byDue, newCards, perDeck, studyScope } from './queue-counts';

async function limitAvailable(
	db: EngramDB,
	deckId: string,
	kind: 'new' | 'review',
	now: Date,
	dayStartHour?: number
): Promise<number> {
	const scope = await studyScope(db, deckId);
	const dayEnd = studyDay(now, dayStartHour).end;
	const counts = await perDeck(scope, (id) =>
		(kind === 'new' ? newCards(db, id) : byDue(db, id, 'review', dayEnd)).count()
	);
	return counts.reduce((sum, count) => sum + count, 0);
}

/** The cards `request` would give on `deckId` at `now`; 0 for a deck that no longer exists. */
export async function availableFor(
	db: EngramDB,
	deckId: string,
	request: CustomStudyRequest,
	now: Date,
	dayStartHour?: number
): Promise<number> {
	if (request.kind === 'new-limit' || request.kind === 'review-limit') {
		const kind = request.kind === 'new-limit' ? 'new' : 'review';
		return limitAvailable(db, deckId, kind, now, dayStartHour);
	}
	const deck = await db.decks.get(deckId);
	if (!deck) {
		return 0;
	}
	return countChosen(db, filteredConfig(deck.name, request), now, dayStartHour);
}
