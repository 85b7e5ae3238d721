/**
 * The study screen's keyboard shortcuts, Anki's where Anki has one: Space/Enter show the answer,
 * 1-4 grade, U or Ctrl+Z undo, E edit, - bury, = bury note, @ suspend, ! suspend note, * mark,
 * I card info, R or F5 replay audio, Ctrl+Shift+D set due date, Ctrl+Delete delete note (after
 * asking).
 */
import { GRADES, type Grade } from '$lib/domain/scheduler';
import type { CardAction } from '$lib/state/study-actions';

export type StudyCommand =
	| 'undo'
	| 'reveal'
	| 'edit'
	| 'info'
	| 'replay'
	| 'set-due'
	| 'delete-note'
	| { grade: Grade }
	| { action: CardAction };

type Keys = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

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
	F5: 'replay'
};

/** What the key asks for, whether a card is `shown` and its answer `revealed`; undefined: nothing. */
export function studyCommand(
	event: Keys,
	shown: boolean,
	revealed: boolean
): StudyCommand | undefined {
	const { key } = event;
	const ctrl = event.ctrlKey || event.metaKey;
	if ((key === 'z' && ctrl) || (key === 'u' && !event.ctrlKey)) {
		return 'undo';
	}
	if (!shown) {
		return undefined;
	}
	if (ctrl) {
		if (key === 'Delete') {
			return 'delete-note';
		}
		return key.toLowerCase() === 'd' && event.shiftKey ? 'set-due' : undefined;
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
