/**
 * Anki's one supported mustache delimiter change: a template that begins, after white space, with
 * `{{=<% %>=}}` writes its tags as `<%…%>` instead of `{{…}}`, and in such a template `{{` and `}}`
 * are plain text (rslib/src/template.rs, `TemplateMode::LegacyAltSyntax`). Anywhere else the
 * directive is not a delimiter change: it reads as a tag naming a field that does not exist.
 * Templates are stored as written (so they export unchanged) and rewritten here, before rendering
 * or deciding which cards a note makes, into standard syntax.
 */
const DIRECTIVE = '{{=<% %>=}}';
const OPEN = '<%';
const CLOSE = '%>';

/** Text that would read as a tag in standard syntax, as character references that show the same. */
function literal(text: string): string {
	return text.replace(/\{\{|\}\}/g, (braces) =>
		braces === '{{' ? '&#123;&#123;' : '&#125;&#125;'
	);
}

export function withStandardDelimiters(template: string): string {
	const trimmed = template.trimStart();
	if (!trimmed.startsWith(DIRECTIVE)) {
		return template;
	}
	let rest = trimmed.slice(DIRECTIVE.length);
	let out = '';
	for (;;) {
		const open = rest.indexOf(OPEN);
		const close = open < 0 ? -1 : rest.indexOf(CLOSE, open + OPEN.length);
		if (close < 0) {
			return out + literal(rest);
		}
		out += `${literal(rest.slice(0, open))}{{${rest.slice(open + OPEN.length, close)}}}`;
		rest = rest.slice(close + CLOSE.length);
	}
}
