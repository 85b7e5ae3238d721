/**
 * Card HTML comes from decks we did not write: sanitise it with DOMPurify before it reaches the
 * DOM. No script, no event handlers, no forms, no javascript: URLs, and no request to any other
 * origin (only same-origin, data: and blob: sources load).
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

export function sanitizeCardHtml(html: string): string {
	installHooks();
	return DOMPurify.sanitize(html, {
		FORBID_TAGS: ['style', 'form', 'iframe', 'object', 'embed', 'link', 'meta', 'base'],
		FORBID_ATTR: ['style'],
		ALLOW_DATA_ATTR: true
	});
}
