// `npm run deck -- inspect`: not implemented yet.
export async function run(_args: string[]): Promise<number> {
	console.error('deck inspect is not implemented yet');
	return 1;
}
