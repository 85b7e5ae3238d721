import { describe, expect, it } from 'vitest';
import { sha256Hex } from '$lib/domain/sha256';
import { Sha256 } from '$lib/domain/sha256-stream';

/** Deterministic bytes of any length. */
function bytes(length: number, seed: number): Uint8Array {
	const out = new Uint8Array(length);
	let x = seed;
	for (let i = 0; i < length; i += 1) {
		x = (x * 1103515245 + 12345) >>> 0;
		out[i] = x >>> 24;
	}
	return out;
}

describe('Sha256 (incremental)', () => {
	it('gives the known digest of the empty input and of "abc"', () => {
		expect(new Sha256().hex()).toBe(
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
		);
		expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});

	it('equals WebCrypto for lengths around the block edges, fed in uneven pieces', async () => {
		for (const length of [1, 55, 56, 63, 64, 65, 119, 120, 1000, 70_001]) {
			const input = bytes(length, length);
			const hasher = new Sha256();
			for (let at = 0, step = 1; at < length; at += step, step = ((step * 3) % 97) + 1) {
				hasher.update(input.subarray(at, at + step));
			}
			expect(hasher.hex(), `length ${length}`).toBe(await sha256Hex(input));
		}
	});
});
