/**
 * Checks what the person gave the builder before any work is done: it must be text (not a binary
 * file) and must hold some words. The messages are one sentence, for the CLI and the app alike.
 */
import { contentHash } from './candidate';

export class PassageError extends Error {
	override name = 'PassageError';
}

/** Decodes UTF-8 bytes; throws PassageError for binary data or an empty passage. */
export function decodePassage(bytes: Uint8Array): string {
	if (bytes.includes(0)) {
		throw new PassageError('This is not a text file: it contains binary data.');
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new PassageError('This is not a text file: it is not valid UTF-8.');
	}
	return checkPassage(text);
}

export function checkPassage(text: string): string {
	const clean = text.replace(/^\uFEFF/u, '');
	if (!/\p{L}/u.test(clean)) {
		throw new PassageError('The passage is empty: there is no text to build cards from.');
	}
	return clean;
}

/** A stable id for a deck built outside the app: the same passage and title give the same id. */
export function builtDeckId(title: string, text: string): string {
	const slug = title
		.toLowerCase()
		.replace(/[^a-z0-9]+/gu, '-')
		.replace(/^-|-$/gu, '')
		.slice(0, 40);
	return `built-${slug || 'deck'}-${contentHash(`${title}\n${text}`)}`;
}
