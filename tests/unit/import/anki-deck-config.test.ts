// Anki deck options travel with a deck: an .apkg's deck config (schema 11 JSON from a real Anki
// 2.0 file, schema 18 protobuf written here field by field as rslib does) becomes the preset of
// the new deck, leech options included; and a preset exported as Anki options imports back the
// same. Decks the user already has keep their preset.
import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { default_w, fsrs, migrateParameters } from 'ts-fsrs';
import {
	ankiConfigFromJson,
	fsrsWeightsFromAnki,
	presetFromAnkiConfig
} from '$lib/domain/anki-deck-config';
import { readSchema18 } from '$lib/domain/import/anki-schema18';
import { DEFAULT_PRESET, type DeckPreset } from '$lib/domain/preset';
import { exportDeck } from '$lib/storage/export';
import { commitImport } from '$lib/storage/import-commit';
import { assignPreset, savePreset } from '$lib/storage/presets';
import { freshDb, NOW } from '../helpers';
import { AFTER, ROOT, studiedCollection, SUBDECK } from '../export/export-helpers';
import { fixture, loadSql, parse } from './import-helpers';

/** Protocol-buffer writing, just enough for a DeckConfig.Config and a deck's KindContainer. */
const varint = (n: number): number[] => {
	const out: number[] = [];
	do {
		out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
		n = Math.floor(n / 128);
	} while (n > 0);
	return out;
};
const key = (no: number, wire: number) => varint(no * 8 + wire);
const int = (no: number, value: number) => [...key(no, 0), ...varint(value)];
const bytes = (no: number, data: number[]) => [...key(no, 2), ...varint(data.length), ...data];
const float32 = (value: number) => [...new Uint8Array(new Float32Array([value]).buffer)];
const float = (no: number, value: number) => [...key(no, 5), ...float32(value)];
const floats = (no: number, values: number[]) => bytes(no, values.flatMap(float32));

async function schema18Collection(config: number[], configId: number) {
	const sql = await loadSql();
	const db = new sql.Database();
	db.run(`CREATE TABLE notetypes (id, name, config); CREATE TABLE fields (ntid, ord, name);
		CREATE TABLE templates (ntid, ord, name, config); CREATE TABLE decks (id, name, kind);
		CREATE TABLE deck_config (id, name, config);`);
	db.run('INSERT INTO decks VALUES (?, ?, ?)', [
		1700000000001,
		'Spanish\u001fVerbs',
		new Uint8Array(bytes(1, int(1, configId)))
	]);
	db.run('INSERT INTO deck_config VALUES (?, ?, ?)', [
		configId,
		'Hard words',
		new Uint8Array(config)
	]);
	return db;
}

const settingsOf = (p: DeckPreset) => ({
	newPerDay: p.newPerDay,
	reviewsPerDay: p.reviewsPerDay,
	learningSteps: p.learningSteps,
	relearningSteps: p.relearningSteps,
	maximumInterval: p.maximumInterval,
	desiredRetention: p.desiredRetention,
	burySiblings: p.burySiblings,
	newOrder: p.newOrder,
	newMix: p.newMix,
	leechThreshold: p.leechThreshold,
	leechAction: p.leechAction,
	maxAnswerSeconds: p.maxAnswerSeconds
});

describe('Anki deck options', () => {
	it('schema 18: every option is read from the protobuf config the deck points at', async () => {
		const config = [
			...floats(1, [1, 60, 1440]),
			...floats(2, [5]),
			...int(9, 35),
			...int(10, 400),
			...int(16, 180),
			...int(20, 1),
			...int(21, 0),
			...int(22, 5),
			...int(24, 90),
			...int(28, 1),
			...int(30, 2),
			...float(37, 0.85)
		];
		const definitions = readSchema18(await schema18Collection(config, 1700000000777));
		expect(definitions.decks).toEqual([
			{ id: 1700000000001, name: 'Spanish::Verbs', filtered: false, configId: 1700000000777 }
		]);
		const preset = presetFromAnkiConfig(definitions.deckConfigs[0]!);
		expect(preset.name).toBe('Hard words');
		expect(settingsOf(preset)).toEqual({
			newPerDay: 35,
			reviewsPerDay: 400,
			learningSteps: ['1m', '1h', '1d'],
			relearningSteps: ['5m'],
			maximumInterval: 180,
			desiredRetention: 0.85,
			burySiblings: true,
			newOrder: 'random',
			newMix: 'before',
			leechThreshold: 5,
			leechAction: 'suspend',
			maxAnswerSeconds: 90
		});
	});

	it('schema 18: proto3 leaves zero out, so a missing leech action is Suspend, not the default', async () => {
		const definitions = readSchema18(await schema18Collection(int(22, 3), 42));
		const preset = presetFromAnkiConfig(definitions.deckConfigs[0]!);
		// A cap of 0 would record no time at all: it is Anki's default instead.
		expect(preset).toMatchObject({
			leechThreshold: 3,
			leechAction: 'suspend',
			newPerDay: 0,
			maxAnswerSeconds: 60
		});
	});

	it('values outside Engram’s ranges are brought in, so the preset always validates', () => {
		const config = ankiConfigFromJson('9', {
			name: ' ',
			new: { delays: [0, 0.001, 2.5], perDay: -4 },
			rev: { perDay: 'lots', maxIvl: 99999 },
			lapse: { leechFails: 0, leechAction: 1, delays: 'x' },
			desiredRetention: 0.4,
			maxTaken: 5000
		});
		expect(settingsOf(presetFromAnkiConfig(config))).toMatchObject({
			learningSteps: ['2.5m'],
			relearningSteps: ['10m'],
			newPerDay: 0,
			reviewsPerDay: 200,
			maximumInterval: 36500,
			leechThreshold: DEFAULT_PRESET.leechThreshold,
			leechAction: 'tag',
			desiredRetention: 0.9,
			maxAnswerSeconds: 600
		});
	});

	it('a real Anki 2.0 package: its deck arrives with its options (leeches suspended, 100 reviews a day)', async () => {
		const db = freshDb();
		const name = 'anki-legacy1-sound.apkg';
		await commitImport(db, await parse(name, fixture(name)), NOW);
		const [deck] = await db.decks.toArray();
		const preset = await db.presets.get(deck!.presetId);
		expect(preset).toMatchObject({
			name: 'Default (Anki)',
			leechAction: 'suspend',
			leechThreshold: 8,
			reviewsPerDay: 100,
			learningSteps: ['1m', '10m']
		});
		// Importing it again adds no second preset.
		await commitImport(db, await parse(name, fixture(name)), AFTER);
		expect((await db.presets.toArray()).filter((p) => p.id !== 'default')).toEqual([preset]);
	}, 30_000);

	it('a re-import keeps the preset the user chose for the deck, and their edits to it', async () => {
		const db = freshDb();
		const name = 'apkgparser-latest-anki21b-media.apkg';
		await commitImport(db, await parse(name, fixture(name)), NOW);
		const [deck] = await db.decks.toArray();
		const imported = (await db.presets.get(deck!.presetId))!;
		await savePreset(db, { ...imported, newPerDay: 3 }, NOW);
		await commitImport(db, await parse(name, fixture(name)), AFTER);
		expect((await db.presets.get(imported.id))?.newPerDay).toBe(3);

		await assignPreset(db, deck!.id, 'default', NOW);
		await commitImport(db, await parse(name, fixture(name)), AFTER);
		expect((await db.decks.get(deck!.id))?.presetId).toBe('default');
	}, 30_000);

	it('.apkg export writes the deck’s preset as Anki options, and they import back the same', async () => {
		const { db, deckId } = await studiedCollection();
		const mine = await savePreset(
			db,
			{
				...DEFAULT_PRESET,
				id: 'strict',
				name: 'Strict',
				newPerDay: 7,
				reviewsPerDay: 70,
				learningSteps: ['2m', '1h'],
				relearningSteps: ['15m'],
				maximumInterval: 400,
				desiredRetention: 0.93,
				burySiblings: false,
				newOrder: 'random',
				newMix: 'after',
				leechThreshold: 4,
				leechAction: 'suspend',
				maxAnswerSeconds: 120,
				weights: W21
			},
			NOW
		);
		await assignPreset(db, deckId, mine.id, NOW);
		const file = await exportDeck(db, deckId, 'apkg', AFTER, loadSql);

		const sql = await loadSql();
		const anki = new sql.Database(unzipSync(file.bytes)['collection.anki2']);
		const [decksJson, dconfJson] = anki.exec('SELECT decks, dconf FROM col')[0]!.values[0]!;
		const decks = Object.values(
			JSON.parse(String(decksJson)) as Record<string, { name: string; conf: number }>
		);
		const dconf = JSON.parse(String(dconfJson)) as Record<
			string,
			Record<string, Record<string, unknown>>
		>;
		const conf = dconf[String(decks.find((d) => d.name !== 'Default')!.conf)]!;
		expect(conf.lapse).toMatchObject({ leechFails: 4, leechAction: 0, delays: [15] });
		expect(conf.new).toMatchObject({ perDay: 7, delays: [2, 60], order: 0, bury: false });
		expect(conf.rev).toMatchObject({ perDay: 70, maxIvl: 400 });
		expect(conf.maxTaken).toBe(120);
		// The preset's FSRS-6 parameters, where Anki reads that version's set.
		expect(conf.fsrsParams6).toEqual(W21);
		expect(dconf['1']).not.toHaveProperty('fsrsParams6');
		// Anki's own Default stays as Anki ships it: leeches tagged only.
		expect(dconf['1']!.lapse).toMatchObject({ leechFails: 8, leechAction: 1 });
		expect(dconf['1']!.maxTaken).toBe(60);
		anki.close();

		const other = freshDb();
		await commitImport(other, await parse('deck.apkg', file.bytes), AFTER);
		const presetOf = async (deckName: string) => {
			const deck = await other.decks.where('name').equals(deckName).first();
			return other.presets.get(deck!.presetId);
		};
		const preset = await presetOf(ROOT);
		expect(preset?.name).toBe('Strict');
		expect(settingsOf(preset!)).toEqual(settingsOf(mine));
		expect(preset?.weights).toEqual(W21);
		// The subdeck used Engram's default preset, written as Anki's own Default (id 1): it
		// comes back as Anki's default options, leeches tagged only.
		const sub = await presetOf(SUBDECK);
		expect(sub).toMatchObject({ name: 'Default (Anki)', leechAction: 'tag', leechThreshold: 8 });
	}, 30_000);
});

/** An Engram .apkg of the studied deck with the given preset, its Anki options then edited. */
async function packageWithOptions(
	preset: DeckPreset,
	edit: (conf: Record<string, unknown>) => void = () => {}
): Promise<Uint8Array> {
	const { db, deckId } = await studiedCollection();
	await savePreset(db, preset, NOW);
	await assignPreset(db, deckId, preset.id, NOW);
	const file = await exportDeck(db, deckId, 'apkg', AFTER, loadSql);
	const files: Record<string, Uint8Array> = unzipSync(file.bytes);
	const sql = await loadSql();
	const anki = new sql.Database(files['collection.anki2']);
	const [decksJson, dconfJson] = anki.exec('SELECT decks, dconf FROM col')[0]!.values[0]!;
	const decks = Object.values(
		JSON.parse(String(decksJson)) as Record<string, { name: string; conf: number }>
	);
	const dconf = JSON.parse(String(dconfJson)) as Record<string, Record<string, unknown>>;
	edit(dconf[String(decks.find((d) => d.name === ROOT)!.conf)]!);
	anki.run('UPDATE col SET dconf = ?', [JSON.stringify(dconf)]);
	files['collection.anki2'] = anki.export();
	anki.close();
	return zipSync(files);
}

const STRICT: DeckPreset = {
	...DEFAULT_PRESET,
	id: 'strict',
	name: 'Strict',
	newPerDay: 7,
	learningSteps: ['2m', '1h'],
	desiredRetention: 0.93
};

/** 21 FSRS-6 parameters with at most 7 significant digits, as Anki's 32-bit floats keep them. */
const W21 = default_w.map((w, i) => Number((w * (i % 2 ? 0.9 : 1.1)).toPrecision(5)));

describe('Anki deck options: FSRS parameters and shared presets', () => {
	it('schema 11: FSRS-6 parameters and desired retention become the new preset’s, named in the summary', async () => {
		const bytes = await packageWithOptions(STRICT, (conf) => {
			conf.fsrsParams6 = W21;
			conf.fsrsParams5 = W21.slice(0, 19);
			conf.desiredRetention = 0.87;
		});
		const db = freshDb();
		const summary = await commitImport(db, await parse('deck.apkg', bytes), AFTER);
		const deck = await db.decks.where('name').equals(ROOT).first();
		const preset = await db.presets.get(deck!.presetId);
		expect(preset).toMatchObject({ name: 'Strict', desiredRetention: 0.87, weights: W21 });
		expect(summary.presets).toContainEqual({ preset: 'Strict', decks: [ROOT] });
		expect(summary.warnings.filter((w) => w.includes('FSRS'))).toEqual([]);
		// The scheduler takes them: ts-fsrs accepts the stored list as it is.
		expect(() => fsrs({ w: preset!.weights! })).not.toThrow();
	}, 30_000);

	it('schema 11: FSRS-4.5 weights are migrated by ts-fsrs, FSRS-5 kept, and the newest set wins', () => {
		const w17 = W21.slice(0, 17);
		const only4 = ankiConfigFromJson('5', { name: 'Old', fsrsWeights: w17 });
		expect(presetFromAnkiConfig(only4).weights).toEqual(migrateParameters(w17));
		expect(presetFromAnkiConfig(only4).weights).toHaveLength(21);
		const with5 = ankiConfigFromJson('5', { fsrsWeights: w17, fsrsParams5: W21.slice(0, 19) });
		expect(presetFromAnkiConfig(with5).weights).toEqual(W21.slice(0, 19));
		const none = ankiConfigFromJson('5', { fsrsWeights: [], fsrsParams5: [], fsrsParams6: [] });
		expect(presetFromAnkiConfig(none).weights).toBeUndefined();
		expect(fsrsWeightsFromAnki(none)).toEqual({});
	});

	it('schema 18: FSRS-6 parameters are read from protobuf field 6 (before 5 and 3) at float precision', async () => {
		const config = [
			...floats(3, W21.slice(0, 17)),
			...floats(
				5,
				W21.slice(0, 19).map((w) => w + 1)
			),
			...floats(6, W21),
			...float(37, 0.88)
		];
		const [anki] = readSchema18(await schema18Collection(config, 77)).deckConfigs;
		const preset = presetFromAnkiConfig(anki!);
		expect(preset.weights).toEqual(W21);
		expect(preset.desiredRetention).toBe(0.88);
	});

	it('parameters of the wrong length or with a non-number are ignored, with a note in the summary', async () => {
		for (const [bad, why] of [
			[W21.slice(0, 20), '20 values, where 21 numbers were expected'],
			[[...W21.slice(0, 20), 'x'], 'a value that is not a number, where 21 numbers were expected']
		] as const) {
			const bytes = await packageWithOptions(STRICT, (conf) => (conf.fsrsParams6 = bad));
			const db = freshDb();
			const summary = await commitImport(db, await parse('deck.apkg', bytes), AFTER);
			const deck = await db.decks.where('name').equals(ROOT).first();
			const preset = await db.presets.get(deck!.presetId);
			expect(preset?.name).toBe('Strict');
			expect(preset?.weights).toBeUndefined();
			expect(summary.warnings).toContain(
				`The FSRS-6 parameters of the Anki options “Strict” were ignored (${why}); decks using them get the default parameters.`
			);
		}
	}, 60_000);

	it('Anki options equal to a preset the collection has: the deck shares it, no copy is made', async () => {
		// Engram's Default, exported under another name, comes back as the Default itself.
		const copy = await packageWithOptions({ ...DEFAULT_PRESET, id: 'copy', name: 'Copy' });
		const db = freshDb();
		const summary = await commitImport(db, await parse('deck.apkg', copy), AFTER);
		const deck = await db.decks.where('name').equals(ROOT).first();
		expect(deck?.presetId).toBe('default');
		expect(summary.presets).toContainEqual({
			preset: 'Default',
			decks: expect.arrayContaining([ROOT])
		});
		expect((await db.presets.toArray()).map((p) => p.name)).not.toContain('Copy');

		// A preset of the user's own with the same options as the file's.
		const other = freshDb();
		await savePreset(other, { ...STRICT, id: 'mine', name: 'Mine' }, NOW);
		const strict = await packageWithOptions(STRICT);
		const result = await commitImport(other, await parse('deck.apkg', strict), AFTER);
		const imported = await other.decks.where('name').equals(ROOT).first();
		expect(imported?.presetId).toBe('mine');
		expect(result.presets).toContainEqual({ preset: 'Mine', decks: [ROOT] });
		expect((await other.presets.toArray()).map((p) => p.name)).not.toContain('Strict');
	}, 60_000);

	it('real packages: a stock Anki deck’s preset is named in the summary; options equal to the user’s preset share it', async () => {
		const db = freshDb();
		const sound = 'anki-legacy1-sound.apkg';
		const first = await commitImport(db, await parse(sound, fixture(sound)), NOW);
		const [deck] = await db.decks.toArray();
		expect(first.presets).toEqual([{ preset: 'Default (Anki)', decks: [deck!.name] }]);

		// The French deck's Anki 2.1 options hold empty FSRS lists: no parameters, and no note.
		const french = 'french-cloze-anki21-nometa.apkg';
		const bundle = await parse(french, fixture(french));
		const [options] = bundle.presets!;
		expect(options?.weights).toBeUndefined();
		const other = freshDb();
		await savePreset(other, { ...options!, id: 'mine', name: 'My French' }, NOW);
		const summary = await commitImport(other, bundle, NOW);
		const words = 'Language French::My french words and phrases';
		expect((await other.decks.where('name').equals(words).first())?.presetId).toBe('mine');
		expect((await other.presets.toArray()).map((p) => p.id).sort()).toEqual(['default', 'mine']);
		expect(summary.presets).toContainEqual({ preset: 'My French', decks: [words] });
		expect(summary.warnings.filter((w) => w.includes('FSRS'))).toEqual([]);
	}, 60_000);
});
