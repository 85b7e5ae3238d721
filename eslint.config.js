import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'tests/.results/',
			'dev-dist/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				// SvelteKit keeps the service worker out of the app's tsconfig (it has worker types).
				projectService: { allowDefaultProject: ['src/service-worker.ts'] },
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			curly: 'error',
			'@typescript-eslint/consistent-type-imports': 'error',
			// An un-awaited Dexie write is a lost review.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'no-undef': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { parser: ts.parser, svelteConfig }
		}
	},
	{
		// Only src/lib/storage may talk to Dexie.
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/lib/storage/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['dexie'], message: 'only src/lib/storage imports dexie' }] }
			]
		}
	},
	{
		// The domain is plain TypeScript: no Svelte, no SvelteKit, no Dexie, no DOM.
		files: ['src/lib/domain/**/*.ts'],
		languageOptions: { globals: { ...globals['shared-node-browser'] } },
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['svelte', 'svelte/*', '$app/*', '@sveltejs/*'],
							message: 'domain is framework-free'
						},
						{
							group: ['dexie', '$lib/storage/*', '$lib/state/*', '$lib/components/*'],
							message: 'domain knows nothing of storage or UI'
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				'window',
				'document',
				'indexedDB',
				'localStorage',
				'navigator'
			]
		}
	},
	{
		files: ['**/*.js', '**/*.cjs'],
		...ts.configs.disableTypeChecked
	}
);
