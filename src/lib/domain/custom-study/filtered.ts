/**
 * A filtered deck ("Custom study session") as Engram keeps it: a saved search, a card limit,
 * an order and whether answers reschedule. Unlike Anki, cards never leave their home deck (no
 * `odid`): the session holds the ids the search chose when it was built, so a card's `deckId`
 * never changes and a later sync has nothing to move back.
 */
import type { SearchNode } from '../search/ast';
import { allOf } from '../search/ast';
import { printSearch } from '../search/print';
import type { CustomStudyRequest } from './request';

/** Anki's filtered-deck orders, those custom study uses. */
export type FilteredOrder = 'random' | 'due' | 'added' | 'oldest-seen';

export interface FilteredConfig {
	/** The search as text (parsed again by the one search parser on every rebuild). */
	search: string;
	limit: number;
	order: FilteredOrder;
	/** On: answers are ordinary FSRS reviews. Off: a preview, the card's schedule is untouched. */
	reschedule: boolean;
}

export interface FilteredDeckRecord extends FilteredConfig {
	id: string;
	name: string;
	/** The deck custom study was opened from, for the end screen's "back" and for rebuilds. */
	homeDeckId: string;
	/** The cards the search chose at the last build, in study order. */
	cardIds: string[];
	/** When it was last built (ms): answers from then on count as done in this session. */
	builtAt: number;
	createdAt: number;
	mtime: number;
}

/** Anki's name for the one custom study deck, reused by each new custom study. */
export const CUSTOM_STUDY_NAME = 'Custom study session';

/** Anki's cap when an option sets no limit. */
export const NO_LIMIT = 99_999;

/** A deck and its subdecks, the name taken literally (wildcards escaped). */
function deckTerm(deckName: string): SearchNode {
	return { kind: 'deck', pattern: deckName.replace(/[\\*_]/g, '\\$&') };
}

function tagTerms(include: readonly string[], exclude: readonly string[]): SearchNode[] {
	const tag = (pattern: string): SearchNode => ({ kind: 'tag', pattern });
	const any: SearchNode[] =
		include.length === 0
			? []
			: [include.length === 1 ? tag(include[0]!) : { kind: 'or', children: include.map(tag) }];
	return [...any, ...exclude.map((name): SearchNode => ({ kind: 'not', child: tag(name) }))];
}

/** The search tree, order, limit and rescheduling of a filtered custom study option. */
function filteredNode(
	deckName: string,
	request: Exclude<CustomStudyRequest, { kind: 'new-limit' | 'review-limit' }>
): { node: SearchNode; order: FilteredOrder; reschedule: boolean; limit: number } {
	const deck = deckTerm(deckName);
	switch (request.kind) {
		case 'forgot':
			return {
				node: allOf([{ kind: 'rated', days: request.days, ease: 1 }, deck]),
				order: 'random',
				reschedule: false,
				limit: NO_LIMIT
			};
		case 'ahead':
			return {
				node: allOf([{ kind: 'prop', prop: 'due', op: '<=', value: request.days }, deck]),
				order: 'due',
				reschedule: true,
				limit: NO_LIMIT
			};
		case 'preview':
			return {
				node: allOf([{ kind: 'is', state: 'new' }, { kind: 'added', days: request.days }, deck]),
				order: 'oldest-seen',
				reschedule: false,
				limit: NO_LIMIT
			};
		case 'cram': {
			const state: Record<typeof request.cram, SearchNode[]> = {
				new: [{ kind: 'is', state: 'new' }],
				due: [{ kind: 'is', state: 'due' }],
				review: [{ kind: 'not', child: { kind: 'is', state: 'new' } }],
				all: []
			};
			const order: Record<typeof request.cram, FilteredOrder> = {
				new: 'added',
				due: 'due',
				review: 'random',
				all: 'random'
			};
			return {
				node: allOf([...state[request.cram], deck, ...tagTerms(request.include, request.exclude)]),
				order: order[request.cram],
				reschedule: request.cram !== 'all',
				limit: request.limit
			};
		}
	}
}

/** The filtered deck a custom study option makes, as text to store (Anki's config functions). */
export function filteredConfig(
	deckName: string,
	request: Exclude<CustomStudyRequest, { kind: 'new-limit' | 'review-limit' }>
): FilteredConfig {
	const { node, ...rest } = filteredNode(deckName, request);
	return { search: printSearch(node), ...rest };
}

/**
 * A card looked at in a preview session (rescheduling off). It is not a review row: replaying a
 * card's reviews rebuilds its FSRS state, so a row that changed nothing must not be among them,
 * and the day's limits, statistics and the optimiser read reviews only. Written once, never
 * changed; it says which cards the session has shown.
 */
export interface PreviewRecord {
	id: string;
	cardId: string;
	deckId: string;
	filteredId: string;
	/** 1 Again … 4 Easy, as pressed. */
	rating: number;
	answeredAt: Date;
	duration: number;
}
