/**
 * The card browser's searches and bulk edits, off the main thread: a text search or a scan sort
 * reads every note at 100,000 cards, and deserialising those records on the page held it for
 * 300–800 ms at a time. A new search cancels the one running. Bulk edits keep their undo
 * snapshots here, so a "select all" over 100,000 cards never copies them to the page.
 */
import './quiet-dexie';
import { newId } from '$lib/domain/ids';
import { searchCardIds, SearchCancelled, type BrowseSearch } from '$lib/storage/browse-query';
import {
	applyBulk,
	bulkCardIds,
	undoBulk,
	type BulkCards,
	type BulkChange
} from '$lib/storage/bulk-edit';
import { getDb } from '$lib/storage/db';
import type { BrowseRequest, BrowseResponse, BulkTarget, SearchRequest } from './browse-protocol';

const post = (message: BrowseResponse) =>
	// Insert positions move to the page rather than being copied.
	postMessage(message, {
		transfer: message.type === 'progress' && message.at ? [message.at.buffer as ArrayBuffer] : []
	});

/** Undo is offered for the latest edits only; older snapshots are let go. */
const KEPT_CHANGES = 3;
const changes = new Map<string, BulkChange>();
let running: { id: number; controller: AbortController } | undefined;

function toSearch(request: SearchRequest): BrowseSearch {
	return { ...request, dayEnd: new Date(request.dayEnd) };
}

async function search(id: number, request: SearchRequest): Promise<void> {
	running?.controller.abort();
	const controller = new AbortController();
	running = { id, controller };
	await searchCardIds(
		getDb(),
		toSearch(request),
		(progress) => post({ type: 'progress', id, ...progress }),
		controller.signal
	);
}

function targetCards(target: BulkTarget): BulkCards {
	return 'ids' in target ? target : { search: toSearch(target.search), except: target.except };
}

async function handle(request: BrowseRequest): Promise<void> {
	switch (request.type) {
		case 'search':
			return search(request.id, request.search);
		case 'cancel':
			if (running?.id === request.id) {
				running.controller.abort();
			}
			return;
		case 'bulk': {
			const ids = await bulkCardIds(getDb(), targetCards(request.target));
			const change = await applyBulk(
				getDb(),
				ids,
				request.action,
				request.value,
				new Date(request.now),
				{
					onProgress: (done, total) => post({ type: 'bulk-progress', id: request.id, done, total })
				}
			);
			const changeId = newId();
			changes.set(changeId, change);
			for (const old of [...changes.keys()].slice(0, -KEPT_CHANGES)) {
				changes.delete(old);
			}
			post({ type: 'bulk-done', id: request.id, message: change.message, changeId });
			return;
		}
		case 'undo': {
			const change = changes.get(request.changeId);
			if (!change) {
				throw new Error('That change can no longer be undone.');
			}
			await undoBulk(getDb(), change, new Date(request.now));
			changes.delete(request.changeId);
			post({ type: 'undone', id: request.id });
			return;
		}
	}
}

onmessage = (event: MessageEvent<BrowseRequest>) => {
	const request = event.data;
	handle(request).catch((error: unknown) => {
		if (error instanceof SearchCancelled || request.type === 'cancel') {
			return;
		}
		console.error(error);
		post({
			type: 'error',
			id: request.id,
			message: error instanceof Error ? error.message : String(error)
		});
	});
};
