/**
 * Anki's "Custom study" options (rslib/src/scheduler/filtered/custom_study.rs) as one request
 * each, checked as the dialog sends them: a bad number gets one sentence and changes nothing.
 */
export type CramKind = 'new' | 'due' | 'review' | 'all';

export type CustomStudyRequest =
	| { kind: 'new-limit'; delta: number }
	| { kind: 'review-limit'; delta: number }
	| { kind: 'forgot'; days: number }
	| { kind: 'ahead'; days: number }
	| { kind: 'preview'; days: number }
	| {
			kind: 'cram';
			cram: CramKind;
			limit: number;
			include: readonly string[];
			exclude: readonly string[];
	  };

export type CustomStudyKind = CustomStudyRequest['kind'];

export const CUSTOM_STUDY_KINDS: readonly CustomStudyKind[] = [
	'new-limit',
	'review-limit',
	'forgot',
	'ahead',
	'preview',
	'cram'
];

export const CUSTOM_STUDY_LABELS: Record<CustomStudyKind, string> = {
	'new-limit': 'Increase today’s new card limit',
	'review-limit': 'Increase today’s review card limit',
	forgot: 'Review forgotten cards',
	ahead: 'Review ahead',
	preview: 'Preview new cards',
	cram: 'Study by card state or tag'
};

/** What the number means for each option, and its range (Anki's spin boxes). */
export const NUMBER_FIELDS: Record<CustomStudyKind, { label: string; min: number; max: number }> = {
	'new-limit': { label: 'Increase today’s new card limit by', min: 1, max: 9999 },
	'review-limit': { label: 'Increase today’s review limit by', min: 1, max: 9999 },
	forgot: { label: 'Review cards forgotten in the last (days)', min: 1, max: 30 },
	ahead: { label: 'Review ahead by (days)', min: 1, max: 9999 },
	preview: { label: 'Preview new cards added in the last (days)', min: 1, max: 9999 },
	cram: { label: 'Select (cards)', min: 1, max: 9999 }
};

export const CRAM_LABELS: Record<CramKind, string> = {
	new: 'New cards only',
	due: 'Due cards only',
	review: 'All review cards in random order',
	all: 'All cards in random order (don’t reschedule)'
};

/** Tags as typed: separated by spaces or commas, `#` and empty ones dropped. */
export function parseTags(text: string): string[] {
	return [
		...new Set(
			text
				.split(/[\s,]+/)
				.map((tag) => tag.replace(/^#/, ''))
				.filter(Boolean)
		)
	];
}

export interface CustomStudyInput {
	kind: CustomStudyKind;
	/** The number as typed. */
	value: string;
	cram: CramKind;
	include: string;
	exclude: string;
}

export type CheckedRequest =
	{ ok: true; request: CustomStudyRequest } | { ok: false; error: string };

/** The request the dialog's fields describe, or one sentence saying what is wrong. */
export function customStudyRequest(input: CustomStudyInput): CheckedRequest {
	const field = NUMBER_FIELDS[input.kind];
	const text = input.value.trim();
	const number = Number(text);
	if (!/^\d+$/.test(text) || number < field.min || number > field.max) {
		return {
			ok: false,
			error: `Enter a whole number from ${field.min} to ${field.max}.`
		};
	}
	switch (input.kind) {
		case 'new-limit':
		case 'review-limit':
			return { ok: true, request: { kind: input.kind, delta: number } };
		case 'forgot':
		case 'ahead':
		case 'preview':
			return { ok: true, request: { kind: input.kind, days: number } };
		case 'cram': {
			const include = parseTags(input.include);
			const exclude = parseTags(input.exclude);
			const both = include.find((tag) =>
				exclude.some((t) => t.toLowerCase() === tag.toLowerCase())
			);
			if (both) {
				return { ok: false, error: `The tag “${both}” cannot be both required and excluded.` };
			}
			return {
				ok: true,
				request: { kind: 'cram', cram: input.cram, limit: number, include, exclude }
			};
		}
	}
}
