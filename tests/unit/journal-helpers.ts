/**
 * What the journaled-write tests share: a large CSV deck, a connection whose writes stop
 * part-way (a crash), and a journal held open as another tab's restore or import holds it.
 */
import type { EngramDB } from '$lib/storage/db';
import { journaled, type JournalKind } from '$lib/storage/write-journal';
import { text } from '../shared/hostile-decks';
import { wrapTables } from './dbcore-wrap';
import { NOW } from './helpers';
import { parse } from './import/import-helpers';

/** A CSV deck of `notes` notes with ~400-character fields: about 1 KiB of records per note. */
export function bigCsv(notes: number, deck = 'Big') {
	const lines = [`#deck:${deck}`];
	for (let i = 0; i < notes; i += 1) {
		lines.push(`question ${i} ${'q'.repeat(400)},answer ${i} ${'a'.repeat(400)}`);
	}
	return parse(`${deck}.csv`, text(lines.join('\n')));
}

/**
 * After `count` writes to `table`, no write reaches the disk any more (the tab is gone): the
 * journaled write fails and its rollback cannot run either.
 */
export function crashAfter(db: EngramDB, table: string, count: number): void {
	let left = count;
	wrapTables(db, 'crash', (down, name) => ({
		mutate: (req) => {
			if (left === 0) {
				return Promise.reject(new DOMException('The tab was closed.', 'AbortError'));
			}
			if (name === table) {
				left -= 1;
			}
			return down.mutate(req);
		}
	}));
}

/**
 * Opens a journaled write of `kind`, as another tab's restore or import does, and holds it open
 * (every other write is refused meanwhile) until the returned function is called and awaited.
 */
export async function holdJournal(
	db: EngramDB,
	kind: JournalKind = 'import'
): Promise<() => Promise<void>> {
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	let opened: () => void = () => {};
	const open = new Promise<void>((resolve) => (opened = resolve));
	const write = journaled(db, kind, NOW, async () => {
		opened();
		await held;
	});
	await open;
	return async () => {
		release();
		await write;
	};
}
