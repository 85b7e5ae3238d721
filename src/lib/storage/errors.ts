/**
 * Why a write failed, in words a person can act on. IndexedDB reports a full disk as
 * QuotaExceededError (sometimes wrapped in an AbortError of the transaction), a database closed
 * under us as DatabaseClosedError, and a newer version in another tab as a versionchange that
 * EngramDB answers by closing itself.
 */
export type WriteFailure = 'quota' | 'closed' | 'newer-version' | 'stale' | 'busy' | 'other';

const MESSAGES: Record<WriteFailure, string> = {
	quota:
		'Your device is out of storage space, so this was not saved. Free some space and try again.',
	closed: 'The database was closed, so this was not saved. Reload the page and try again.',
	'newer-version':
		'Engram was updated in another tab, so this was not saved. Reload this page to continue.',
	stale: 'This card was already answered in another tab or window, so it was not saved twice.',
	busy: 'A restore or import is running in another tab, so this was not saved. Try again once it has finished.',
	other: 'This could not be saved. Try again.'
};

function names(error: unknown): string[] {
	const found: string[] = [];
	let current: unknown = error;
	// Dexie wraps the underlying DOMException in `inner`, sometimes twice.
	for (let depth = 0; depth < 4 && current instanceof Object; depth += 1) {
		const name = (current as { name?: unknown }).name;
		if (typeof name === 'string') {
			found.push(name);
		}
		current = (current as { inner?: unknown }).inner;
	}
	return found;
}

export function classifyWriteError(error: unknown, newerVersionOpened = false): WriteFailure {
	const all = names(error);
	if (all.includes('QuotaExceededError')) {
		return 'quota';
	}
	if (all.includes('StaleCardError')) {
		return 'stale';
	}
	if (all.includes('JournalBusyError')) {
		return 'busy';
	}
	if (newerVersionOpened || all.includes('VersionChangeError') || all.includes('VersionError')) {
		return 'newer-version';
	}
	if (all.includes('DatabaseClosedError') || all.includes('InvalidStateError')) {
		return 'closed';
	}
	return 'other';
}

/** One sentence for the UI. Our own errors (validation, missing records) keep their message. */
export function describeWriteError(error: unknown, newerVersionOpened = false): string {
	const failure = classifyWriteError(error, newerVersionOpened);
	if (
		failure === 'other' &&
		error instanceof Error &&
		/Error$/.test(error.name) &&
		isUserFacing(error)
	) {
		return error.message;
	}
	return MESSAGES[failure];
}

/** Our own errors carry sentences written for people; IndexedDB's and Dexie's do not. */
const USER_FACING = new Set([
	'Error',
	'NoteError',
	'PresetError',
	'CardActionError',
	'SettingError',
	'CustomStudyError',
	'DeckNameError'
]);

function isUserFacing(error: Error): boolean {
	return USER_FACING.has(error.name) && error.message.length > 0;
}

/** Whether trying the same write again can succeed without reloading the page. */
export function canRetry(failure: WriteFailure): boolean {
	return failure === 'quota' || failure === 'busy' || failure === 'other';
}
