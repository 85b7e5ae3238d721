/**
 * Formats the time until a card is due the way Anki labels its answer buttons:
 * `<1m`, `10m`, `3h`, `1d`, `12d`, `3.2mo`, `1.5y`.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

export function formatInterval(ms: number): string {
	if (ms < MINUTE) {
		return '<1m';
	}
	if (ms < HOUR) {
		return `${Math.round(ms / MINUTE)}m`;
	}
	if (ms < DAY) {
		return `${Math.round(ms / HOUR)}h`;
	}
	if (ms < MONTH) {
		return `${Math.round(ms / DAY)}d`;
	}
	if (ms < YEAR) {
		return `${oneDecimal(ms / MONTH)}mo`;
	}
	return `${oneDecimal(ms / YEAR)}y`;
}

export function formatDueIn(due: Date, now: Date): string {
	return formatInterval(Math.max(0, due.getTime() - now.getTime()));
}

function oneDecimal(n: number): string {
	const rounded = Math.round(n * 10) / 10;
	return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}
