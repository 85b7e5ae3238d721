/**
 * Compares a typed answer with the expected one, forgiving what a person would not call a
 * mistake: case, surrounding and repeated spaces, and Unicode normal form.
 */
export interface TypedAnswerResult {
	typed: string;
	expected: string;
	correct: boolean;
}

function normalise(text: string): string {
	return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

export function compareTypedAnswer(typed: string, expected: string): TypedAnswerResult {
	return { typed, expected, correct: normalise(typed) === normalise(expected) };
}
