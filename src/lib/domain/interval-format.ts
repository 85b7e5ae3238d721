/**
 * Formats the time until a card is due the way Anki labels its answer buttons:
 * `<1m`, `10m`, `3h`, `1d`, `12d`, `3.2mo`, `1.5y`.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/**
 * Rounds in the unit first and moves up a unit when the rounded figure reaches the next one,
 * so 59.6 minutes reads `1h`, never `60m`.
 */
export function formatInterval(ms: number): string {
	if (ms < MINUTE) {
		return '<1m';
	}
	const minutes = Math.round(ms / MINUTE);
	if (minutes < 60) {
		return `${minutes}m`;
	}
	const hours = Math.round(ms / HOUR);
	if (hours < 24) {
		return `${hours}h`;
	}
	const days = Math.round(ms / DAY);
	if (days < 30) {
		return `${days}d`;
	}
	const months = Math.round((ms / MONTH) * 10) / 10;
	if (months < 12) {
		return `${oneDecimal(months)}mo`;
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
