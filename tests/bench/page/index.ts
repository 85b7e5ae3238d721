/** The bench's in-page toolkit, bundled as one script and added to a page only when needed. */
import { rawBaseline } from './baseline';
import { generateCollection } from './generate';
import { selfCheck } from './self-check';

const toolkit = {
	generate: (spec: Parameters<typeof generateCollection>[1]) => generateCollection(indexedDB, spec),
	selfCheck,
	rawBaseline
};

declare global {
	var engramBench: typeof toolkit;
}

globalThis.engramBench = toolkit;
