/** The bench's in-page toolkit, bundled as one script and added to a page only when needed. */
import { prepareBaseline, writeBaseline } from './baseline';
import { selfCheck } from './self-check';

const toolkit = {
	selfCheck,
	prepareBaseline,
	writeBaseline
};

declare global {
	var engramBench: typeof toolkit;
}

globalThis.engramBench = toolkit;
