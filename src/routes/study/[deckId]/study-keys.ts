/**
 * The study screen's keyboard shortcuts, Anki's where Anki has one: Space/Enter show the answer,
 * 1-4 grade, U or Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo, E edit, - bury, = bury note, @ suspend, ! suspend note, * mark,
 * I card info, Ctrl+Alt+I the previous card's info, R or F5 replay audio, Ctrl+Shift+T (or T,
 * since browsers keep Ctrl+Shift+T for reopening a tab) edit tags, Ctrl+Shift+D set due date,
 * Ctrl+Delete delete note (after asking).
 */
import { GRADES, type Grade } from '$lib/domain/scheduler';
import type { CardAction } from '$lib/state/study-actions';

/** What the screen does; the card menu asks for the same (and `source`, which has no key). */
export type StudyCommand =
	| 'undo'
	| 'redo'
	| 'reveal'
	| 'edit'
	| 'info'
	| 'previous-info'
	| 'replay'
	| 'tags'
	| 'set-due'
	| 'reset'
	| 'delete-note'
	| 'source'
	| { grade: Grade }
	| { action: CardAction };

type Keys = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'> & { altKey?: boolean };

const ACTION_KEYS: Record<string, CardAction> = {
	'-': 'bury',
	'=': 'bury-note',
	'@': 'suspend',
	'!': 'suspend-note',
	'*': 'mark'
};

const PLAIN_KEYS: Record<string, StudyCommand> = {
	e: 'edit',
	i: 'info',
	r: 'replay',
	F5: 'replay',
	t: 'tags'
};

/** Ctrl (or ⌘) with a card shown: Delete, Shift+D set due, Shift+T tags. */
function withCtrl(event: Keys): StudyCommand | undefined {
	const key = event.key.toLowerCase();
	if (event.key === 'Delete') {
		return 'delete-note';
	}
	if (!event.shiftKey) {
		return undefined;
	}
	return key === 'd' ? 'set-due' : key === 't' ? 'tags' : undefined;
}

/** What the key asks for, whether a card is `shown` and its answer `revealed`; undefined: nothing. */
export function studyCommand(
	event: Keys,
	shown: boolean,
	revealed: boolean
): StudyCommand | undefined {
	const { key } = event;
	const ctrl = event.ctrlKey || event.metaKey;
	if (event.altKey) {
		// Only Ctrl+Alt+I, the card answered last: there may be none on screen (the end screen).
		return ctrl && key.toLowerCase() === 'i' ? 'previous-info' : undefined;
	}
	// With Shift the key is 'Z' (Ctrl+Shift+Z), or 'z' with Caps Lock on.
	if (ctrl && ((key.toLowerCase() === 'z' && event.shiftKey) || key.toLowerCase() === 'y')) {
		return 'redo';
	}
	if ((key === 'z' && ctrl) || (key === 'u' && !event.ctrlKey)) {
		return 'undo';
	}
	if (!shown) {
		return undefined;
	}
	if (ctrl) {
		return withCtrl(event);
	}
	if (key === ' ' || key === 'Enter') {
		return revealed ? undefined : 'reveal';
	}
	if (/^[1-4]$/.test(key)) {
		return revealed ? { grade: GRADES[Number(key) - 1]! } : undefined;
	}
	const action = ACTION_KEYS[key];
	return action ? { action } : PLAIN_KEYS[key];
}
