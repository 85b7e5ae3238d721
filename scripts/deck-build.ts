// `npm run deck -- build`: not implemented yet.
export async function run(_args: string[]): Promise<number> {
	console.error('deck build is not implemented yet');
	return 1;
}
