/**
 * Custom flag names in a merge restore, like any setting and its deletion: each flag's name
 * takes the side that changed it last, flag by flag; a name emptied (deleted, with a tombstone)
 * after the other side set it stays deleted, and a name set after the deletion comes back.
 */
import { describe, expect, it } from 'vitest';
import { createBackup, restoreBackup } from '$lib/storage/backup';
import { getFlagNames, setFlagName } from '$lib/storage/flag-names';
import { freshDb, NOW } from '../helpers';
import { MINUTE, richCollection } from './rich-collection';

const at = (hours: number) => new Date(NOW.getTime() + hours * 60 * MINUTE);

/** Two devices holding the same collection. */
async function twoDevices() {
	const phone = (await richCollection()).db;
	const laptop = freshDb();
	await restoreBackup(laptop, await createBackup(phone, NOW), 'replace');
	return { phone, laptop };
}

describe('flag names in a merge restore', () => {
	it('each flag keeps the name changed last, whichever side changed it', async () => {
		const { phone, laptop } = await twoDevices();
		await setFlagName(phone, 1, 'Phone red', at(1));
		await setFlagName(laptop, 1, 'Laptop red', at(2));
		await setFlagName(laptop, 2, 'Laptop orange', at(1));
		await setFlagName(phone, 2, 'Phone orange', at(3));
		await setFlagName(laptop, 4, 'Only laptop', at(1));

		const summary = await restoreBackup(phone, await createBackup(laptop, at(4)), 'merge');
		expect(await getFlagNames(phone)).toEqual({
			1: 'Laptop red',
			2: 'Phone orange',
			4: 'Only laptop'
		});
		expect(summary.added.settings).toBe(1);
		expect((await phone.settings.get('flagName.1'))?.mtime).toBe(at(2).getTime());
	});

	it('a name deleted after the other side set it stays deleted; one set after a deletion wins', async () => {
		const { phone, laptop } = await twoDevices();
		await setFlagName(phone, 3, 'Check source', at(1));
		await restoreBackup(laptop, await createBackup(phone, at(1)), 'merge');
		expect(await getFlagNames(laptop)).toEqual({ 3: 'Check source' });
		await setFlagName(laptop, 3, '', at(2));
		expect(await laptop.tombstones.get(['settings', 'flagName.3'])).toMatchObject({
			deletedAt: at(2).getTime()
		});

		// The newer tombstone wins: the name goes here too, and an older backup does not bring it back.
		const older = await createBackup(phone, at(1));
		await restoreBackup(phone, await createBackup(laptop, at(3)), 'merge');
		expect(await getFlagNames(phone)).toEqual({});
		expect(await phone.settings.get('flagName.3')).toBeUndefined();
		await restoreBackup(phone, older, 'merge');
		expect(await getFlagNames(phone)).toEqual({});

		// Named again after the deletion: newer than the tombstone, the name wins on both sides.
		await setFlagName(phone, 3, 'Look again', at(5));
		await restoreBackup(phone, await createBackup(laptop, at(6)), 'merge');
		expect(await getFlagNames(phone)).toEqual({ 3: 'Look again' });
		await restoreBackup(laptop, await createBackup(phone, at(7)), 'merge');
		expect(await getFlagNames(laptop)).toEqual({ 3: 'Look again' });
	});
});
