import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import {
	formatSteps,
	parseSteps,
	PresetError,
	validatePreset
} from '$lib/domain/preset-validation';
import {
	assignPreset,
	createPreset,
	deletePreset,
	getPreset,
	listPresets,
	presetForDeck,
	savePreset
} from '$lib/storage/presets';
import { NOW, seededDb } from './helpers';

describe('learning steps', () => {
	it.each([
		['1m 10m', ['1m', '10m']],
		['10m', ['10m']],
		['', []],
		['  1m,  1h 1d ', ['1m', '1h', '1d']],
		['1.5h', ['1.5h']]
	])('parses %j and writes it back', (text, steps) => {
		expect(parseSteps(text)).toEqual(steps);
		expect(parseSteps(formatSteps(parseSteps(text)))).toEqual(steps);
	});

	it.each(['10', '1x', 'm', '0m', '-1m', '1m 10'])('refuses %j with a clear sentence', (text) => {
		expect(() => parseSteps(text)).toThrow(PresetError);
		expect(() => parseSteps(text)).toThrow(/write steps like “1m 10m”/);
	});
});

describe('preset validation', () => {
	it('accepts the default preset unchanged', () => {
		expect(validatePreset(DEFAULT_PRESET)).toEqual(DEFAULT_PRESET);
	});

	it.each([
		[{ desiredRetention: 0.69 }, /between 0.7 and 0.99/],
		[{ desiredRetention: 0.995 }, /between 0.7 and 0.99/],
		[{ newPerDay: -1 }, /New cards per day/],
		[{ reviewsPerDay: 2.5 }, /Maximum reviews per day/],
		[{ maximumInterval: 0 }, /Maximum interval/],
		[{ name: '  ' }, /needs a name/],
		[{ newOrder: 'shuffle' }, /New-card order/],
		[{ weights: [1, 2] }, /FSRS parameters/],
		[{ leechThreshold: 0 }, /Leech threshold must be a whole number from 1 to 9999/],
		[{ leechThreshold: 2.5 }, /Leech threshold/],
		[{ leechAction: 'delete' }, /leech action must be “tag” or “suspend”/]
	])('refuses %j', (change, message) => {
		expect(() => validatePreset({ ...DEFAULT_PRESET, ...change } as typeof DEFAULT_PRESET)).toThrow(
			message
		);
	});

	it('gives a preset stored before the leech options Anki’s defaults: 8 lapses, tag only', () => {
		const { leechThreshold: _t, leechAction: _a, ...old } = DEFAULT_PRESET;
		expect(validatePreset(old)).toMatchObject({ leechThreshold: 8, leechAction: 'tag' });
	});

	it('accepts the retention bounds 0.70 and 0.99', () => {
		expect(validatePreset({ ...DEFAULT_PRESET, desiredRetention: 0.7 }).desiredRetention).toBe(0.7);
		expect(validatePreset({ ...DEFAULT_PRESET, desiredRetention: 0.99 }).desiredRetention).toBe(
			0.99
		);
	});
});

describe('presets in storage', () => {
	it('creates, saves, assigns and deletes a preset; the deck falls back to the default', async () => {
		const { db, deckId } = await seededDb();
		const preset = await createPreset(db, 'Hard deck', NOW);
		expect((await listPresets(db)).map((p) => p.name)).toEqual(['Default', 'Hard deck']);
		await savePreset(db, { ...preset, desiredRetention: 0.95, learningSteps: ['5m'] }, NOW);
		await assignPreset(db, deckId, preset.id, NOW);
		expect(await presetForDeck(db, deckId)).toMatchObject({
			id: preset.id,
			desiredRetention: 0.95,
			learningSteps: ['5m']
		});
		await deletePreset(db, preset.id, NOW);
		expect((await presetForDeck(db, deckId)).id).toBe('default');
		expect(await getPreset(db, preset.id)).toBeUndefined();
	});

	it('stores nothing when the options are invalid', async () => {
		const { db } = await seededDb();
		const before = await getPreset(db, 'default');
		await expect(savePreset(db, { ...before!, desiredRetention: 1.2 }, NOW)).rejects.toBeInstanceOf(
			PresetError
		);
		expect(await getPreset(db, 'default')).toEqual(before);
		await expect(deletePreset(db, 'default', NOW)).rejects.toThrow(/cannot be deleted/);
		await expect(assignPreset(db, 'engram-october-1917', 'nope', NOW)).rejects.toThrow(
			/does not exist/
		);
	});
});
