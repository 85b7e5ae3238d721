/**
 * Wall-clock time of each phase of a bench run (build, collections, study, imports...), printed at
 * the end and kept in the JSON, so a slow run says where its minutes went.
 */
export interface Phase {
	name: string;
	seconds: number;
}

export class PhaseClock {
	readonly phases: Phase[] = [];

	/** A phase timed elsewhere (the build, in scripts/bench.js). */
	add(name: string, seconds: number): void {
		this.phases.push({ name, seconds: Number(seconds.toFixed(1)) });
	}

	async time<T>(name: string, task: () => Promise<T>): Promise<T> {
		const started = Date.now();
		try {
			return await task();
		} finally {
			this.add(name, (Date.now() - started) / 1000);
		}
	}

	/** One line: `build 62.1 s, collections 95.0 s, …`. */
	summary(): string {
		return this.phases.map((phase) => `${phase.name} ${phase.seconds.toFixed(1)} s`).join(', ');
	}
}
