/** Globally unique ids: never auto-increment, so records from two devices can merge. */
export function newId(): string {
	return crypto.randomUUID();
}
