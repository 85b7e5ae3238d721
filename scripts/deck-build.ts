// `npm run deck -- build <passage.txt> [--out deck.json] [--title "..."]`: turns a passage into an
// Engram deck file with the same builder the app uses. Bad input exits non-zero with one line.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { builtDeckId, decodePassage, PassageError } from '../src/lib/domain/builder/passage-input';

export async function run(args: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: { out: { type: 'string' }, title: { type: 'string' } }
	});
	const path = positionals[0];
	if (!path) {
		console.error('Usage: npm run deck -- build <passage.txt> [--out deck.json] [--title "..."]');
		return 2;
	}
	let text: string;
	try {
		text = decodePassage(readFileSync(path));
	} catch (error) {
		console.error(describe(error, path));
		return 1;
	}
	// The builder and its NLP lexicon load only once the passage is good: bad input fails at once.
	const { buildCandidates, candidatesToDeck } = await import('../src/lib/domain/builder/index');
	const candidates = buildCandidates(text);
	if (candidates.length === 0) {
		console.error(`No cards could be built from ${path}: it has no dates, quotations or names.`);
		return 1;
	}
	const title = values.title ?? basename(path).replace(/\.[^.]+$/u, '');
	const deck = candidatesToDeck(candidates, {
		id: builtDeckId(title, text),
		name: title,
		description: `Built from ${basename(path)}.`
	});
	const json = `${JSON.stringify(deck, null, '\t')}\n`;
	if (values.out) {
		writeFileSync(values.out, json);
		console.error(`Wrote ${deck.notes.length} notes to ${values.out}`);
	} else {
		process.stdout.write(json);
	}
	return 0;
}

function describe(error: unknown, path: string): string {
	if (error instanceof PassageError) {
		return `${path}: ${error.message}`;
	}
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') {
		return `${path}: no such file.`;
	}
	if (code === 'EISDIR') {
		return `${path}: is a directory, not a text file.`;
	}
	return `${path}: ${error instanceof Error ? error.message : String(error)}`;
}
