/**
 * The web app manifest: what an installed Engram is called, looks like, and which files and
 * shares the operating system may hand to it. Read by vite.config.ts at build time.
 */
import type { ManifestOptions } from 'vite-plugin-pwa';

/** The share target posts here; the service worker answers (src/service-worker.ts). */
export const SHARE_TARGET_PATH = '/share-target';

/** Deck files the operating system may open with Engram (the import screen reads them). */
export const DECK_FILE_TYPES: Record<string, string[]> = {
	'application/x-anki-package': ['.apkg'],
	'application/x-anki-collection': ['.colpkg'],
	'text/csv': ['.csv'],
	'text/tab-separated-values': ['.tsv'],
	'text/plain': ['.txt'],
	'application/json': ['.json']
};

const ICON_192 = { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' };

export const webManifest: Partial<ManifestOptions> = {
	id: '/',
	name: 'Engram — spaced repetition',
	short_name: 'Engram',
	description: 'Offline-first flashcards scheduled with FSRS.',
	lang: 'en',
	start_url: '/',
	scope: '/',
	display: 'standalone',
	orientation: 'any',
	theme_color: '#1f3a5f',
	background_color: '#fbfaf7',
	categories: ['education', 'productivity'],
	icons: [
		ICON_192,
		{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
		{
			src: '/icons/icon-maskable-512.png',
			sizes: '512x512',
			type: 'image/png',
			purpose: 'maskable'
		}
	],
	screenshots: [
		{
			src: '/screenshots/today-narrow.png',
			sizes: '824x1830',
			type: 'image/png',
			form_factor: 'narrow',
			label: 'Today: the decks due for review'
		},
		{
			src: '/screenshots/study-narrow.png',
			sizes: '824x1830',
			type: 'image/png',
			form_factor: 'narrow',
			label: 'Studying a card, with the next interval on each grade'
		},
		{
			src: '/screenshots/today-wide.png',
			sizes: '1280x800',
			type: 'image/png',
			form_factor: 'wide',
			label: 'Today on a desktop'
		},
		{
			src: '/screenshots/study-wide.png',
			sizes: '1280x800',
			type: 'image/png',
			form_factor: 'wide',
			label: 'Studying on a desktop'
		}
	],
	shortcuts: [
		{
			name: 'Study now',
			url: '/',
			description: 'See what is due today and start studying',
			icons: [ICON_192]
		},
		{ name: 'Import a deck', url: '/import', description: 'Open an Anki or CSV file' },
		{ name: 'New deck from text', url: '/new', description: 'Build cards from your notes' }
	],
	file_handlers: [{ action: '/import', accept: DECK_FILE_TYPES }],
	launch_handler: { client_mode: ['navigate-existing', 'auto'] },
	share_target: {
		action: SHARE_TARGET_PATH,
		method: 'POST',
		enctype: 'multipart/form-data',
		params: {
			title: 'title',
			text: 'text',
			url: 'url',
			files: [
				{
					name: 'files',
					accept: [...Object.keys(DECK_FILE_TYPES), ...Object.values(DECK_FILE_TYPES).flat()]
				}
			]
		}
	}
};
