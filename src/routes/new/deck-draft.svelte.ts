/**
 * The "New deck from text" draft: the passage, the candidate cards the builder proposed, what the
 * person decided about each, and saving the accepted ones as a new deck. The builder (with
 * compromise) is imported only when first used, so it never weighs on the first screen.
 */
import type { Candidate } from '$lib/domain/builder/candidate';
import { errorMessage } from '$lib/domain/error-message';
import type { NoteKind } from '$lib/domain/model';
import { newId } from '$lib/domain/ids';
import { getDb } from '$lib/storage/db';
import { describeWriteError } from '$lib/storage/errors';
import { saveNewDeck } from '$lib/storage/deck-save';

export type Decision = 'undecided' | 'accepted' | 'rejected';

export interface DraftItem {
	candidate: Candidate;
	fields: Record<string, string>;
	decision: Decision;
}

export interface SavedDeck {
	id: string;
	name: string;
	notes: number;
}

/** Errors whose message is already a sentence for people (bad deck, id taken). */
const OUR_ERRORS = new Set(['DeckSaveError', 'DeckFileError']);
const loadBuilder = () => import('$lib/domain/builder/index');
const loadInput = () => import('$lib/domain/builder/passage-input');

export class DeckDraft {
	text = $state('');
	title = $state('');
	items = $state<DraftItem[]>([]);
	error = $state<string | undefined>(undefined);
	busy = $state(false);
	saved = $state<SavedDeck | undefined>(undefined);

	accepted = $derived(this.items.filter((item) => item.decision === 'accepted'));

	async openFile(file: File): Promise<void> {
		this.error = undefined;
		try {
			const { decodePassage } = await loadInput();
			this.text = decodePassage(new Uint8Array(await file.arrayBuffer()));
			this.title ||= file.name.replace(/\.[^.]+$/u, '');
		} catch (error) {
			this.error = `${file.name}: ${errorMessage(error)}`;
		}
	}

	async findCards(): Promise<void> {
		this.error = undefined;
		this.saved = undefined;
		this.busy = true;
		try {
			const [{ checkPassage }, { buildCandidates }] = await Promise.all([
				loadInput(),
				loadBuilder()
			]);
			const candidates = buildCandidates(checkPassage(this.text));
			if (candidates.length === 0) {
				this.error = 'No cards could be found: the passage has no dates, quotations or names.';
			}
			this.items = candidates.map((candidate) => ({
				candidate,
				fields: { ...candidate.fields },
				decision: 'undecided'
			}));
		} catch (error) {
			this.items = [];
			this.error = errorMessage(error);
		} finally {
			this.busy = false;
		}
	}

	decideKind(kind: NoteKind, decision: Decision): void {
		for (const item of this.items) {
			if (item.candidate.kind === kind) {
				item.decision = decision;
			}
		}
	}

	async save(now: Date): Promise<void> {
		this.error = undefined;
		const name = this.title.trim();
		if (!name) {
			this.error = 'Give the deck a name before saving it.';
			return;
		}
		const blank = this.accepted.find((item) => !(item.fields.Front ?? item.fields.Text)?.trim());
		if (blank) {
			this.error = 'An accepted card has an empty question: fill it in or reject the card.';
			return;
		}
		this.busy = true;
		try {
			const { candidatesToDeck } = await loadBuilder();
			const file = candidatesToDeck(
				this.accepted.map((item) => ({ ...item.candidate, fields: { ...item.fields } })),
				{ id: newId(), name, description: 'Built from a passage with “New deck from text”.' }
			);
			await saveNewDeck(getDb(), file, now);
			this.saved = { id: file.id, name, notes: file.notes.length };
			this.items = [];
		} catch (error) {
			this.error = OUR_ERRORS.has((error as Error).name)
				? errorMessage(error)
				: describeWriteError(error);
		} finally {
			this.busy = false;
		}
	}
}
