/**
 * Custom study's tables (today's raised limits, the sessions, their previews) travel in a backup:
 * a replace makes them exactly the backup's (no stale session left pointing at missing cards), a
 * merge joins them (the newer session wins, a deleted one stays deleted with its previews), a
 * malformed record is refused, and a backup made before they existed still restores.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BACKUP_MESSAGES } from '$lib/domain/backup/format';
import { combinedChecksum } from '$lib/domain/backup/pack';
import { Rating } from '$lib/domain/scheduler';
import { Sha256 } from '$lib/domain/sha256-stream';
import { createBackup, restoreBackup } from '$lib/storage/backup';
import { customStudy, deleteFiltered, rebuildFiltered } from '$lib/storage/custom-study';
import type { EngramDB } from '$lib/storage/db';
import { readFilteredSession, recordPreview } from '$lib/storage/filtered-session';
import { extensionsOf } from '$lib/storage/limit-extensions';
import { dailyLimits } from '$lib/domain/custom-study/limit-extension';
import { studyDay } from '$lib/domain/study-day';
import { freshDb, NOW, seededDb } from '../helpers';
import { dump, MINUTE, richCollection } from './rich-collection';

const HOUR = 4;
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

/** A rich collection with a raised limit and a preview session with one card previewed. */
async function withCustomStudy() {
	const rich = await richCollection();
	const { db, deckId } = rich;
	await customStudy(db, deckId, { kind: 'new-limit', delta: 5 }, NOW, HOUR);
	const done = await customStudy(db, deckId, { kind: 'preview', days: 1 }, NOW, HOUR);
	const sessionId = (done as { id: string }).id;
	const card = (await readFilteredSession(db, sessionId, NOW))!.queue.ready[0]!;
	await recordPreview(db, {
		id: 'preview-1',
		cardId: card.id,
		deckId,
		filteredId: sessionId,
		rating: Rating.Again,
		answeredAt: at(1),
		duration: 1200
	});
	return { ...rich, sessionId };
}

function counts(db: EngramDB) {
	return Promise.all([db.limitExtensions.count(), db.filteredDecks.count(), db.previews.count()]);
}

/** The backup as it was before custom study's tables existed (schema 9). */
function withoutCustomStudy(bytes: Uint8Array): Uint8Array {
	const entries = unzipSync(bytes);
	const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
		counts: Record<string, number>;
		tableChecksums: Record<string, string>;
		checksum: string;
		dbSchemaVersion: number;
	};
	for (const table of ['limitExtensions', 'filteredDecks', 'previews']) {
		delete entries[`tables/${table}.jsonl`];
		delete manifest.counts[table];
		delete manifest.tableChecksums[table];
	}
	manifest.dbSchemaVersion = 9;
	manifest.checksum = combinedChecksum(manifest.tableChecksums);
	expect(manifest.checksum).not.toBe(new Sha256().hex());
	entries['manifest.json'] = strToU8(JSON.stringify(manifest));
	return zipSync(entries);
}

describe('custom study in backups', () => {
	it('a backup carries the three tables and restores them identically into an empty database', async () => {
		const { db } = await withCustomStudy();
		expect(await counts(db)).toEqual([1, 1, 1]);
		const before = await dump(db);
		const bytes = await createBackup(db, NOW);
		const manifest = JSON.parse(new TextDecoder().decode(unzipSync(bytes)['manifest.json'])) as {
			counts: Record<string, number>;
		};
		expect(manifest.counts).toMatchObject({ limitExtensions: 1, filteredDecks: 1, previews: 1 });

		const empty = freshDb();
		const summary = await restoreBackup(empty, bytes, 'replace');
		expect(summary.added).toMatchObject({ limitExtensions: 1, filteredDecks: 1, previews: 1 });
		expect(await dump(empty)).toEqual(before);
	});

	it('replace drops this device’s sessions, previews and raised limits', async () => {
		const { db } = await withCustomStudy();
		const { db: other } = await seededDb(NOW);
		const bytes = await createBackup(other, NOW);
		const expected = await dump(other);

		await restoreBackup(db, bytes, 'replace');
		expect(await counts(db)).toEqual([0, 0, 0]);
		expect(await dump(db)).toEqual(expected);
	});

	it('merge adds the backup’s, keeps the newer session, and previews only of sessions kept', async () => {
		const phone = await withCustomStudy();
		const laptop = freshDb();
		await restoreBackup(laptop, await createBackup(phone.db, NOW), 'replace');
		// The laptop rebuilds the session later: its copy is newer, and its previews start over.
		await rebuildFiltered(laptop, phone.sessionId, at(10), HOUR);
		const rebuilt = await laptop.filteredDecks.get(phone.sessionId);

		const summary = await restoreBackup(phone.db, await createBackup(laptop, at(11)), 'merge');
		expect(summary.updated.filteredDecks).toBe(1);
		expect(await phone.db.filteredDecks.get(phone.sessionId)).toEqual(rebuilt);
		// The phone's preview is an event: it stays (the rebuilt session reads answers after its build).
		expect(await phone.db.previews.count()).toBe(1);
		expect(await phone.db.limitExtensions.count()).toBe(1);

		// Into an empty collection, the merge brings everything.
		const empty = freshDb();
		const added = await restoreBackup(empty, await createBackup(phone.db, at(12)), 'merge');
		expect(added.added).toMatchObject({ limitExtensions: 1, filteredDecks: 1, previews: 1 });
	});

	it('two devices that each raised today’s limit keep both raises when merged, once', async () => {
		const phone = await withCustomStudy();
		const laptop = freshDb();
		await restoreBackup(laptop, await createBackup(phone.db, NOW), 'replace');
		const deckId = phone.deckId;
		// The same deck raised on both, the same study day, after the copy.
		await customStudy(phone.db, deckId, { kind: 'new-limit', delta: 4 }, at(2), HOUR);
		await customStudy(laptop, deckId, { kind: 'new-limit', delta: 7 }, at(3), HOUR);
		const extra = async (db: EngramDB) =>
			dailyLimits(
				{ newPerDay: 0, reviewsPerDay: 0 },
				await extensionsOf(db, deckId),
				studyDay(at(4), HOUR)
			).newPerDay;
		expect([await extra(phone.db), await extra(laptop)]).toEqual([9, 12]);

		const fromLaptop = await createBackup(laptop, at(4));
		await restoreBackup(phone.db, fromLaptop, 'merge');
		await restoreBackup(laptop, await createBackup(phone.db, at(5)), 'merge');
		// 5 (before the copy) + 4 (phone) + 7 (laptop), on both; merging again adds nothing.
		expect([await extra(phone.db), await extra(laptop)]).toEqual([16, 16]);
		await restoreBackup(phone.db, fromLaptop, 'merge');
		expect(await extra(phone.db)).toBe(16);
		expect(await phone.db.limitExtensions.count()).toBe(3);
	});

	it('a session deleted here does not come back from an older backup, nor do its previews', async () => {
		const { db, sessionId } = await withCustomStudy();
		const old = await createBackup(db, NOW);
		await deleteFiltered(db, sessionId, at(5));
		expect(await counts(db)).toEqual([1, 0, 0]);

		const summary = await restoreBackup(db, old, 'merge');
		expect(await db.filteredDecks.count()).toBe(0);
		expect(await db.previews.count()).toBe(0);
		expect(summary.added).toMatchObject({ filteredDecks: 0, previews: 0 });

		// The deletion travels too: merged into a device that still has the session, it goes.
		const laptop = freshDb();
		await restoreBackup(laptop, old, 'replace');
		const removed = await restoreBackup(laptop, await createBackup(db, at(6)), 'merge');
		expect(removed.removed.filteredDecks).toBe(1);
		expect(await laptop.filteredDecks.count()).toBe(0);
	});

	it('a malformed session, preview or raised limit is refused and changes nothing', async () => {
		const { db } = await withCustomStudy();
		const bytes = await createBackup(db, NOW);
		const target = await withCustomStudy();
		const before = await dump(target.db);
		const broken: [string, (text: string) => string][] = [
			['filteredDecks', (text) => text.replace('"order":"oldest-seen"', '"order":"sideways"')],
			['previews', (text) => text.replace(/"answeredAt":\{"\$date":\d+\}/, '"answeredAt":"soon"')],
			['limitExtensions', (text) => text.replace(/"day":"[^"]+"/, '"day":"tomorrow"')]
		];
		for (const [table, edit] of broken) {
			const entries = unzipSync(bytes);
			const name = `tables/${table}.jsonl`;
			const text = new TextDecoder().decode(entries[name]);
			const edited = edit(text);
			expect(edited).not.toBe(text);
			entries[name] = strToU8(edited);
			const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
				tableChecksums: Record<string, string>;
				checksum: string;
			};
			manifest.tableChecksums[table] = new Sha256().update(strToU8(edited)).hex();
			manifest.checksum = combinedChecksum(manifest.tableChecksums);
			entries['manifest.json'] = strToU8(JSON.stringify(manifest));
			for (const mode of ['replace', 'merge'] as const) {
				await expect(restoreBackup(target.db, zipSync(entries), mode)).rejects.toThrow(
					BACKUP_MESSAGES.badRecords
				);
			}
		}
		expect(await dump(target.db)).toEqual(before);
	});

	it('a backup made before custom study existed still restores: replace clears, merge keeps', async () => {
		const { db } = await withCustomStudy();
		const old = withoutCustomStudy(await createBackup(db, NOW));

		const target = await withCustomStudy();
		const merged = await restoreBackup(target.db, old, 'merge');
		expect(merged.mode).toBe('merge');
		expect(await counts(target.db)).toEqual([1, 1, 1]);

		const summary = await restoreBackup(target.db, old, 'replace');
		expect(summary.added).toMatchObject({ limitExtensions: 0, filteredDecks: 0, previews: 0 });
		expect(await counts(target.db)).toEqual([0, 0, 0]);
		const restored = await dump(target.db);
		const original = await dump(db);
		expect(restored.notes).toEqual(original.notes);
		expect(restored.reviews).toEqual(original.reviews);
	});
});
