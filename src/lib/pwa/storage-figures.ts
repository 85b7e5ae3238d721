/** Plain words for what the browser says about Engram's storage. */

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB"; decimal steps of 1000 like the browsers' own settings pages. */
export function formatBytes(bytes: number): string {
	let value = Math.max(0, bytes);
	let unit = 0;
	while (value >= 1000 && unit < UNITS.length - 1) {
		value /= 1000;
		unit += 1;
	}
	const digits = unit === 0 || value >= 100 ? 0 : 1;
	return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

export interface StorageFacts {
	persisted: boolean;
	installed: boolean;
}

/**
 * Whether the browser may delete the collection to free space: only persistent storage is safe
 * from eviction, and an installed app is far less likely to be evicted than a tab.
 */
export function mayBeEvicted({ persisted, installed }: StorageFacts): boolean {
	return !persisted && !installed;
}
