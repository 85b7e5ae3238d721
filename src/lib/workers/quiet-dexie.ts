/**
 * Imported first by the import worker, before Dexie loads. Dexie broadcasts every key a
 * transaction touched to all other contexts; for a 50,000-note import that message costs the
 * page a long main-thread task. Without BroadcastChannel here, the worker stays quiet and the
 * page announces one coarse "everything changed" itself when the import is done. (A worker that
 * gives `BroadcastChannel` up this way cannot post the journal's notice: it keeps it for that.)
 */
import { keepChannel } from '$lib/storage/journal-notice';

// The app's own message that a restore or import began still goes out (journal-notice.ts).
keepChannel(BroadcastChannel);
Reflect.deleteProperty(globalThis, 'BroadcastChannel');
