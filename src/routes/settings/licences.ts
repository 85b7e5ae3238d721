/** Open-source software Engram ships in its bundle, with each project's licence. */
export interface Licence {
	name: string;
	licence: string;
	url: string;
}

export const LICENCES: readonly Licence[] = [
	{ name: 'Svelte and SvelteKit', licence: 'MIT', url: 'https://github.com/sveltejs/svelte' },
	{
		name: 'ts-fsrs (FSRS scheduler)',
		licence: 'MIT',
		url: 'https://github.com/open-spaced-repetition/ts-fsrs'
	},
	{
		name: 'fsrs-browser (FSRS optimiser)',
		licence: 'BSD-3-Clause',
		url: 'https://github.com/open-spaced-repetition/fsrs-browser'
	},
	{ name: 'Dexie.js', licence: 'Apache-2.0', url: 'https://github.com/dexie/Dexie.js' },
	{
		name: 'DOMPurify',
		licence: 'MPL-2.0 or Apache-2.0',
		url: 'https://github.com/cure53/DOMPurify'
	},
	{ name: 'd3-array, d3-scale, d3-shape', licence: 'ISC', url: 'https://github.com/d3/d3' },
	{ name: 'Valibot', licence: 'MIT', url: 'https://github.com/fabian-hiller/valibot' },
	{ name: 'sql.js', licence: 'MIT', url: 'https://github.com/sql-js/sql.js' },
	{ name: 'fflate', licence: 'MIT', url: 'https://github.com/101arrowz/fflate' },
	{ name: 'fzstd', licence: 'MIT', url: 'https://github.com/101arrowz/fzstd' },
	{ name: 'Papa Parse', licence: 'MIT', url: 'https://github.com/mholt/PapaParse' },
	{ name: 'compromise', licence: 'MIT', url: 'https://github.com/spencermountain/compromise' },
	{ name: 'Workbox', licence: 'MIT', url: 'https://github.com/GoogleChrome/workbox' }
];
