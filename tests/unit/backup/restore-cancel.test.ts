/**
 * Cancel during a restore: the settings screen's job asks the backup worker to stop, and what it
 * then says follows what really happened. The worker runs in process here (the same service the
 * real worker runs), with its messages to the page held back where a test needs the race.
 */
import { describe, expect, it, vi } from 'vitest';
import { BackupJob } from '$lib/state/backup-job.svelte';
import { createBackup } from '$lib/storage/backup';
import { getDb } from '$lib/storage/db';
import { seedDeck } from '$lib/storage/seed';
import type { BackupRequest, BackupResponse } from '$lib/workers/backup-protocol';
import { backupService } from '$lib/workers/backup-service';
import { bundledDeck, NOW } from '../helpers';
import { dump, richCollection } from './rich-collection';

/** A stand-in for the worker: terminate drops what it has not delivered, as a real one does. */
class InProcessWorker {
	onmessage: ((event: MessageEvent<BackupResponse>) => void) | null = null;
	onerror: (() => void) | null = null;
	/** Messages to keep from the page until `release` (the page has not handled them yet). */
	hold: (message: BackupResponse) => boolean = () => false;
	/** Sees each message as the page receives it. */
	watch: (message: BackupResponse) => void = () => {};
	held: BackupResponse[] = [];
	terminated = false;
	readonly #service = backupService(getDb, (message) => this.#deliver(message));

	postMessage(request: BackupRequest): void {
		setTimeout(() => void this.#service.handle(request));
	}

	terminate(): void {
		this.terminated = true;
		this.held = [];
	}

	release(): void {
		for (const message of this.held.splice(0)) {
			this.#hand(message);
		}
	}

	#deliver(message: BackupResponse): void {
		if (this.held.length > 0 || this.hold(message)) {
			this.held.push(message);
		} else {
			this.#hand(message);
		}
	}

	#hand(message: BackupResponse): void {
		if (!this.terminated) {
			this.watch(message);
			this.onmessage?.({ data: message } as MessageEvent<BackupResponse>);
		}
	}
}

class TestJob extends BackupJob {
	worker = new InProcessWorker();
	protected override createWorker(): Worker {
		this.worker = new InProcessWorker();
		return this.worker as unknown as Worker;
	}
}

/** The app's database with a studied deck, a job with a checked backup of another collection. */
async function readyToRestore() {
	// The page tells other parts of the app that everything changed (Node has no window).
	const announced: string[] = [];
	vi.stubGlobal('dispatchEvent', (event: Event) => announced.push(event.type) > 0);
	const db = getDb();
	await Promise.all(db.tables.map((table) => table.clear()));
	await seedDeck(db, bundledDeck(), NOW);
	const other = await richCollection();
	const file = new File([(await createBackup(other.db, NOW)).slice()], 'backup.zip');
	const job = new TestJob();
	job.choose(file);
	await vi.waitFor(() => expect(job.phase).toBe('ready'), { timeout: 10_000 });
	return { db, job, announced, before: await dump(db) };
}

// Real IndexedDB work on a studied collection: seconds on a loaded machine, so a longer ceiling.
describe('cancelling a restore', { timeout: 30_000 }, () => {
	it('a cancel pressed after the commit, before the page heard of it, says the restore finished', async () => {
		const { db, job, announced, before } = await readyToRestore();
		job.worker.hold = (message) => message.type === 'restored';
		job.restore('merge');
		// The worker has committed and answered; the page has not handled the answer yet.
		await vi.waitFor(() => expect(job.worker.held).toHaveLength(1), { timeout: 10_000 });
		expect(await dump(db)).not.toEqual(before);
		job.cancel();
		expect(job.phase).toBe('cancelling');
		expect(job.busy).toBe(true);
		job.worker.release();
		expect(job.phase).toBe('restored');
		expect(job.cancelTooLate).toBe(true);
		expect(job.summary?.added.notes).toBeGreaterThan(0);
		expect(announced).toHaveLength(1); // the screens re-read the restored collection
	});

	it('a cancel while pages are being written rolls them back and says so', async () => {
		const { db, job, before } = await readyToRestore();
		let cancelledAt = 0;
		job.worker.watch = (message) => {
			if (message.type === 'progress' && message.phase === 'Restoring' && message.fraction > 0.5) {
				cancelledAt ||= message.fraction;
				job.cancel();
			}
		};
		job.restore('replace');
		await vi.waitFor(() => expect(job.phase).toBe('cancelled'), { timeout: 10_000 });
		expect(cancelledAt).toBeGreaterThan(0.5);
		expect(cancelledAt).toBeLessThan(1);
		expect(job.cancelled).toBe('restore');
		expect(job.cancelTooLate).toBe(false);
		expect(await dump(db)).toEqual(before);
	});
});
