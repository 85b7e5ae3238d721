/**
 * What a desired retention costs. FSRS schedules a card when its predicted recall falls to the
 * desired retention R; on the FSRS-6 forgetting curve R(t) = (1 + F·t/S)^-d that interval is
 * t = S/F · (R^(-1/d) - 1), with F chosen so that t = S at R = 0.9. Reviews per card scale with
 * 1/t, so the workload relative to 90% is F / (R^(-1/d) - 1) for any stability S.
 * (The extra relearning after more lapses at low retention is left out: this is a guide.)
 */
import { default_w } from 'ts-fsrs';

const DECAY = default_w[20] ?? 0.1542;

/** Interval at retention R as a multiple of the card's stability. */
export function intervalFactor(retention: number, decay = DECAY): number {
	const factor = Math.pow(0.9, -1 / decay) - 1;
	return (Math.pow(retention, -1 / decay) - 1) / factor;
}

/** Reviews needed at retention R, relative to reviews needed at 90%. */
export function relativeWorkload(retention: number, decay = DECAY): number {
	return 1 / intervalFactor(retention, decay);
}

/** One sentence for the deck options screen. */
export function describeRetention(retention: number): string {
	const percent = Math.round(retention * 100);
	const load = relativeWorkload(retention);
	const forget = 100 - percent;
	const comparison =
		Math.abs(load - 1) < 0.05
			? 'the usual workload'
			: load > 1
				? `about ${load.toFixed(1)}× the reviews of 90%`
				: `about ${Math.round((1 - load) * 100)}% fewer reviews than 90%`;
	return `You will remember about ${percent}% of due cards (forget ${forget} in 100): ${comparison}.`;
}
