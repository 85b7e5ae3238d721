/**
 * What a backup's manifest and records must look like before anything is written: enough
 * structure for every index of the database (ids, keys, dates, tags) to accept them. Records may
 * carry more fields than listed; they are kept as they are.
 */
import * as v from 'valibot';
import { BACKUP_FORMAT, LATER_TABLES, TABLE_NAMES, type TableName } from './format';
import { TOMBSTONE_TABLES } from './tombstones';

const Id = v.pipe(v.string(), v.minLength(1));
const Time = v.pipe(v.number(), v.finite());
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Hex64 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
const ValidDate = v.pipe(
	v.date(),
	v.check((date) => !Number.isNaN(date.getTime()))
);

/** Every table's entry; tables newer than the backup may be missing (they count as empty). */
const perTable = <T extends v.GenericSchema>(schema: T) =>
	v.object(
		Object.fromEntries(
			TABLE_NAMES.map((table) => [
				table,
				LATER_TABLES.includes(table) ? v.optional(schema) : schema
			])
		) as Record<TableName, T>
	);

export const ManifestSchema = v.object({
	format: v.literal(BACKUP_FORMAT),
	formatVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
	appVersion: v.string(),
	dbSchemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
	createdAt: v.string(),
	counts: perTable(v.pipe(v.number(), v.integer(), v.minValue(0))),
	tableChecksums: perTable(Hex64),
	checksum: Hex64
});

/** A media file's entry in `tables/media.jsonl`; its bytes are in `media/<sha256>`. */
export const MediaLineSchema = v.object({
	hash: Id,
	name: v.string(),
	type: v.string(),
	mtime: Time,
	sha256: Hex64,
	size: v.pipe(v.number(), v.integer(), v.minValue(0))
});

export type MediaLine = v.InferOutput<typeof MediaLineSchema>;

export const RECORD_SCHEMAS: Record<Exclude<TableName, 'media'>, v.GenericSchema> = {
	decks: v.looseObject({ id: Id, name: v.string(), presetId: Id, mtime: Time }),
	noteTypes: v.looseObject({
		id: Id,
		name: v.string(),
		fields: v.array(v.string()),
		templates: v.array(v.looseObject({ name: v.string(), front: v.string(), back: v.string() })),
		mtime: Time
	}),
	notes: v.looseObject({
		id: Id,
		deckId: Id,
		noteTypeId: Id,
		fields: v.record(v.string(), v.string()),
		fieldMtimes: v.record(v.string(), Time),
		tags: v.array(v.string()),
		mtime: Time
	}),
	cards: v.looseObject({
		id: Id,
		noteId: Id,
		deckId: Id,
		queue: v.picklist(['new', 'learning', 'review', 'suspended', 'buried']),
		due: ValidDate,
		state: v.number(),
		position: v.number(),
		mtime: Time
	}),
	reviews: v.looseObject({
		id: Id,
		cardId: Id,
		deckId: Id,
		rating: v.number(),
		state: v.number(),
		review: ValidDate,
		cardDue: ValidDate
	}),
	presets: v.looseObject({ id: Id, name: v.string(), mtime: Time }),
	settings: v.looseObject({ key: Id, value: v.unknown(), mtime: v.optional(Time) }),
	tombstones: v.object({
		table: v.picklist(TOMBSTONE_TABLES),
		id: Id,
		deletedAt: Time
	}),
	limitExtensions: v.looseObject({
		id: Id,
		deckId: Id,
		day: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)),
		extraNew: Count,
		extraReview: Count,
		mtime: Time
	}),
	filteredDecks: v.looseObject({
		id: Id,
		name: v.string(),
		homeDeckId: Id,
		search: v.string(),
		limit: Count,
		order: v.picklist(['random', 'due', 'added', 'oldest-seen']),
		reschedule: v.boolean(),
		cardIds: v.array(Id),
		builtAt: Time,
		createdAt: Time,
		mtime: Time
	}),
	previews: v.looseObject({
		id: Id,
		cardId: Id,
		deckId: Id,
		filteredId: Id,
		rating: v.number(),
		answeredAt: ValidDate,
		duration: v.number()
	})
};

type Row = Record<string, unknown>;

/** The primary key of each table as one string, for the duplicate check. */
export const PRIMARY_KEYS: Record<TableName, (record: Row) => string> = {
	decks: (r) => String(r.id),
	noteTypes: (r) => String(r.id),
	notes: (r) => String(r.id),
	cards: (r) => String(r.id),
	reviews: (r) => String(r.id),
	media: (r) => String(r.hash),
	presets: (r) => String(r.id),
	settings: (r) => String(r.key),
	// [table+id]: ids are unique within a table, not across tables.
	tombstones: (r) => `${String(r.table)}\u0000${String(r.id)}`,
	limitExtensions: (r) => String(r.id),
	filteredDecks: (r) => String(r.id),
	previews: (r) => String(r.id)
};
