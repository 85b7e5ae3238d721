/**
 * The card browser's searches and bulk edits, off the main thread: a text search or a scan sort
 * reads every note at 100,000 cards, and deserialising those records on the page held it for
 * 300–800 ms at a time. A new search cancels the one running. Bulk edits run here too, so a
 * "select all" over 100,000 cards never lists them on the page; one can be cancelled, which
 * puts back what it did. Their undo is stored beside them (storage/bulk-edit.ts).
 */
import './quiet-dexie';
import { errorMessage } from '$lib/domain/error-message';
import { searchCardIds, SearchCancelled, type BrowseSearch } from '$lib/storage/browse-query';
import { applyBulk, bulkCardIds, undoBulk, type BulkCards } from '$lib/storage/bulk-edit';
import { getDb } from '$lib/storage/db';
import type { BrowseRequest, BrowseResponse, BulkTarget, SearchRequest } from './browse-protocol';

const post = (message: BrowseResponse) =>
	// Insert positions move to the page rather than being copied.
	postMessage(message, {
		transfer: message.type === 'progress' && message.at ? [message.at.buffer as ArrayBuffer] : []
	});

let running: { id: number; controller: AbortController } | undefined;
/** Bulk edits and undos under way, by request id, so they can be cancelled. */
const edits = new Map<number, AbortController>();

function toSearch(request: SearchRequest): BrowseSearch {
	return { ...request, dayEnd: new Date(request.dayEnd), now: new Date(request.now) };
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

const progressOf = (id: number) => (done: number, total: number, undoing: boolean) =>
	post({ type: 'bulk-progress', id, done, total, undoing });

/**
 * A bulk edit or an undo stops the search running: it would read the whole collection beside
 * the edit (the page searches again after every edit, and an undo often comes right then), and
 * its list is out of date once the edit ends, when the page searches again anyway.
 */
function stopSearch(): void {
	running?.controller.abort();
	running = undefined;
}

async function bulk(request: Extract<BrowseRequest, { type: 'bulk' }>): Promise<void> {
	stopSearch();
	const controller = new AbortController();
	edits.set(request.id, controller);
	try {
		const ids = await bulkCardIds(getDb(), targetCards(request.target));
		const change = await applyBulk(
			getDb(),
			ids,
			request.action,
			request.value,
			new Date(request.now),
			{ onProgress: progressOf(request.id), signal: controller.signal }
		);
		post({ type: 'bulk-done', id: request.id, ...change });
	} finally {
		edits.delete(request.id);
	}
}

/** An undo can be cancelled too: it stops between pages, and the rest stays undoable. */
async function undo(request: Extract<BrowseRequest, { type: 'undo' }>): Promise<void> {
	stopSearch();
	const controller = new AbortController();
	edits.set(request.id, controller);
	try {
		await undoBulk(getDb(), request.changeId, new Date(request.now), {
			onProgress: progressOf(request.id),
			signal: controller.signal
		});
		post({ type: 'undone', id: request.id });
	} finally {
		edits.delete(request.id);
	}
}

async function handle(request: BrowseRequest): Promise<void> {
	switch (request.type) {
		case 'search':
			return search(request.id, request.search);
		case 'cancel':
			if (running?.id === request.id) {
				running.controller.abort();
			}
			edits.get(request.id)?.abort();
			return;
		case 'bulk':
			return bulk(request);
		case 'undo':
			return undo(request);
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
			message: errorMessage(error)
		});
	});
};
