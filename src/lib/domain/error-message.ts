/**
 * The text to show for something caught: an Error's message, anything else as a string
 * (a worker or a library may throw a plain value).
 */
export function errorMessage(caught: unknown): string {
	return caught instanceof Error ? caught.message : String(caught);
}
