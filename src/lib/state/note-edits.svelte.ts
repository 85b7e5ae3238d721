/**
 * The note open in the note editor (Browse's, the study screen's): the note as read, what the
 * user typed over it, and saving it. The editor keeps this one object when the layout makes its
 * screen again after another tab's restore or import (kept-state.svelte.ts): a refused save's
 * message and the typing stay, and the note is read anew with only what the user changed carried
 * over it, so saving does not put back the fields as they were before the other tab wrote.
 */
import { errorMessage } from '$lib/domain/error-message';
import { carryUnsavedEdits, type FieldMapping } from '$lib/domain/note-type-change';
import { moveCards } from '$lib/storage/card-actions';
import type { EngramDB } from '$lib/storage/db';
import { loadNoteForEditing, type NoteForEditing } from '$lib/storage/note-editing';
import { updateNote } from '$lib/storage/notes';
import { SaveStatus } from './save-status.svelte';

/** What the user typed but has not saved, over the note as it was read. */
interface PendingEdits {
	fields: Record<string, string>;
	stored: Record<string, string>;
	/** Which old field each field of the note read next takes its typing from. */
	mapping: FieldMapping;
	/** Only if changed: otherwise the note read next shows its own. */
	tags?: string;
	deckId?: string;
}

export class NoteEdits {
	/** The note open, read or being read. */
	noteId = $state<string | undefined>(undefined);
	loaded = $state<NoteForEditing | undefined>(undefined);
	fields = $state<Record<string, string>>({});
	tags = $state('');
	deckId = $state('');
	/** A save under way, or why the note was not saved (or not read). */
	readonly status = new SaveStatus();
	/** Set once the note changed in storage (type change or undo): closing then counts as saved. */
	changedInStorage = false;

	/**
	 * Shows note `id` (none: closed). The same note already open means the editor was made again:
	 * it is read anew, with the typing and any message kept.
	 */
	open(db: EngramDB, id: string | undefined): void {
		if (id !== undefined && id === this.noteId && this.loaded) {
			this.#read(db, id, this.#pending());
			return;
		}
		this.noteId = id;
		this.loaded = undefined;
		this.status.error = undefined;
		this.changedInStorage = false;
		if (id) {
			this.#read(db, id);
		}
	}

	/** Saves the typed fields, tags and deck; tells whether it did (if not, `error` says why). */
	async save(db: EngramDB, now: Date): Promise<boolean> {
		const loaded = this.loaded;
		return this.#write(async () => {
			await updateNote(
				db,
				loaded!.note.id,
				{ fields: { ...this.fields }, tags: this.#tagList() },
				now
			);
			if (this.deckId !== loaded!.deckId) {
				await moveCards(db, loaded!.cardIds, this.deckId, now);
			}
		});
	}

	/**
	 * Runs a change of the note in storage (its type, or undoing that), then shows the note as it
	 * now is with the typing carried over through `mapping`: the user still decides to save it.
	 */
	async change(db: EngramDB, write: () => Promise<void>, mapping: FieldMapping): Promise<boolean> {
		const pending = this.loaded && this.#pending(mapping);
		const done = await this.#write(write);
		if (done && pending) {
			this.changedInStorage = true;
			this.#read(db, this.noteId!, pending);
		}
		return done;
	}

	#write(write: () => Promise<void>): Promise<boolean> {
		return !this.loaded || this.status.busy ? Promise.resolve(false) : this.status.save(write);
	}

	#tagList(): string[] {
		return this.tags.split(/\s+/);
	}

	#pending(mapping?: FieldMapping): PendingEdits {
		const { note, noteType, deckId } = this.loaded!;
		return {
			fields: { ...this.fields },
			stored: { ...note.fields },
			mapping: mapping ?? Object.fromEntries(noteType.fields.map((field) => [field, field])),
			tags: this.tags === note.tags.join(' ') ? undefined : this.tags,
			deckId: this.deckId === deckId ? undefined : this.deckId
		};
	}

	#read(db: EngramDB, id: string, pending?: PendingEdits): void {
		loadNoteForEditing(db, id).then(
			(data) => {
				if (this.noteId !== id) {
					return; // Closed, or another note opened, meanwhile.
				}
				const stored = Object.fromEntries(
					data.noteType.fields.map((field) => [field, data.note.fields[field] ?? ''])
				);
				this.loaded = data;
				this.fields = pending
					? carryUnsavedEdits(stored, pending.fields, pending.stored, pending.mapping)
					: stored;
				this.tags = pending?.tags ?? data.note.tags.join(' ');
				this.deckId = pending?.deckId ?? data.deckId;
			},
			(caught: unknown) => {
				this.status.error = errorMessage(caught);
			}
		);
	}
}
