/**
 * Confines a note type's CSS to its card: the browser parses it (CSSOM, so nothing is fetched),
 * every selector is prefixed with the card's scope attribute (`.card`, `body` and `html` become
 * the card's own element), and anything that is not a style, @media or @supports rule is dropped.
 */
import { sanitizeCardCss } from './sanitize';

const ROOT = /^(?:html|body|:root|\.card)\b/;

function splitSelectors(list: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let current = '';
	for (const ch of list) {
		depth += ch === '(' || ch === '[' ? 1 : ch === ')' || ch === ']' ? -1 : 0;
		if (ch === ',' && depth === 0) {
			parts.push(current);
			current = '';
		} else {
			current += ch;
		}
	}
	return [...parts, current].map((s) => s.trim()).filter(Boolean);
}

function scopeSelector(selector: string, scope: string): string {
	let rest = selector;
	let rooted = false;
	// `body .card .x` → `[scope] .x`: leading root-like parts all mean the card itself.
	while (ROOT.test(rest)) {
		rest = rest.replace(ROOT, '').trim();
		rooted = true;
	}
	if (rooted) {
		// The card's own element sits inside the scope, so even `position: fixed` stays contained.
		const card = `${scope} > .card`;
		return rest ? `${card}${/^[:.[#]/.test(rest) ? '' : ' '}${rest}` : card;
	}
	return `${scope} ${selector}`;
}

function scopeRule(rule: CSSRule, scope: string): string {
	if (rule instanceof CSSStyleRule) {
		const selectors = splitSelectors(rule.selectorText).map((s) => scopeSelector(s, scope));
		return `${selectors.join(', ')} { ${rule.style.cssText} }`;
	}
	if (rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule) {
		const inner = [...rule.cssRules].map((r) => scopeRule(r, scope)).join('\n');
		const at = rule instanceof CSSMediaRule ? '@media' : '@supports';
		return `${at} ${rule.conditionText} { ${inner} }`;
	}
	return '';
}

export function scopeCardCss(css: string, scope: string): string {
	if (!css.trim()) {
		return '';
	}
	const sheet = new CSSStyleSheet();
	sheet.replaceSync(sanitizeCardCss(css));
	const scoped = [...sheet.cssRules].map((rule) => scopeRule(rule, scope)).join('\n');
	// Serialising may normalise what was written: check the result once more.
	return sanitizeCardCss(scoped);
}
