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

/** The Engram id a note imported under an `anki:` GUID may really be (see `bareEngramId`). */
export interface BareEngramId {
	id: string;
	/**
	 * The GUID is short enough to be Anki's own (or a hand-made deck's, like `1` or `n1`): only a
	 * stored note identical to the file's may be taken for it.
	 */
	couldBeAnki: boolean;
}

/**
 * Exports made before `engram:<id>` GUIDs (session 2) carried the bare Engram note id. A GUID
 * longer than Anki's (it writes at most 10 base91 characters, a 64-bit number) can only be an
 * Engram id: UUIDs (36 characters) or deck-file ids like `oct1917-fact-mrc`. A shorter one may be
 * Anki's, or another tool's (some number their notes), as well as an Engram deck-file id like
 * `n1`. Returns undefined for a note not imported under an `anki:` GUID. The caller checks that a
 * stored Engram note has that id and the same fields, and for a GUID that `couldBeAnki`, the
 * same field values too: then taking it for ours can change nothing but the duplicate it avoids.
 */
export function bareEngramId(noteId: string): BareEngramId | undefined {
	if (!noteId.startsWith(ANKI) || noteId.length === ANKI.length) {
		return undefined;
	}
	const guid = noteId.slice(ANKI.length);
	return { id: guid, couldBeAnki: guid.length <= ANKI_GUID_MAX };
}

/** The longest GUID Anki itself writes: base91 digits of a 64-bit number. */
const ANKI_GUID_MAX = 10;
