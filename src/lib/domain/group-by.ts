/** Items grouped by a key, in their original order. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
	const map = new Map<K, T[]>();
	for (const item of items) {
		const list = map.get(key(item));
		if (list) {
			list.push(item);
		} else {
			map.set(key(item), [item]);
		}
	}
	return map;
}
