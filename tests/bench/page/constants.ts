/** Names the bench's Node side and its in-page code share. */
export const BENCH_DECK_ID = 'bench-deck';
/**
 * The blank baseline page: a precached static file the service worker serves offline (so it goes
 * through the same worker as the app), on which the probe only opens the database.
 */
export const BLANK_PATH = '/icons/icon-192.png';
/** User Timing marks of an import's start (the file chosen) and end (the summary painted). */
export const IMPORT_CHOSEN_MARK = 'engram-bench:import-chosen';
export const IMPORT_DONE_MARK = 'engram-bench:import-done';
