/**
 * The note being typed on the Add screen: its note type, deck, fields and tags, and adding it.
 * One object the screen keeps when it is made again (kept-state.svelte.ts), so a refused add
 * leaves its message and the typed fields there to add again.
 */
import type { NoteTypeRecord } from '$lib/domain/model';
import type { EngramDB } from '$lib/storage/db';
import { addNote } from '$lib/storage/notes';
import { SaveStatus } from './save-status.svelte';

/** The note type and deck last added to, to start from next time. */
const LAST_KEY = 'engram-add-last';

interface Choice {
	noteTypeId?: string;
	deckId?: string;
}

function remembered(): Choice {
	try {
		return JSON.parse(localStorage.getItem(LAST_KEY) ?? '{}') as Choice;
	} catch {
		return {};
	}
}

function remember(choice: Choice): void {
	try {
		localStorage.setItem(LAST_KEY, JSON.stringify(choice));
	} catch {
		// Only a convenience: storage refused (private mode, full) costs the next visit's choice.
	}
}

export class AddDraft {
	noteTypeId = $state('basic');
	/** The deck chosen; the deck in the URL only seeds it. */
	deckId = $state('');
	fields = $state<Record<string, string>>({});
	tags = $state('');
	added = $state<{ cards: number; deckId: string } | undefined>(undefined);
	/** An add under way, or why the last was not saved. */
	readonly status = new SaveStatus();

	constructor(initialDeckId: string) {
		const last = remembered();
		this.noteTypeId = last.noteTypeId ?? 'basic';
		this.deckId = initialDeckId || last.deckId || '';
	}

	/** The typed value of each of `names`, '' for those left empty. */
	valuesFor(names: string[]): Record<string, string> {
		return Object.fromEntries(names.map((name) => [name, this.fields[name] ?? '']));
	}

	tagList(): string[] {
		return this.tags.split(/\s+/).filter(Boolean);
	}

	/**
	 * Adds the note typed, of `noteType`, to `deckId`, and tells whether it did: then the fields
	 * are cleared for the next note; if not they stay, with why it was not saved in `status`.
	 */
	async add(db: EngramDB, noteType: NoteTypeRecord, deckId: string, now: Date): Promise<boolean> {
		if (this.status.busy) {
			return false;
		}
		this.added = undefined;
		return this.status.save(async () => {
			const input = { deckId, noteTypeId: noteType.id, tags: this.tagList() };
			const result = await addNote(db, { ...input, fields: this.valuesFor(noteType.fields) }, now);
			this.added = { cards: result.addedCardIds.length, deckId };
			remember({ noteTypeId: noteType.id, deckId });
			this.fields = {};
		});
	}
}
