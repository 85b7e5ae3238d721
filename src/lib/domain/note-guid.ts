/**
 * The one mapping between Engram note ids and the GUIDs Anki's formats carry (`.apkg` notes.guid,
 * the text format's guid column). A note that came from Anki gets its own GUID back; a note made
 * in Engram travels as `engram:<id>`, which no Anki GUID looks like (Anki writes 10 base91
 * characters), so importing the file again, in Engram or via Anki, finds the same note instead
 * of adding a copy.
 */
const ANKI = 'anki:';
const ENGRAM = 'engram:';

export function guidForNote(noteId: string): string {
	return noteId.startsWith(ANKI) ? noteId.slice(ANKI.length) : `${ENGRAM}${noteId}`;
}

export function noteIdForGuid(guid: string): string {
	return guid.startsWith(ENGRAM) && guid.length > ENGRAM.length
		? guid.slice(ENGRAM.length)
		: `${ANKI}${guid}`;
}
