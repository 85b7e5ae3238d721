// The app's main screens for the specs that visit each of them (axe, focus): where each one is
// and what shows it is ready, written once so the specs cannot drift apart.
import { expect, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID } from './fixtures';

export interface Screen {
	name: string;
	path: string;
	ready: (page: Page) => Promise<void>;
}

export const STUDY_FRONT: Screen = {
	name: 'study-front',
	path: `/study/${BUNDLED_DECK_ID}`,
	ready: (page) => expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible()
};

export const STUDY_BACK: Screen = {
	name: 'study-back',
	path: `/study/${BUNDLED_DECK_ID}`,
	ready: async (page) => {
		await page.getByRole('button', { name: 'Show answer' }).click();
		await expect(page.getByRole('button', { name: /^Good/ })).toBeVisible();
	}
};

export const BROWSE: Screen = {
	name: 'browse',
	path: '/browse',
	ready: (page) => expect(page.getByTestId('result-count')).toContainText('cards')
};

export const STATS: Screen = {
	name: 'stats',
	path: '/stats',
	ready: (page) => expect(page.getByRole('heading', { name: 'Due forecast' })).toBeVisible()
};

export const SETTINGS: Screen = {
	name: 'settings',
	path: '/settings',
	ready: (page) => expect(page.getByRole('radio', { name: 'Dark' })).toBeVisible()
};

export const DECK_OPTIONS: Screen = {
	name: 'deck-options',
	path: `/decks/${BUNDLED_DECK_ID}/options`,
	ready: (page) => expect(page.getByLabel(/Desired retention/)).toBeVisible()
};
