import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeckFile } from '$lib/domain/deck-file';
import { deckFileToRecords } from '$lib/domain/deck-records';
import { stampSeed, type SeedArtefact } from '$lib/domain/seed-artefact';
import { seedJson } from '../../scripts/bundled-deck-seed';
import { NOW } from './helpers';

const DECKS = new URL('../../decks/', import.meta.url);
const deckFiles = readdirSync(DECKS).filter(
	(name) => name.endsWith('.json') && !name.includes('schema')
);

describe('the bundled decks the build ships pre-validated', () => {
	it('finds the decks to check', () => {
		expect(deckFiles).toContain('october-1917.json');
	});

	it.each(deckFiles)(
		'%s: the shipped JSON, stamped, equals validating and generating it',
		async (name) => {
			const file = new URL(name, DECKS);
			// Exactly the text the build emits as the asset.
			const shipped = JSON.parse(await seedJson(file.pathname)) as SeedArtefact;
			const expected = deckFileToRecords(
				parseDeckFile(JSON.parse(readFileSync(file, 'utf8'))),
				NOW
			);
			// toEqual: JSON has no `undefined`, so an absent optional field (kind, source) stays absent.
			expect(stampSeed(shipped, NOW)).toEqual(expected);
			expect(expected.cards.length).toBeGreaterThan(0);
		}
	);

	it('fails the build on a deck file that is not valid', async () => {
		await expect(seedJson(new URL('engram-deck.schema.json', DECKS).pathname)).rejects.toThrow(
			/Not a valid Engram deck/
		);
	});
});
