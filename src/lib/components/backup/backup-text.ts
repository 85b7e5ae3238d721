/** Words for what a backup holds and what a restore did. */
import type { TableCounts, TableName } from '$lib/domain/backup/format';

const NOUNS: [TableName, string, string][] = [
	['decks', 'deck', 'decks'],
	['notes', 'note', 'notes'],
	['cards', 'card', 'cards'],
	['reviews', 'review', 'reviews'],
	['media', 'media file', 'media files'],
	['presets', 'preset', 'presets'],
	['noteTypes', 'note type', 'note types'],
	['settings', 'setting', 'settings'],
	['tombstones', 'deletion', 'deletions'],
	['filteredDecks', 'custom study session', 'custom study sessions'],
	['previews', 'previewed card', 'previewed cards'],
	['limitExtensions', 'raised daily limit', 'raised daily limits']
];

/** "1 deck, 72 cards, 8 reviews" — tables with nothing in them are left out (or all, if `all`). */
export function describeCounts(counts: TableCounts, all = false): string {
	const parts = NOUNS.filter(([table]) => all || counts[table] > 0).map(
		([table, one, many]) =>
			`${counts[table].toLocaleString('en')} ${counts[table] === 1 ? one : many}`
	);
	return parts.length > 0 ? parts.join(', ') : 'nothing';
}

/** "29 Nov 2026, 14:05": when a backup or restore point was made, in the user's time. */
export function describeTime(time: string | number): string {
	return new Date(time).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}
