/** Dexie's liveQuery behind a plain callback API, so the UI never imports dexie itself. */
import { liveQuery } from 'dexie';

export function observe<T>(
	query: () => Promise<T>,
	onValue: (value: T) => void,
	onError: (error: unknown) => void
): () => void {
	const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
	return () => subscription.unsubscribe();
}
