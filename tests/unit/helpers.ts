import { readFileSync } from 'node:fs';
import { parseDeckJson, type DeckFile } from '$lib/domain/deck-file';
import { EngramDB } from '$lib/storage/db';

let counter = 0;

/** A new, empty database with a unique name, so tests never share state. */
export function freshDb(): EngramDB {
	counter += 1;
	return new EngramDB(`engram-test-${counter}-${crypto.randomUUID()}`);
}

export function bundledDeck(): DeckFile {
	return parseDeckJson(
		readFileSync(new URL('../../decks/october-1917.json', import.meta.url), 'utf8')
	);
}

/** A fixed clock: 2026-03-10 09:00 local time. */
export const NOW = new Date(2026, 2, 10, 9, 0, 0);
