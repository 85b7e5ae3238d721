/**
 * Horizontal swipe on the answer card: left = Again, right = Good. A gesture counts only when it
 * is clearly sideways (twice as wide as tall) and long enough; anything vertical is left to the
 * browser as a scroll (touch-action: pan-y), which cancels the pointer, so scrolling never grades.
 */
export interface SwipeOptions {
	enabled: boolean;
	onleft: () => void;
	onright: () => void;
}

const DECIDE_PX = 12;
const MIN_DISTANCE_PX = 90;

export function swipe(node: HTMLElement, initial: SwipeOptions) {
	let options = initial;
	let start: { x: number; y: number; id: number } | undefined;
	let mode: 'undecided' | 'swipe' | 'scroll' = 'undecided';
	let suppressClick = false;
	const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)');

	const reset = () => {
		start = undefined;
		mode = 'undecided';
		node.style.transform = '';
		node.dataset.swipe = '';
	};
	const down = (event: PointerEvent) => {
		// A new gesture: a finger that swiped sends no click, so a suppression still pending from
		// the last swipe must not swallow this gesture's tap (such as Show answer on the next card).
		suppressClick = false;
		if (!options.enabled || !event.isPrimary || event.button !== 0) {
			return;
		}
		start = { x: event.clientX, y: event.clientY, id: event.pointerId };
		mode = 'undecided';
	};
	const move = (event: PointerEvent) => {
		if (!start || event.pointerId !== start.id || mode === 'scroll') {
			return;
		}
		const dx = event.clientX - start.x;
		const dy = event.clientY - start.y;
		if (mode === 'undecided') {
			if (Math.abs(dy) > DECIDE_PX && Math.abs(dy) >= Math.abs(dx)) {
				mode = 'scroll';
				return;
			}
			if (Math.abs(dx) > DECIDE_PX && Math.abs(dx) > 2 * Math.abs(dy)) {
				mode = 'swipe';
			}
		}
		if (mode === 'swipe') {
			node.dataset.swipe = dx < 0 ? 'left' : 'right';
			if (!reduceMotion.matches) {
				node.style.transform = `translateX(${dx * 0.6}px) rotate(${dx / 60}deg)`;
			}
		}
	};
	const up = (event: PointerEvent) => {
		if (!start || event.pointerId !== start.id) {
			return;
		}
		const dx = event.clientX - start.x;
		const dy = event.clientY - start.y;
		const decided = mode === 'swipe';
		reset();
		if (decided) {
			suppressClick = true;
			if (Math.abs(dx) >= MIN_DISTANCE_PX && Math.abs(dx) > 2 * Math.abs(dy)) {
				(dx < 0 ? options.onleft : options.onright)();
			}
		}
	};
	// Once the gesture is a swipe, the browser must not treat it as a pan as well: with
	// `pan-y` the swipe's small vertical part would otherwise start a scroll and a fling, and
	// Chromium swallows a tap that lands during a fling (it only stops the fling), so a quick
	// "Show answer" right after swiping would do nothing. Pointer moves come before the touch
	// move of the same input, so the decision is already made here.
	const touchMove = (event: TouchEvent) => {
		if (mode === 'swipe' && event.cancelable) {
			event.preventDefault();
		}
	};
	const click = (event: MouseEvent) => {
		if (suppressClick) {
			suppressClick = false;
			event.stopPropagation();
			event.preventDefault();
		}
	};
	node.addEventListener('pointerdown', down);
	node.addEventListener('pointermove', move);
	node.addEventListener('pointerup', up);
	node.addEventListener('pointercancel', reset);
	node.addEventListener('touchmove', touchMove, { passive: false });
	node.addEventListener('click', click, true);
	return {
		update(next: SwipeOptions) {
			options = next;
		},
		destroy() {
			node.removeEventListener('pointerdown', down);
			node.removeEventListener('pointermove', move);
			node.removeEventListener('pointerup', up);
			node.removeEventListener('pointercancel', reset);
			node.removeEventListener('touchmove', touchMove);
			node.removeEventListener('click', click, true);
		}
	};
}
