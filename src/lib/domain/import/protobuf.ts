/**
 * A small protocol-buffers reader, enough for Anki's config blobs, package meta and media list:
 * varints, length-delimited fields and 32-bit floats (deck options); 64-bit fixed fields are skipped.
 */
import { ImportError } from './errors';

export interface ProtoField {
	no: number;
	/** Set for varint fields (safe for the ids and sizes Anki stores). */
	varint?: number;
	/** Set for length-delimited fields (strings, bytes, nested messages). */
	bytes?: Uint8Array;
	/** Set for 32-bit fields (Anki's floats). */
	float?: number;
}

const decoder = new TextDecoder();

export function decodeMessage(data: Uint8Array, errorMessage: string): ProtoField[] {
	const fields: ProtoField[] = [];
	let pos = 0;
	const varint = (): number => {
		let result = 0;
		let scale = 1;
		for (let i = 0; i < 10; i++) {
			if (pos >= data.length) {
				throw new ImportError(errorMessage);
			}
			const byte = data[pos++]!;
			result += (byte & 0x7f) * scale;
			scale *= 128;
			if (byte < 0x80) {
				return result;
			}
		}
		throw new ImportError(errorMessage);
	};
	while (pos < data.length) {
		const key = varint();
		const no = Math.floor(key / 8);
		const wire = key % 8;
		if (wire === 0) {
			fields.push({ no, varint: varint() });
		} else if (wire === 2) {
			const length = varint();
			if (pos + length > data.length) {
				throw new ImportError(errorMessage);
			}
			fields.push({ no, bytes: data.subarray(pos, pos + length) });
			pos += length;
		} else if (wire === 5 && pos + 4 <= data.length) {
			fields.push({ no, float: floatAt(data, pos) });
			pos += 4;
		} else if (wire === 1) {
			pos += 8;
		} else {
			throw new ImportError(errorMessage);
		}
	}
	if (pos !== data.length) {
		throw new ImportError(errorMessage);
	}
	return fields;
}

function floatAt(data: Uint8Array, pos: number): number {
	return new DataView(data.buffer, data.byteOffset + pos, 4).getFloat32(0, true);
}

export function protoFloat(fields: ProtoField[], no: number): number {
	return fields.findLast((f) => f.no === no && f.float !== undefined)?.float ?? 0;
}

/** A `repeated float`: packed (one length-delimited run, as proto3 writes it) or one by one. */
export function protoFloats(fields: ProtoField[], no: number): number[] {
	return fields
		.filter((f) => f.no === no)
		.flatMap((f) => {
			if (f.float !== undefined) {
				return [f.float];
			}
			const bytes = f.bytes ?? new Uint8Array();
			return Array.from({ length: Math.floor(bytes.length / 4) }, (_, i) => floatAt(bytes, i * 4));
		});
}

export function protoString(fields: ProtoField[], no: number): string {
	const field = fields.findLast((f) => f.no === no && f.bytes);
	return field?.bytes ? decoder.decode(field.bytes) : '';
}

export function protoVarint(fields: ProtoField[], no: number): number {
	return fields.findLast((f) => f.no === no && f.varint !== undefined)?.varint ?? 0;
}

export function protoHas(fields: ProtoField[], no: number): boolean {
	return fields.some((f) => f.no === no);
}

export function protoMessages(fields: ProtoField[], no: number): Uint8Array[] {
	return fields.filter((f) => f.no === no && f.bytes).map((f) => f.bytes!);
}
