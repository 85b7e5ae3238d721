// The markup part of a card's visible text, with the decoding of references left to the caller:
// search decodes with the `entities` package, the study card with the browser's parser.
import { describe, expect, it, vi } from 'vitest';
import { markupText } from '$lib/domain/markup-text';
import { decodeReferences } from '$lib/domain/search/visible-text';

describe('markupText', () => {
	it('decodes what is left once the markup is gone, then reads white space runs as one space', () => {
		const decode = vi.fn(decodeReferences);
		expect(markupText('<img alt="&amp;">caf&eacute;<div>au&nbsp;lait</div>&mdash;', decode)).toBe(
			'café au lait —'
		);
		// An attribute's reference never reaches the decoder: only the text does.
		expect(decode.mock.calls).toEqual([['caf&eacute; au&nbsp;lait &mdash;']]);
	});

	it('does not call the decoder when there is no reference', () => {
		const decode = vi.fn(decodeReferences);
		expect(markupText('a<br>b', decode)).toBe('a b');
		expect(decode).not.toHaveBeenCalled();
	});
});
