/**
 * Points a card's media references at stored files before sanitising: `<img src="name">` gets
 * the file's blob: URL, and `[sound:name]` becomes an audio element with a play button. Names
 * with no stored file are left for the sanitiser, which drops a src that is not blob:/data:.
 */
import { escapeHtml } from '$lib/domain/template-render';

const attr = (text: string) => escapeHtml(text).replace(/"/g, '&quot;');

export function linkMedia(html: string, urls: Map<string, string>): string {
	return html
		.replace(
			/(<img\b[^>]*?\bsrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi,
			(m, start: string, a?: string, b?: string, c?: string) => {
				const url = urls.get(a ?? b ?? c ?? '');
				return url ? `${start}"${url}"` : m;
			}
		)
		.replace(/\[sound:([^\]]+)\]/g, (_m, name: string) => {
			const url = urls.get(name);
			if (!url) {
				return `<span class="sound-missing">(audio ${escapeHtml(name)} is missing)</span>`;
			}
			return `<span class="sound"><audio preload="metadata" src="${attr(url)}"></audio><button type="button" class="play" data-sound="${attr(name)}" aria-label="Play audio ${attr(name)}">▶</button></span>`;
		});
}
