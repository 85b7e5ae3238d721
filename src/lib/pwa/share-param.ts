/**
 * Added to the page URL after a share, so the page knows to look in the inbox (share-inbox.ts).
 * On its own so the app shell can check the URL without loading the inbox.
 */
export const SHARED_PARAM = 'shared';
