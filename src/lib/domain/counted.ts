/** "1 card", "2,000 cards": a count with its noun, for messages (English plurals with -s). */
export function counted(n: number, noun: string): string {
	return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}
