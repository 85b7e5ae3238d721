/**
 * Anki's wildcards: `*` any run of characters, `_` exactly one, and a backslash makes the next
 * character literal (`\*`, `\_`, `\\`). Patterns become regular expressions once per search;
 * a pattern without wildcards is a plain substring or equality test, which is much faster.
 */
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/-]/g;
/** The same outside a character class for a `u` regex, where `\-` is a syntax error. */
const UNICODE_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

export interface GlobOptions {
	/** What `*` and `_` may not cross, e.g. the separator between joined fields. */
	notAcross?: string;
	/** For a regular expression with the `u` flag. */
	unicode?: boolean;
}

/** The regular-expression source for a glob pattern (no anchors). */
export function globSource(pattern: string, options: GlobOptions = {}): string {
	const exclude = options.notAcross ? escapeRegex(options.notAcross) : '';
	const any = exclude ? `[^${exclude}]` : '[^]';
	const literal = (char: string) =>
		options.unicode ? char.replace(UNICODE_SPECIAL, '\\$&') : escapeRegex(char);
	let out = '';
	for (let i = 0; i < pattern.length; i++) {
		const char = pattern[i]!;
		if (char === '\\' && i + 1 < pattern.length) {
			out += literal(pattern[++i]!);
		} else if (char === '*') {
			out += `${any}*`;
		} else if (char === '_') {
			out += any;
		} else {
			out += literal(char);
		}
	}
	return out;
}

export function escapeRegex(text: string): string {
	return text.replace(REGEX_SPECIAL, '\\$&');
}

/** True when the pattern has an unescaped `*` or `_`. */
export function hasWildcard(pattern: string): boolean {
	for (let i = 0; i < pattern.length; i++) {
		const char = pattern[i]!;
		if (char === '\\') {
			i++;
		} else if (char === '*' || char === '_') {
			return true;
		}
	}
	return false;
}

/** The pattern's characters with its escapes removed: what it matches when it has no wildcard. */
export function literalOf(pattern: string): string {
	return pattern.replace(/\\([^])/g, '$1');
}

/** Whole-string match, ignoring case. */
export function globMatcher(pattern: string): (text: string) => boolean {
	if (!hasWildcard(pattern)) {
		const literal = literalOf(pattern).toLowerCase();
		return (text) => text.toLowerCase() === literal;
	}
	const regex = new RegExp(`^${globSource(pattern)}$`, 'i');
	return (text) => regex.test(text);
}

/**
 * A deck or tag name: the name itself or any of its children (`History` matches
 * `History::Russia`), with wildcards, ignoring case.
 */
export function nameMatcher(pattern: string): (name: string) => boolean {
	const regex = new RegExp(`^${globSource(pattern)}(::.*)?$`, 'is');
	return (name) => regex.test(name);
}

export function nameMatches(pattern: string, name: string): boolean {
	return nameMatcher(pattern)(name);
}
