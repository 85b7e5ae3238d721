// A fresh in-memory IndexedDB for the unit tests (fake-indexeddb implements the real spec).
import 'fake-indexeddb/auto';
import { vi } from 'vitest';

// `vi.waitFor` gives up after 1 s by default, which CI's 2 shared cores at a load of 20 (the
// whole unit run took 22 minutes there) can exceed for a state that does arrive: waits without
// their own timeout get 10 s. A state that never comes still fails the test.
type WaitFor = typeof vi.waitFor;
const waitFor: WaitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback: Parameters<WaitFor>[0], options?: Parameters<WaitFor>[1]) =>
	waitFor(
		callback,
		typeof options === 'number' ? options : { timeout: 10_000, ...options }
	)) as WaitFor;
