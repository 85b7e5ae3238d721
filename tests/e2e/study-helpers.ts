// Shared by the study specs: review cards due now (raw IndexedDB), the question on screen, grading
// a card, and choosing an item of the card menu by its accessible name, by thumb or by mouse.
import { expect, type Page } from '@playwright/test';
import { putRecords, press, readStore, type StoredCard, type StoredReview } from './fixtures';

export const DAY = 86_400_000;

/**
 * `card` as a review card due an hour before `now` (reviewed 12 days before, stability 12,
 * difficulty 6, 4 reviews), with `overrides` on top.
 */
export function asReviewCard<T extends object>(
	card: T,
	now: number,
	overrides: Record<string, unknown> = {}
): T {
	// Without the fields only new cards carry, as the app writes a card (domain/card-index-keys.ts).
	const { newPosition: _position, shuffle: _shuffle, ...rest } = card as Record<string, unknown>;
	return {
		...(rest as T),
		state: 2,
		queue: 'review',
		stability: 12,
		difficulty: 6,
		reps: 4,
		scheduled_days: 12,
		elapsed_days: 12,
		learning_steps: 0,
		last_review: new Date(now - 12 * DAY),
		due: new Date(now - 3_600_000),
		...overrides
	};
}

/** Through raw IndexedDB: every card becomes a review card due an hour ago (`asReviewCard`). */
export async function everyCardDueForReview(
	page: Page,
	overrides: Record<string, unknown> = {}
): Promise<void> {
	const now = Date.now();
	const cards = await readStore<Record<string, unknown>>(page, 'cards');
	await putRecords(
		page,
		'cards',
		cards.map((card) => asReviewCard(card, now, overrides))
	);
}

export const question = (page: Page) => page.getByRole('region', { name: 'Question' });

/** Opens the card menu ("More actions") and chooses `name` in it. */
export async function menuItem(page: Page, name: string | RegExp, touch: boolean): Promise<void> {
	await press(page.getByRole('button', { name: 'More actions' }), touch);
	const menu = page.getByRole('dialog', { name: 'Card actions' });
	await expect(menu).toBeVisible();
	await press(menu.getByRole('button', { name }), touch);
	await expect(menu).toBeHidden();
}

export type Grade = 'Again' | 'Hard' | 'Good' | 'Easy';
const GRADE_KEYS: Record<Grade, string> = { Again: '1', Hard: '2', Good: '3', Easy: '4' };

/** Reveals the card on screen and grades it: Space then 1-4 on desktop, two taps on a phone. */
export async function gradeCard(page: Page, grade: Grade, touch: boolean): Promise<void> {
	const button = page.getByRole('button', { name: new RegExp(`^${grade}`) });
	if (touch) {
		await page.getByRole('button', { name: 'Show answer' }).tap();
		await button.tap();
	} else {
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
		await page.keyboard.press('Space');
		await expect(button).toBeEnabled();
		await page.keyboard.press(GRADE_KEYS[grade]);
	}
}

/** The study screen's Redo button (its name may carry a shortcut hint). */
export const redoButton = (page: Page) => page.getByRole('button', { name: /^Redo/ });

export const withoutMtime = ({ mtime: _m, ...card }: StoredCard & { mtime?: number }) => card;
const withoutId = ({ id: _i, ...review }: StoredReview) => review;

/**
 * After a Redo of the one answer `graded`, given on the card whose question was `first`: one
 * answer counted, the next card shown, nothing left to redo, and the stored review is that answer
 * again (same card, rating and time) under a new id.
 */
export async function expectAnswerRedone(
	page: Page,
	graded: StoredReview,
	first: string
): Promise<void> {
	await expect(page.getByText('1 answered')).toBeVisible();
	await expect(question(page)).not.toHaveText(first);
	await expect(redoButton(page)).toBeDisabled();
	const reviews = await readStore<StoredReview>(page, 'reviews');
	expect(reviews.map(withoutId)).toEqual([withoutId(graded)]);
	expect(reviews[0]!.id).not.toBe(graded.id);
}
