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
 * Calls `onChange` after every committed write to one of `tables` of `db`, made in this tab or
 * another (Dexie's `storagemutated` event, which liveQuery itself listens to).
 */
export function onTablesChanged(
	db: { name: string },
	tables: readonly string[],
	onChange: () => void
): () => void {
	const prefixes = tables.map((table) => `idb://${db.name}/${table}/`);
	const listener = (parts: Record<string, unknown>) => {
		if (Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) {
			onChange();
		}
	};
	Dexie.on('storagemutated', listener);
	return () => Dexie.on('storagemutated').unsubscribe(listener);
}
