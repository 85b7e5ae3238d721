/** Cards by state, as in Anki's Card Counts graph. */
import { MATURE_DAYS, type StatsCard } from './inputs';

export const CARD_STATES = ['new', 'learning', 'young', 'mature', 'suspended', 'buried'] as const;
export type CardStateName = (typeof CARD_STATES)[number];

export function cardCounts(
	cards: readonly Pick<StatsCard, 'queue' | 'state' | 'scheduled_days'>[]
): Record<CardStateName, number> {
	const counts: Record<CardStateName, number> = {
		new: 0,
		learning: 0,
		young: 0,
		mature: 0,
		suspended: 0,
		buried: 0
	};
	for (const card of cards) {
		counts[cardStateName(card)] += 1;
	}
	return counts;
}

function cardStateName(card: Pick<StatsCard, 'queue' | 'state' | 'scheduled_days'>): CardStateName {
	if (card.queue === 'suspended' || card.queue === 'buried') {
		return card.queue;
	}
	if (card.queue === 'new') {
		return 'new';
	}
	if (card.queue === 'learning') {
		return 'learning';
	}
	return card.scheduled_days >= MATURE_DAYS ? 'mature' : 'young';
}
