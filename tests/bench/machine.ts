/** The machine a bench ran on, for the table and the README. */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export interface MachineInfo {
	cpus: number;
	cpuModel: string;
	chromium: string;
	node: string;
	date: string;
	/** 1-, 5- and 15-minute load averages when the bench ended (2 cores: above 2 is queueing). */
	load: number[];
}

function cpuModel(): string {
	try {
		const info = readFileSync('/proc/cpuinfo', 'utf8');
		return /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? 'unknown CPU';
	} catch {
		return 'unknown CPU';
	}
}

export function machine(chromium: string): MachineInfo {
	return {
		cpus: availableParallelism(),
		cpuModel: cpuModel(),
		chromium,
		node: process.version,
		date: new Date().toISOString(),
		load: loadavg().map((x) => Number(x.toFixed(1)))
	};
}
