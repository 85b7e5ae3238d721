/**
 * A card side's text for screen readers (the study card's live region): the words it shows, with
 * every character reference decoded and a space at each block's edge. The markup goes as search
 * drops it (domain/markup-text.ts); references are decoded by the browser's own HTML parser, so
 * the study screen does not carry a table of entity names.
 */
import { markupText } from '$lib/domain/markup-text';

let decoder: HTMLTextAreaElement | undefined;

/**
 * A textarea's content is parsed as text with references (RCDATA): `&eacute;` becomes é and
 * nothing becomes an element. The markup is gone by now, so no `</textarea>` can end it early.
 */
function decodeReferences(text: string): string {
	decoder ??= document.createElement('textarea');
	decoder.innerHTML = text;
	return decoder.value;
}

export function cardText(html: string): string {
	return markupText(html, decodeReferences);
}
