/**
 * Hands a file the app made (an export, a backup) to the user as a download. Works offline and in
 * the installed app: the bytes never leave the device. Shared by export and backup so both name
 * and release their files the same way.
 */
export function saveFile(bytes: BlobPart, fileName: string, type: string): void {
	const url = URL.createObjectURL(new Blob([bytes], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
	// Revoke later: some browsers start reading the blob only after click() returns.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
