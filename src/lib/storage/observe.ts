/** Dexie's liveQuery behind a plain callback API, so the UI never imports dexie itself. */
import Dexie, { liveQuery } from 'dexie';

export function observe<T>(
	query: () => Promise<T>,
	onValue: (value: T) => void,
	onError: (error: unknown) => void
): () => void {
	const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
	return () => subscription.unsubscribe();
}

/**
 * What changed in one committed write (Dexie's parts of the database it touched): opaque, only
 * passed back to `isCommitOf` to tell the tab's own writes from the others.
 */
export type TableChange = Readonly<Record<string, unknown>>;

/**
 * Calls `onChange` after every committed write to one of `tables` of `db`, made in this tab or
 * another (Dexie's `storagemutated` event, which liveQuery itself listens to).
 */
export function onTablesChanged(
	db: { name: string },
	tables: readonly string[],
	onChange: (change: TableChange) => void
): () => void {
	const prefixes = tables.map((table) => `idb://${db.name}/${table}/`);
	const listener = (parts: Record<string, unknown>) => {
		if (Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) {
			onChange(parts);
		}
	};
	Dexie.on('storagemutated', listener);
	return () => Dexie.on('storagemutated').unsubscribe(listener);
}

/**
 * Whether `change` is the commit of `transaction`: Dexie fires a tab's own commit with the very
 * parts object it gathered on that transaction (another tab's arrive as a copy).
 */
export function isCommitOf(transaction: IDBTransaction | undefined, change: TableChange): boolean {
	const parts = (transaction as { mutatedParts?: unknown } | undefined)?.mutatedParts;
	return parts !== undefined && parts === change;
}
