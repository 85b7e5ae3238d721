/** Names the bench's Node side and its in-page code share. */
export const BENCH_DECK_ID = 'bench-deck';
/**
 * The blank baseline page: a precached static file the service worker serves offline (so it goes
 * through the same worker as the app), on which the probe only opens the database.
 */
export const BLANK_PATH = '/icons/icon-192.png';
