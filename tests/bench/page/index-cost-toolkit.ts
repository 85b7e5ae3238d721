/**
 * What a card's indexes cost a bulk edit, in a page: the same cards in two scratch databases, one
 * with schema 11's card indexes (every card in both new-card indexes, a `queue` index) and one
 * with schema 12's (domain/card-index-keys.ts: only new cards in them, no `queue`), each
 * suspended and put back in read-write transactions of a bulk edit's page, with the raw
 * IndexedDB API (writes only: the reads are the same for both). Run by index-cost-cli.ts.
 */
import { setIndexKeys } from '$lib/domain/card-index-keys';
import type { CardRecord } from '$lib/domain/model';
import { shuffleKey } from '$lib/domain/queue-policy';
import { BULK_PAGE } from '$lib/storage/bulk-edit';
import { requestResult, transactionDone } from './raw-idb';

const SCHEMAS = {
	old: 'noteId, queue, due, flag, [deckId+queue+due], [deckId+queue+position], [deckId+queue+shuffle]',
	new: 'noteId, due, flag, [deckId+queue+due], [deckId+queue+newPosition], [deckId+queue+shuffle]'
} as const;
type Schema = keyof typeof SCHEMAS;

export interface WriteTimes {
	editMs: number;
	undoMs: number;
	cards: number;
}

const stored: Record<Schema, CardRecord[]> = { old: [], new: [] };
const dbs = new Map<Schema, IDBDatabase>();

/** Cards shaped as the bench collections' are: 20% new, the rest reviews, over five decks. */
function makeCards(n: number): CardRecord[] {
	const decks = Array.from({ length: 5 }, () => crypto.randomUUID());
	const now = Date.now();
	return Array.from({ length: n }, (_, i) => {
		const fresh = i % 5 === 0;
		const due = new Date(now + (fresh ? 0 : ((i * 7919) % 400) * 86_400_000));
		return {
			id: `${crypto.randomUUID()}#0`,
			noteId: crypto.randomUUID(),
			deckId: decks[i % decks.length]!,
			ord: 0,
			queue: fresh ? 'new' : 'review',
			position: i,
			due,
			stability: fresh ? 0 : 12.5,
			difficulty: fresh ? 0 : 5.2,
			elapsed_days: 0,
			scheduled_days: fresh ? 0 : 12,
			learning_steps: 0,
			reps: fresh ? 0 : 4,
			lapses: 0,
			state: fresh ? 0 : 2,
			...(fresh ? {} : { last_review: new Date(now - 86_400_000) }),
			mtime: now
		};
	});
}

/** Schema 11 wrote `shuffle` on every card; schema 12 writes what setIndexKeys leaves. */
function asStored(schema: Schema, card: CardRecord): CardRecord {
	const copy = { ...card, shuffle: shuffleKey(card.id) };
	if (schema === 'new') {
		setIndexKeys(copy);
	}
	return copy;
}

function create(name: string, indexes: string): Promise<IDBDatabase> {
	indexedDB.deleteDatabase(name);
	const open = indexedDB.open(name, 1);
	open.onupgradeneeded = () => {
		const store = open.result.createObjectStore('cards', { keyPath: 'id' });
		for (const spec of indexes.split(', ')) {
			const compound = spec.startsWith('[');
			const keyPath = compound ? spec.slice(1, -1).split('+') : spec;
			store.createIndex(spec, keyPath);
		}
	};
	return requestResult(open);
}

async function putPages(db: IDBDatabase, cards: readonly CardRecord[]): Promise<void> {
	for (let start = 0; start < cards.length; start += BULK_PAGE) {
		const tx = db.transaction('cards', 'readwrite');
		const store = tx.objectStore('cards');
		for (const card of cards.slice(start, start + BULK_PAGE)) {
			store.put(card);
		}
		await transactionDone(tx);
	}
}

/** Makes `n` cards and writes them into both databases. */
async function prepare(n: number): Promise<number> {
	const cards = makeCards(n);
	for (const schema of ['old', 'new'] as const) {
		const db = await create(`index-cost-${schema}`, SCHEMAS[schema]);
		dbs.set(schema, db);
		stored[schema] = cards.map((card) => asStored(schema, card));
		await putPages(db, stored[schema]);
	}
	return cards.length;
}

async function timed(task: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await task();
	return performance.now() - start;
}

/** Suspends every card (as that schema's app writes it), then puts every card back. */
async function suspendAll(schema: Schema): Promise<WriteTimes> {
	const db = dbs.get(schema)!;
	const mtime = Date.now();
	const suspended = stored[schema].map((card) =>
		asStored(schema, { ...card, queue: 'suspended', mtime })
	);
	const editMs = await timed(() => putPages(db, suspended));
	const undoMs = await timed(() => putPages(db, stored[schema]));
	return { editMs, undoMs, cards: suspended.length };
}

const toolkit = { prepare, suspendAll };

declare global {
	var engramIndexCost: typeof toolkit;
}

globalThis.engramIndexCost = toolkit;
