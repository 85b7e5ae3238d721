/**
 * Custom study's pure parts: the dialog's checks, the search each option builds (read back by
 * the browser's one parser), today's raised limits and their expiry, and the session's queue.
 */
import { describe, expect, it } from 'vitest';
import { filteredConfig } from '$lib/domain/custom-study/filtered';
import { dailyLimits, raise } from '$lib/domain/custom-study/limit-extension';
import { customStudyRequest, type CustomStudyInput } from '$lib/domain/custom-study/request';
import {
	emptySessionText,
	queueCounts,
	sessionProgress,
	sessionQueue,
	studyOrder
} from '$lib/domain/custom-study/session-queue';
import { parseSearch } from '$lib/domain/search/parse';
import { State } from '$lib/domain/scheduler';
import { studyDay } from '$lib/domain/study-day';
import { makeCard, NOW } from '../helpers';

const input = (over: Partial<CustomStudyInput>): CustomStudyInput => ({
	kind: 'new-limit',
	value: '10',
	cram: 'new',
	include: '',
	exclude: '',
	...over
});

describe('custom study request', () => {
	it('turns the dialog fields into a request and refuses bad numbers with one sentence', () => {
		expect(customStudyRequest(input({ value: '15' }))).toEqual({
			ok: true,
			request: { kind: 'new-limit', delta: 15 }
		});
		expect(customStudyRequest(input({ kind: 'ahead', value: ' 3 ' }))).toEqual({
			ok: true,
			request: { kind: 'ahead', days: 3 }
		});
		for (const bad of ['', '0', '-2', '1.5', 'ten', '10000']) {
			expect(customStudyRequest(input({ value: bad }))).toEqual({
				ok: false,
				error: 'Enter a whole number from 1 to 9999.'
			});
		}
		// Anki caps forgotten cards at 30 days.
		expect(customStudyRequest(input({ kind: 'forgot', value: '31' }))).toMatchObject({
			ok: false,
			error: 'Enter a whole number from 1 to 30.'
		});
	});

	it('reads tags separated by spaces or commas and refuses one tag both required and excluded', () => {
		expect(
			customStudyRequest(
				input({
					kind: 'cram',
					value: '50',
					cram: 'all',
					include: '#verbs, nouns  verbs',
					exclude: 'hard'
				})
			)
		).toEqual({
			ok: true,
			request: {
				kind: 'cram',
				cram: 'all',
				limit: 50,
				include: ['verbs', 'nouns'],
				exclude: ['hard']
			}
		});
		expect(customStudyRequest(input({ kind: 'cram', include: 'Verbs', exclude: 'verbs' }))).toEqual(
			{ ok: false, error: 'The tag “Verbs” cannot be both required and excluded.' }
		);
	});
});

describe('filtered config of each option', () => {
	it('builds the searches Anki builds, which the browser parser reads back', () => {
		const deck = 'Russian::Verbs';
		const cases = [
			[{ kind: 'forgot', days: 2 }, 'rated:2:1 deck:Russian::Verbs', 'random', false],
			[{ kind: 'ahead', days: 3 }, 'prop:due<=3 deck:Russian::Verbs', 'due', true],
			[{ kind: 'preview', days: 7 }, 'is:new added:7 deck:Russian::Verbs', 'oldest-seen', false],
			[
				{ kind: 'cram', cram: 'due', limit: 20, include: ['a', 'b'], exclude: ['c', 'd'] },
				'is:due deck:Russian::Verbs (tag:a or tag:b) -tag:c -tag:d',
				'due',
				true
			],
			[
				{ kind: 'cram', cram: 'review', limit: 20, include: [], exclude: [] },
				'-is:new deck:Russian::Verbs',
				'random',
				true
			],
			[
				{ kind: 'cram', cram: 'all', limit: 20, include: ['x'], exclude: [] },
				'deck:Russian::Verbs tag:x',
				'random',
				false
			],
			[
				{ kind: 'cram', cram: 'new', limit: 20, include: [], exclude: [] },
				'is:new deck:Russian::Verbs',
				'added',
				true
			]
		] as const;
		for (const [request, search, order, reschedule] of cases) {
			const config = filteredConfig(deck, request);
			expect(config).toMatchObject({ search, order, reschedule });
			expect(parseSearch(config.search).ok, search).toBe(true);
		}
		expect(filteredConfig(deck, cases[3][0]).limit).toBe(20);
		expect(filteredConfig(deck, cases[0][0]).limit).toBe(99_999);
	});

	it('takes a deck name with wildcard characters literally', () => {
		const config = filteredConfig('my_deck*', { kind: 'ahead', days: 1 });
		const parsed = parseSearch(config.search);
		expect(parsed).toMatchObject({
			ok: true,
			node: { children: [expect.anything(), { kind: 'deck', pattern: 'my\\_deck\\*' }] }
		});
	});
});

describe("today's raised limits", () => {
	const preset = { newPerDay: 20, reviewsPerDay: 200 };

	it('add up within a study day and expire when the next day starts', () => {
		const today = studyDay(NOW, 4);
		const raises = [
			raise('r1', 'deck-1', today, 'new', 5, NOW),
			raise('r2', 'deck-1', today, 'new', 3, NOW),
			raise('r3', 'deck-1', today, 'review', 50, NOW),
			// A record from before raises were events: that device's running total.
			{
				id: 'deck-1|2026-03-10',
				deckId: 'deck-1',
				day: '2026-03-10',
				extraNew: 2,
				extraReview: 0,
				mtime: 0
			}
		];
		expect(raises[0]).toEqual({
			id: 'r1',
			deckId: 'deck-1',
			day: '2026-03-10',
			extraNew: 5,
			extraReview: 0,
			mtime: NOW.getTime()
		});
		expect(dailyLimits(preset, raises, today)).toEqual({ newPerDay: 30, reviewsPerDay: 250 });
		// 03:59 the next morning is still the same study day (it starts at 4)…
		const lateNight = studyDay(new Date(2026, 2, 11, 3, 59), 4);
		expect(dailyLimits(preset, raises, lateNight).newPerDay).toBe(30);
		// …and at 04:00 every raise has expired.
		const nextDay = studyDay(new Date(2026, 2, 11, 4, 0), 4);
		expect(dailyLimits(preset, raises, nextDay)).toEqual(preset);
		expect(raise('r4', 'deck-1', nextDay, 'new', 1, NOW).day).toBe('2026-03-11');
	});
});

describe('custom study session queue', () => {
	const card = (i: number, over = {}) => makeCard('d', i, over);

	it('orders cards by due, by last review or by a seeded shuffle', () => {
		const cards = [
			card(1, { due: new Date(3000), last_review: new Date(30) }),
			card(2, { due: new Date(1000) }),
			card(3, { due: new Date(2000), last_review: new Date(10) })
		];
		expect(studyOrder(cards, 'due', 's').map((c) => c.id)).toEqual([
			'd-card-2',
			'd-card-3',
			'd-card-1'
		]);
		expect(studyOrder(cards, 'oldest-seen', 's').map((c) => c.id)).toEqual([
			'd-card-2',
			'd-card-3',
			'd-card-1'
		]);
		expect(studyOrder(cards, 'added', 's').map((c) => c.id)).toEqual([
			'd-card-1',
			'd-card-2',
			'd-card-3'
		]);
		const shuffled = studyOrder(cards, 'random', 'seed').map((c) => c.id);
		expect(studyOrder(cards, 'random', 'seed').map((c) => c.id)).toEqual(shuffled);
		expect([...shuffled].sort()).toEqual(['d-card-1', 'd-card-2', 'd-card-3']);
	});

	it('with rescheduling: answered cards leave unless still learning, which come back when due', () => {
		const learning = card(2, {
			state: State.Learning,
			queue: 'learning',
			due: new Date(NOW.getTime() + 60_000)
		});
		const cards = new Map(
			[card(1, { state: State.Review }), learning, card(3), card(4, { queue: 'suspended' })].map(
				(c) => [c.id, c]
			)
		);
		const deck = {
			cardIds: ['d-card-1', 'd-card-2', 'd-card-3', 'd-card-4', 'gone'],
			reschedule: true
		};
		const answered = new Map([
			['d-card-1', { again: false }],
			['d-card-2', { again: true }]
		]);
		const queue = sessionQueue(deck, cards, answered, NOW, 20 * 60_000);
		// The learning step is a minute away while a fresh card waits: the fresh card first.
		expect(queue.ready.map((c) => c.id)).toEqual(['d-card-3']);
		expect(queue.waiting.map((c) => c.id)).toEqual(['d-card-2']);
		expect(queueCounts(queue)).toEqual({ new: 1, learning: 1, review: 0 });
		// Once only the learning card is left, it is shown within the learn-ahead.
		answered.set('d-card-3', { again: false });
		const last = sessionQueue(deck, cards, answered, NOW, 20 * 60_000);
		expect(last.ready.map((c) => c.id)).toEqual(['d-card-2']);
	});

	it('preview: a card answered Again comes back after the others, any other answer ends it', () => {
		const cards = new Map([card(1), card(2), card(3)].map((c) => [c.id, c]));
		const deck = { cardIds: ['d-card-1', 'd-card-2', 'd-card-3'], reschedule: false };
		const answered = new Map([
			['d-card-1', { again: true }],
			['d-card-2', { again: false }]
		]);
		const queue = sessionQueue(deck, cards, answered, NOW, 0);
		expect(queue.ready.map((c) => c.id)).toEqual(['d-card-3', 'd-card-1']);
	});

	it('says why a session is empty: answered, or its cards gone elsewhere, or both', () => {
		const cards = new Map(
			[card(1), card(2, { queue: 'suspended' }), card(3, { queue: 'buried' })].map((c) => [c.id, c])
		);
		const deck = { cardIds: ['d-card-1', 'd-card-2', 'd-card-3', 'deleted'], reschedule: true };
		const progress = (answered: Map<string, { again: boolean }>) =>
			sessionProgress(deck, cards, answered, sessionQueue(deck, cards, answered, NOW, 0));
		const none = new Map<string, { again: boolean }>();
		expect(progress(none)).toEqual({ left: 1, answered: 0, gone: 3 });
		expect(emptySessionText(progress(none))).toBeUndefined();
		// A card answered and then suspended counts as answered, not as gone.
		const two = new Map([
			['d-card-1', { again: false }],
			['d-card-2', { again: false }]
		]);
		expect(progress(two)).toEqual({ left: 0, answered: 2, gone: 2 });
		expect(emptySessionText(progress(two))).toBe(
			'2 cards answered; the other 2 were deleted, suspended or buried since it was built.'
		);
		expect(emptySessionText({ left: 0, answered: 3, gone: 0 })).toBe('All 3 cards answered.');
		expect(emptySessionText({ left: 0, answered: 1, gone: 0 })).toBe('Its one card was answered.');
		expect(emptySessionText({ left: 0, answered: 0, gone: 4 })).toBe(
			'None of its cards are left: all 4 were deleted, suspended or buried since it was built.'
		);
		expect(emptySessionText({ left: 0, answered: 0, gone: 1 })).toBe(
			'Its only card was deleted, suspended or buried since it was built.'
		);
	});
});
