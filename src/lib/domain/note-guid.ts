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

/**
 * Exports made before `engram:<id>` GUIDs (session 2) carried the bare Engram note id. Such a GUID
 * can be told from Anki's own: Anki writes at most 10 base91 characters (a 64-bit random number),
 * while Engram ids are UUIDs (36 characters) or deck-file ids like `oct1917-fact-mrc`. Returns the
 * Engram id a note imported under `noteId` may really be, or undefined when the GUID could be
 * Anki's. The caller still checks that a stored Engram note has that id and the same fields.
 */
export function bareEngramId(noteId: string): string | undefined {
	if (!noteId.startsWith(ANKI)) {
		return undefined;
	}
	const guid = noteId.slice(ANKI.length);
	return guid.length > ANKI_GUID_MAX ? guid : undefined;
}

/** The longest GUID Anki itself writes: base91 digits of a 64-bit number. */
const ANKI_GUID_MAX = 10;
