/**
 * What the journaled-write tests share: a large CSV deck, and a connection whose writes stop
 * part-way (a crash).
 */
import type { EngramDB } from '$lib/storage/db';
import { text } from '../shared/hostile-decks';
import { wrapTables } from './dbcore-wrap';
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
