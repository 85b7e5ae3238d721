/**
 * The card browser's selection, as a desktop list has it: Ctrl/Cmd+click or Space toggles one
 * card, Shift+click or Shift+arrows select the range from the anchor (the last card toggled)
 * to here, and a new Shift range replaces the previous one rather than piling up. "Select all"
 * does not list 100,000 ids: it is "every match of the search, except these".
 */

/** Either the listed ids are selected, or (`all`) every match except the listed ids. */
export interface SelectionSet {
	all: boolean;
	ids: ReadonlySet<string>;
}

export interface Selection {
	set: SelectionSet;
	/** Position of the last card toggled: where a Shift range starts. */
	anchor: number | undefined;
	/** The selection before the current Shift range, which the next Shift range replaces. */
	base: SelectionSet | undefined;
}

const NONE: SelectionSet = { all: false, ids: new Set() };

export const EMPTY_SELECTION: Selection = { set: NONE, anchor: undefined, base: undefined };

export function isSelected(set: SelectionSet, id: string): boolean {
	return set.all !== set.ids.has(id);
}

/** How many cards are selected out of `total` matches. */
export function selectedCount(set: SelectionSet, total: number): number {
	return set.all ? Math.max(0, total - set.ids.size) : set.ids.size;
}

export function isEmpty(set: SelectionSet, total: number): boolean {
	return selectedCount(set, total) === 0;
}

/** Toggles one card and makes it the anchor. */
export function toggle(selection: Selection, id: string, index: number): Selection {
	const ids = new Set(selection.set.ids);
	if (!ids.delete(id)) {
		ids.add(id);
	}
	return { set: { all: selection.set.all, ids }, anchor: index, base: undefined };
}

/**
 * Selects the cards from the anchor to `index` (both included) on top of the selection as it
 * was before the current range. With no anchor yet, `from` is where the range starts.
 */
export function extendTo(
	selection: Selection,
	ordered: readonly string[],
	index: number,
	from = index
): Selection {
	const anchor = selection.anchor ?? from;
	const base = selection.base ?? selection.set;
	const [low, high] = anchor <= index ? [anchor, index] : [index, anchor];
	const ids = new Set(base.ids);
	for (const id of ordered.slice(low, high + 1)) {
		// Selecting a card means listing it, or (select all) no longer excepting it.
		if (base.all) {
			ids.delete(id);
		} else {
			ids.add(id);
		}
	}
	return { set: { all: base.all, ids }, anchor, base };
}

export function selectAll(): Selection {
	return { set: { all: true, ids: new Set() }, anchor: undefined, base: undefined };
}

/** The listed ids, when the selection is a list (not select-all). */
export function listedIds(set: SelectionSet): string[] | undefined {
	return set.all ? undefined : [...set.ids];
}
