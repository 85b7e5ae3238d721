/**
 * A candidate note: what the builder proposes, before the person accepts, edits or rejects it.
 * Ids are a hash of the content, so the same passage always yields the same ids.
 */
import type { NoteKind } from '../model';

export interface Candidate {
	id: string;
	kind: NoteKind;
	type: 'basic' | 'cloze';
	fields: Record<string, string>;
	/** The cleaned sentence the card was built from. */
	source: string;
	/** 0–1: how sure the rules are that the card is right. */
	confidence: number;
	tags: string[];
}

export const KIND_ORDER: readonly NoteKind[] = ['date', 'quote', 'person', 'place', 'fact', 'term'];

export function basic(
	kind: NoteKind,
	front: string,
	back: string,
	source: string,
	confidence: number,
	tags: string[] = []
): Candidate {
	return make(kind, 'basic', { Front: front, Back: back }, source, confidence, tags);
}

export function cloze(
	kind: NoteKind,
	text: string,
	extra: string,
	source: string,
	confidence: number,
	tags: string[] = []
): Candidate {
	return make(kind, 'cloze', { Text: text, Extra: extra }, source, confidence, tags);
}

function make(
	kind: NoteKind,
	type: Candidate['type'],
	fields: Record<string, string>,
	source: string,
	confidence: number,
	tags: string[]
): Candidate {
	const prompt = fields.Front ?? fields.Text ?? '';
	const id = `${kind}-${slug(prompt)}-${contentHash(`${type}\n${JSON.stringify(fields)}`)}`;
	const rounded = Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100;
	return { id, kind, type, fields, source, confidence: rounded, tags: [kind, ...tags.map(tagOf)] };
}

/** Duplicates (the same question, ignoring case and punctuation) keep the surer candidate. */
export function mergeCandidates(candidates: readonly Candidate[]): Candidate[] {
	const byPrompt = new Map<string, Candidate>();
	for (const candidate of candidates) {
		const key = normalise(candidate.fields.Front ?? candidate.fields.Text ?? '');
		const existing = byPrompt.get(key);
		if (!existing || candidate.confidence > existing.confidence) {
			byPrompt.set(
				key,
				existing ? { ...candidate, tags: union(existing.tags, candidate.tags) } : candidate
			);
		} else {
			existing.tags = union(existing.tags, candidate.tags);
		}
	}
	return [...byPrompt.values()];
}

function union(a: string[], b: string[]): string[] {
	return [...new Set([...a, ...b])];
}

function normalise(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^\p{L}\p{N}{}:]+/gu, ' ')
		.trim();
}

export function tagOf(name: string): string {
	return slug(name, 6) || 'x';
}

function slug(text: string, words = 5): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/\{\{c\d+::|\}\}/gu, '')
		.replace(/[^a-z0-9]+/gu, ' ')
		.trim()
		.split(' ')
		.slice(0, words)
		.join('-');
}

/** FNV-1a, 32 bits, as 8 hex digits: short, stable content ids. */
export function contentHash(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i += 1) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(16).padStart(8, '0');
}
