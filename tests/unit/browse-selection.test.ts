// The browser's selection model: toggles, Shift ranges from the anchor that replace the previous
// range (so Shift+Down then Shift+Up shrinks it), and "select all" as the search minus exceptions.
import { describe, expect, it } from 'vitest';
import {
	EMPTY_SELECTION,
	extendTo,
	isSelected,
	listedIds,
	selectAll,
	selectedCount,
	toggle,
	type Selection
} from '$lib/domain/browse-selection';

const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const chosen = (selection: Selection) => IDS.filter((id) => isSelected(selection.set, id));

describe('selection', () => {
	it('toggles single cards and counts them', () => {
		let s = toggle(EMPTY_SELECTION, 'b', 1);
		s = toggle(s, 'e', 4);
		expect(chosen(s)).toEqual(['b', 'e']);
		s = toggle(s, 'b', 1);
		expect(chosen(s)).toEqual(['e']);
		expect(selectedCount(s.set, IDS.length)).toBe(1);
		expect(listedIds(s.set)).toEqual(['e']);
	});

	it('selects a range from the anchor, either way, on top of what was selected', () => {
		let s = toggle(EMPTY_SELECTION, 'a', 0);
		s = toggle(s, 'c', 2);
		s = extendTo(s, IDS, 5);
		expect(chosen(s)).toEqual(['a', 'c', 'd', 'e', 'f']);
		s = extendTo(s, IDS, 1);
		// The new range (b..c) replaces the last one (c..f); a stays.
		expect(chosen(s)).toEqual(['a', 'b', 'c']);
	});

	it('starts a range at `from` when nothing was toggled yet (Shift+arrow from the active row)', () => {
		let s = extendTo(EMPTY_SELECTION, IDS, 3, 2);
		expect(chosen(s)).toEqual(['c', 'd']);
		s = extendTo(s, IDS, 4, 3);
		expect(chosen(s)).toEqual(['c', 'd', 'e']);
		s = extendTo(s, IDS, 1, 4);
		expect(chosen(s)).toEqual(['b', 'c']);
	});

	it('selects all as the search minus exceptions, without listing ids', () => {
		let s = selectAll();
		expect(chosen(s)).toEqual(IDS);
		expect(listedIds(s.set)).toBeUndefined();
		expect(selectedCount(s.set, 100_000)).toBe(100_000);
		s = toggle(s, 'c', 2);
		s = toggle(s, 'f', 5);
		expect(chosen(s)).toEqual(['a', 'b', 'd', 'e', 'g']);
		expect([...s.set.ids]).toEqual(['c', 'f']);
		expect(selectedCount(s.set, 100_000)).toBe(99_998);
		s = extendTo(s, IDS, 6);
		// The range f..g takes f back out of the exceptions.
		expect([...s.set.ids]).toEqual(['c']);
	});
});
