// The bench's generated .apkg (tests/bench/import-fixtures.ts), read back by the app's own
// importer: a tenth of its cards studied, each with its history, the rest new without any.
import { describe, expect, it } from 'vitest';
import { State } from '$lib/domain/fsrs-enums';
import { apkgFixture, STUDIED_KEPT } from '../bench/import-fixtures';
import { parse } from './import/import-helpers';
import { NOW } from './helpers';

describe('the bench .apkg import file', () => {
	it('keeps the history of about a tenth of its cards and carries the rest as new', async () => {
		const fixture = await apkgFixture(400, 7, NOW.getTime());
		const bundle = await parse(fixture.name, new Uint8Array(fixture.buffer));
		expect(bundle.notes).toHaveLength(400);
		const reviewed = new Set(bundle.reviews.map((review) => review.cardId));
		const studied = bundle.cards.filter((card) => card.state !== State.New);
		expect(studied.length).toBeGreaterThan(0);
		// Every studied card brings its history, and no new card has any.
		expect(new Set(studied.map((card) => card.id))).toEqual(reviewed);
		// The generator studies 80 % of the cards; the file keeps one in STUDIED_KEPT of those.
		const share = studied.length / bundle.cards.length;
		expect(share).toBeGreaterThan(0.8 * STUDIED_KEPT * 0.5);
		expect(share).toBeLessThan(0.8 * STUDIED_KEPT * 1.5);
		expect(bundle.reviews.length).toBeLessThan(bundle.cards.length);
	});
});
