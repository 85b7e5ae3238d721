// Every real deck in ../shared/fixtures/decks imports with the counts listed in its SOURCES.md:
// notes, cards, decks, note types, media, suspended cards and review history.
import { describe, expect, it } from 'vitest';
import { inspectBundle } from '$lib/domain/import/inspect';
import { commitImport } from '$lib/storage/import-commit';
import { freshDb, NOW } from '../helpers';
import { fixture, parse } from './import-helpers';

interface Expected {
	format: string;
	notes: number;
	cards: number;
	/** Decks in the file (including filtered and empty ones). */
	sourceDecks: number;
	/** Decks imported, with their note and card counts. */
	decks: [string, number, number][];
	noteTypes: string[];
	media: number;
	suspended: number;
	revlog: number;
	reviews: number;
}

const EXPECTED: Record<string, Expected> = {
	'anki-legacy1-sound.apkg': {
		format: 'apkg-anki2',
		notes: 1,
		cards: 1,
		sourceDecks: 1,
		decks: [['Default', 1, 1]],
		noteTypes: ['Basic'],
		media: 1,
		suspended: 0,
		revlog: 0,
		reviews: 0
	},
	'ankidroid-templates-legacy1.apkg': {
		format: 'apkg-anki2',
		notes: 48,
		cards: 146,
		sourceDecks: 11,
		decks: [
			['1-TEMPLATES', 0, 0],
			['1-TEMPLATES::Anatomy', 16, 95],
			['1-TEMPLATES::Conditionals', 3, 10],
			['1-TEMPLATES::Misc', 1, 3],
			['1-TEMPLATES::NestedClozes', 2, 7],
			['1-TEMPLATES::NormalClozes', 2, 6],
			['1-TEMPLATES::Reassign', 1, 2],
			['1-TEMPLATES::Typing broken', 23, 23]
		],
		noteTypes: [
			'Basic-conditional',
			'Basic-misc',
			'Conjugations Test Multi-Cloze',
			'Muscle',
			'NestedClozeTest',
			'Thaischrift',
			'TypingClozeTest',
			'cloze',
			'reassign'
		],
		media: 0,
		suspended: 0,
		revlog: 102,
		reviews: 102
	},
	'apkgparser-legacy2-anki21-media.apkg': {
		format: 'apkg-anki21',
		notes: 5,
		cards: 6,
		sourceDecks: 2,
		decks: [['Test deck', 5, 6]],
		noteTypes: ['Basic', 'Basic (optional reversed card)', 'Basic (type in the answer)', 'Cloze'],
		media: 2,
		suspended: 0,
		revlog: 7,
		reviews: 7
	},
	'apkgparser-latest-anki21b-media.apkg': {
		format: 'apkg-anki21b',
		notes: 5,
		cards: 6,
		sourceDecks: 2,
		decks: [['Test deck', 5, 6]],
		noteTypes: ['Basic', 'Basic (optional reversed card)', 'Basic (type in the answer)', 'Cloze'],
		media: 2,
		suspended: 0,
		revlog: 23,
		reviews: 23
	},
	'apkgparser-latest-anki21b-nomedia.colpkg': {
		format: 'colpkg-anki21b',
		notes: 6,
		cards: 8,
		sourceDecks: 3,
		decks: [['new_test_deck', 6, 8]],
		noteTypes: [
			'Basic',
			'Basic (and reversed card)',
			'Basic (optional reversed card)',
			'Basic (type in the answer)',
			'Cloze'
		],
		media: 0,
		suspended: 0,
		// 87 of the 88 history rows belong to cards deleted before the export.
		revlog: 88,
		reviews: 1
	},
	'french-cloze-anki21-nometa.apkg': {
		format: 'apkg-anki21',
		notes: 1639,
		cards: 1639,
		sourceDecks: 2,
		decks: [
			['Language French', 0, 0],
			['Language French::My french words and phrases', 1639, 1639]
		],
		noteTypes: ['My Cloze'],
		media: 0,
		suspended: 47,
		revlog: 3470,
		reviews: 3470
	},
	'2anki-thirdparty-japanese.apkg': {
		format: 'apkg-anki2',
		notes: 3,
		cards: 3,
		sourceDecks: 2,
		decks: [['Default', 3, 3]],
		noteTypes: ['n2a-basic'],
		media: 0,
		suspended: 0,
		revlog: 0,
		reviews: 0
	},
	'anki-notes-export-croatian.txt': {
		format: 'tsv',
		notes: 18,
		cards: 18,
		sourceDecks: 0,
		decks: [
			['Croatian Johns', 0, 0],
			['Croatian Johns::Vocabulary', 0, 0],
			['Croatian Johns::Vocabulary::Food', 0, 0],
			['Croatian Johns::Vocabulary::Food::Spices - začinima', 18, 18]
		],
		noteTypes: ['JohnsLanguageNote'],
		media: 0,
		suspended: 0,
		revlog: 0,
		reviews: 0
	},
	'notion-export-japanese-words.csv': {
		format: 'csv',
		notes: 3,
		cards: 3,
		sourceDecks: 0,
		decks: [['notion-export-japanese-words', 3, 3]],
		noteTypes: ['Basic'],
		media: 0,
		suspended: 0,
		revlog: 0,
		reviews: 0
	},
	'anki-testsuite-text-2fields.txt': {
		format: 'tsv',
		notes: 5,
		cards: 5,
		sourceDecks: 0,
		decks: [['anki-testsuite-text-2fields', 5, 5]],
		noteTypes: ['Basic'],
		media: 0,
		suspended: 0,
		revlog: 0,
		reviews: 0
	}
};

describe('every fixture deck', { timeout: 30_000 }, () => {
	for (const [name, want] of Object.entries(EXPECTED)) {
		it(`${name}: inspect reports the counts from SOURCES.md`, async () => {
			const report = inspectBundle(await parse(name, fixture(name)));
			expect(report.format).toBe(want.format);
			expect(report.notes).toBe(want.notes);
			expect(report.cards).toBe(want.cards);
			expect(report.source.decks).toBe(want.sourceDecks);
			expect(report.decks.map((d) => [d.name, d.notes, d.cards])).toEqual(want.decks);
			expect(report.noteTypes.map((t) => t.name).sort()).toEqual([...want.noteTypes].sort());
			expect(report.media).toBe(want.media);
			expect(report.suspended).toBe(want.suspended);
			expect(report.source.revlog).toBe(want.revlog);
			expect(report.reviews).toBe(want.reviews);
		});

		it(`${name}: commits into IndexedDB with the same counts`, async () => {
			const db = freshDb();
			const summary = await commitImport(db, await parse(name, fixture(name)), NOW);
			expect(summary.added).toBe(want.notes);
			expect(await db.notes.count()).toBe(want.notes);
			expect(await db.cards.count()).toBe(want.cards);
			expect(await db.cards.filter((card) => card.queue === 'suspended').count()).toBe(
				want.suspended
			);
			expect(await db.reviews.count()).toBe(want.reviews);
			expect(await db.media.count()).toBe(want.media);
			const deckNames = (await db.decks.toArray()).map((d) => d.name).sort();
			expect(deckNames).toEqual(want.decks.map((d) => d[0]).sort());
		});
	}
});
