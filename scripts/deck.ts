// `npm run deck -- build|inspect …`: the deck command line. Each subcommand lives in its own module.
const USAGE = `Usage:
  npm run deck -- build <passage.txt> [--out deck.json] [--title "..."]
  npm run deck -- inspect <file>`;

const [command, ...args] = process.argv.slice(2);

async function main(): Promise<number> {
	switch (command) {
		case 'build':
			return (await import('./deck-build')).run(args);
		case 'inspect':
			return (await import('./deck-inspect')).run(args);
		default:
			console.error(USAGE);
			return 2;
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	}
);
