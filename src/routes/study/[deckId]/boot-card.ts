/**
 * Keeps the resume snapshot (domain/resume-card.ts) of the card on screen once the session offers
 * it: its front rendered as CardContent renders it (media linked, then sanitised: nothing from a
 * deck may run, in the boot card either), its note type's CSS scoped to the boot card, and where
 * the card sits on screen. A card with media is not kept: its files' blob: URLs die with the page.
 */
import { referencedMedia } from '$lib/domain/import/media-names';
import { RESUME_VERSION, stampsOf, type ResumeSnapshot } from '$lib/domain/resume-card';
import { scopeCardCss } from '$lib/components/card-css';
import { linkMedia } from '$lib/components/card-media';
import { sanitizeCardHtml } from '$lib/components/sanitize';
import type { Resumable } from '$lib/state/study-screen.svelte';
import { keepResume } from '$lib/storage/resume-card';

/** The scope app.html's boot card gives its content (CardContent's is random per card). */
export const BOOT_SCOPE = '[data-card-scope="boot"]';

/** Keeps `offer`'s snapshot, the card drawn in `box` (the study card's element); whether it did. */
export function keepBootCard(offer: Resumable, box: HTMLElement): boolean {
	const { view } = offer;
	if (referencedMedia(view.front).length > 0) {
		return false;
	}
	const rect = box.getBoundingClientRect();
	const note = { id: view.card.noteId, mtime: view.noteMtime };
	const snapshot: ResumeSnapshot = {
		v: RESUME_VERSION,
		deckId: offer.deckId,
		cardId: view.card.id,
		noteId: view.card.noteId,
		...stampsOf(view.card, note),
		validUntil: offer.validUntil,
		html: sanitizeCardHtml(linkMedia(view.front, new Map())),
		css: scopeCardCss(view.css, BOOT_SCOPE),
		box: {
			top: rect.top,
			left: rect.left,
			width: rect.width,
			height: rect.height,
			viewWidth: innerWidth,
			viewHeight: innerHeight
		}
	};
	return keepResume(snapshot, offer.mark);
}

/** Takes app.html's boot card away: the study screen shows its own card, end or error now. */
export function dropBootCard(): void {
	const shell = document.querySelector('.boot-shell');
	shell?.classList.remove('has-card');
	shell?.querySelector('.boot-card')?.remove();
}
