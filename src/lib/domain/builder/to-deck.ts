/** Accepted candidates → a deck file that passes the same validation as any imported deck. */
import { parseDeckFile, type DeckFile } from '../deck-file';
import type { SourceAttribution } from '../model';
import type { Candidate } from './candidate';

export interface DeckOptions {
	id: string;
	name: string;
	description?: string;
	source?: SourceAttribution;
}

export function candidatesToDeck(candidates: readonly Candidate[], options: DeckOptions): DeckFile {
	return parseDeckFile({
		format: 'engram-deck',
		version: 1,
		id: options.id,
		name: options.name,
		description: options.description ?? '',
		...(options.source ? { source: options.source } : {}),
		notes: candidates.map((c) => ({
			// Prefixed with the deck id so notes of two decks built from one passage never clash.
			id: `${options.id}:${c.id}`,
			type: c.type,
			kind: c.kind,
			fields: c.fields,
			source: c.source,
			tags: c.tags
		}))
	});
}
