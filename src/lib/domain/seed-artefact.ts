/**
 * A bundled deck as the build ships it: already validated and turned into records, with every
 * time left out. A first visit only stamps the times in (`stampSeed`), so it loads neither the
 * deck validator (valibot) nor card generation; imported decks are still validated as before.
 * Built by scripts/bundled-deck-seed.ts with `toSeedArtefact` (seed-artefact-build.ts);
 * tests/unit/seed-artefact.test.ts checks the two together equal `deckFileToRecords`.
 */
import type { DeckRecords } from './deck-records';
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord } from './model';
import { newCardState } from './new-card-state';

type Timeless<T, K extends keyof T> = Omit<T, K>;

export interface SeedArtefact {
	deck: Timeless<DeckRecord, 'createdAt' | 'mtime'>;
	subdecks: Timeless<DeckRecord, 'createdAt' | 'mtime'>[];
	noteTypes: Timeless<NoteTypeRecord, 'mtime'>[];
	notes: Timeless<NoteRecord, 'createdAt' | 'mtime' | 'fieldMtimes'>[];
	cards: Pick<CardRecord, 'id' | 'noteId' | 'deckId' | 'ord' | 'queue' | 'position'>[];
}

/** The records of a freshly seeded deck at `now`: what `deckFileToRecords(file, now)` makes. */
export function stampSeed(seed: SeedArtefact, now: Date): DeckRecords {
	const time = now.getTime();
	const dated = <T>(record: T) => ({ ...record, createdAt: time, mtime: time });
	return {
		deck: dated(seed.deck),
		subdecks: seed.subdecks.map(dated),
		noteTypes: seed.noteTypes.map((type) => ({ ...type, mtime: time })),
		notes: seed.notes.map((note) => ({
			...note,
			fieldMtimes: Object.fromEntries(Object.keys(note.fields).map((name) => [name, time])),
			createdAt: time,
			mtime: time
		})),
		cards: seed.cards.map((card) => ({ ...newCardState(now), ...card, mtime: time }))
	};
}
