/** Custom flag names: stored per flag with an mtime, an empty name gives the colour back, shown
 * in bulk-edit messages, card info and the study screens' notice after a flag. */
import { describe, expect, it } from 'vitest';
import { describeCard } from '$lib/domain/card-info';
import { flagName, flagNames } from '$lib/domain/flags';
import { CustomStudySession } from '$lib/state/custom-study-session.svelte';
import { StudySession } from '$lib/state/study-session.svelte';
import { applyBulk } from '$lib/storage/bulk-edit';
import { loadCardInfo } from '$lib/storage/card-info';
import { customStudy } from '$lib/storage/custom-study';
import { cardsInDeck } from '$lib/storage/deck-rows';
import { getFlagNames, setFlagName } from '$lib/storage/flag-names';
import { NOW, seededDb } from './helpers';

const LATER = new Date(NOW.getTime() + 60_000);

describe('custom flag names', () => {
	it('names a flag, shown instead of its colour; an empty name gives the colour back', async () => {
		const { db } = await seededDb();
		await setFlagName(db, 1, '  Check   source ', NOW);
		expect(await getFlagNames(db)).toEqual({ 1: 'Check source' });
		expect(await db.settings.get('flagName.1')).toEqual({
			key: 'flagName.1',
			value: 'Check source',
			mtime: NOW.getTime()
		});
		const names = await getFlagNames(db);
		expect(flagName(1, names)).toBe('Check source');
		expect(flagNames(names).map((f) => f.name)).toEqual([
			'Check source',
			'Orange',
			'Green',
			'Blue',
			'Pink',
			'Turquoise',
			'Purple'
		]);

		await setFlagName(db, 1, '   ', LATER);
		expect(await getFlagNames(db)).toEqual({});
		expect(await db.settings.get('flagName.1')).toBeUndefined();
		// The deletion is recorded, so an older backup merged in does not bring the name back.
		expect(await db.tombstones.get(['settings', 'flagName.1'])).toMatchObject({
			deletedAt: LATER.getTime()
		});
	});

	it('refuses a name too long or a flag that is not one, changing nothing', async () => {
		const { db } = await seededDb();
		await setFlagName(db, 2, 'Ask', NOW);
		await expect(setFlagName(db, 2, 'x'.repeat(61), LATER)).rejects.toThrow(/at most 60/);
		await expect(setFlagName(db, 8 as 1, 'Nope', LATER)).rejects.toThrow(/1 to 7/);
		expect(await getFlagNames(db)).toEqual({ 2: 'Ask' });
	});

	it('bulk flag messages and card info use the custom name', async () => {
		const { db, deckId } = await seededDb();
		await setFlagName(db, 3, 'Done', NOW);
		const [card] = await cardsInDeck(db, deckId).limit(1).toArray();
		const change = await applyBulk(db, [card!.id], 'flag', '3', NOW);
		expect(change.message).toBe('1 card flagged “Done”.');
		const info = (await loadCardInfo(db, card!.id))!;
		expect(info.flagName).toBe('Done');
		expect(describeCard(info, NOW, 'en').rows).toContainEqual({ label: 'Flag', value: 'Done' });
		const red = await applyBulk(db, [card!.id], 'flag', '1', LATER);
		expect(red.message).toBe('1 card flagged red.');
		expect((await loadCardInfo(db, card!.id))?.flagName).toBe('Red');
	});

	it.each(['daily', 'custom study'])(
		'the %s session’s notice names the flag it set, by colour and custom name',
		async (kind) => {
			const { db, deckId } = await seededDb();
			await setFlagName(db, 1, 'Check source', NOW);
			const custom = await customStudy(db, deckId, { kind: 'preview', days: 1 }, NOW, 4);
			const session =
				kind === 'daily'
					? new StudySession(db, deckId, () => NOW)
					: new CustomStudySession(db, custom.kind === 'filtered' ? custom.id : '', () => NOW);
			await session.load();
			await session.flag(1);
			expect(session.notice).toBe('Flagged red: Check source.');
			await session.flag(3);
			expect(session.notice).toBe('Flagged green.');
			await session.flag(0);
			expect(session.notice).toBe('Flag removed.');
		}
	);
});
