/**
 * Card HTML and CSS come from decks we did not write. HTML goes through DOMPurify: no script, no
 * event handlers, no forms, no javascript: URLs, and nothing loaded from another origin (only
 * same-origin paths, data: and blob: sources). CSS loses @import, external url()s and legacy
 * script hooks; it is then confined to the card's shadow root by CardContent.
 */
import DOMPurify from 'dompurify';

const SAFE_SOURCE = /^(?:data:(?:image|audio)\/|blob:|\/(?!\/)|#)/i;

let hooked = false;

function installHooks(): void {
	if (hooked) {
		return;
	}
	hooked = true;
	DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
		if (['src', 'href', 'poster', 'srcset', 'xlink:href', 'action'].includes(data.attrName)) {
			if (!SAFE_SOURCE.test(data.attrValue.trim())) {
				data.keepAttr = false;
			}
		}
	});
}

const OPTIONS = {
	FORBID_TAGS: ['style', 'form', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'frame'],
	FORBID_ATTR: ['style'],
	ALLOW_DATA_ATTR: true,
	// DOMPurify's default URI rule has no blob:, which is how stored media reach the card.
	ALLOWED_URI_REGEXP: SAFE_SOURCE
};

export function sanitizeCardHtml(html: string): string {
	installHooks();
	return DOMPurify.sanitize(html, OPTIONS);
}

const SAFE_URL = /^\s*(['"]?)\s*(?:data:image\/|blob:)/i;

export function sanitizeCardCss(css: string): string {
	return (
		css
			.replace(/\/\*[\s\S]*?\*\//g, '')
			.replace(/<\/?\s*style/gi, '')
			// @import and @font-face would fetch from anywhere; @namespace is never needed.
			.replace(/@(?:import|namespace)[^;]*;?/gi, '')
			.replace(/@font-face\s*\{[^}]*\}/gi, '')
			.replace(/url\s*\(([^)]*)\)/gi, (m, inner: string) => (SAFE_URL.test(inner) ? m : 'none'))
			.replace(/expression\s*\(|behavior\s*:|-moz-binding\s*:|javascript:/gi, 'x-blocked:')
	);
}
