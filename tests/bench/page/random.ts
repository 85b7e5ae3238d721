/** Seeded randomness for the bench: the optimiser simulator's mulberry32, and UUIDs drawn from it. */
import { seededRandom } from '$lib/domain/optimiser/simulator';

export { seededRandom };
export type Random = () => number;

/** A version-4-shaped UUID drawn from `random`: globally unique ids, as the app uses. */
export function seededUuid(random: Random): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
	hex[12] = '4';
	hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
	const s = hex.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
