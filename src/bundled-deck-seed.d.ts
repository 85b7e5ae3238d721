/** A bundled deck, validated and turned into records at build time (scripts/bundled-deck-seed.ts). */
declare module '*.json?seed' {
	const url: string;
	export default url;
}
