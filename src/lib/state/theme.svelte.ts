/**
 * The colour theme: follow the system, or force light or dark. Kept in localStorage (not
 * IndexedDB) because app.html reads it synchronously before the first paint, so the page never
 * flashes the wrong theme.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const STORAGE_KEY = 'engram-theme';

function isThemeChoice(value: unknown): value is ThemeChoice {
	return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

function readStored(): ThemeChoice {
	try {
		const stored = localStorage.getItem(STORAGE_KEY);
		return isThemeChoice(stored) ? stored : 'system';
	} catch {
		return 'system';
	}
}

function apply(choice: ThemeChoice): void {
	const root = document.documentElement;
	if (choice === 'system') {
		delete root.dataset.theme;
	} else {
		root.dataset.theme = choice;
	}
}

class Theme {
	choice = $state<ThemeChoice>('system');

	/** Reads the stored choice; call once in the browser. */
	init(): void {
		this.choice = readStored();
		apply(this.choice);
	}

	set(choice: ThemeChoice): void {
		this.choice = choice;
		apply(choice);
		try {
			localStorage.setItem(STORAGE_KEY, choice);
		} catch {
			// Private mode without storage: the choice still applies to this visit.
		}
	}
}

export const theme = new Theme();
