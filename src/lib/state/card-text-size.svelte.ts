/**
 * How big the card's content is drawn in Study and previews, as a percentage (AnkiDroid's "Card
 * zoom"). A device preference, kept in localStorage like the theme: read synchronously before
 * the card's first paint, so the card never jumps from one size to another.
 */
export const CARD_TEXT_SIZES = { min: 80, max: 200, step: 10, default: 100 } as const;
const STORAGE_KEY = 'engram-card-text-size';

/** A whole percentage within the range, or the default. */
export function cardTextSize(value: unknown): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' &&
		Number.isInteger(n) &&
		n >= CARD_TEXT_SIZES.min &&
		n <= CARD_TEXT_SIZES.max
		? n
		: CARD_TEXT_SIZES.default;
}

function readStored(): number {
	try {
		return cardTextSize(localStorage.getItem(STORAGE_KEY));
	} catch {
		return CARD_TEXT_SIZES.default;
	}
}

class CardTextScale {
	percent = $state(readStored());

	/** The factor the card's content is zoomed by. */
	get scale(): number {
		return this.percent / 100;
	}

	set(percent: number): void {
		this.percent = cardTextSize(percent);
		try {
			localStorage.setItem(STORAGE_KEY, String(this.percent));
		} catch {
			// Private mode without storage: the size still applies to this visit.
		}
	}
}

export const cardTextScale = new CardTextScale();
