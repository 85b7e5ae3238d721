import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/lib/domain/error-message';

describe('errorMessage', () => {
	it("gives an Error's message, not its name or stack", () => {
		expect(errorMessage(new TypeError('Deck name is empty'))).toBe('Deck name is empty');
	});

	it('gives anything else thrown as a string', () => {
		expect(errorMessage('worker stopped')).toBe('worker stopped');
		expect(errorMessage(42)).toBe('42');
		expect(errorMessage(undefined)).toBe('undefined');
	});
});
