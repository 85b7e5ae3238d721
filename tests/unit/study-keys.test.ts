/** The study screen's shortcuts: each key's command, only when a card is shown and its side allows. */
import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/domain/scheduler';
import { sideHasAudio } from '../../src/routes/study/[deckId]/replay-audio';
import { studyCommand } from '../../src/routes/study/[deckId]/study-keys';

const press = (
	key: string,
	mods: { ctrl?: boolean; shift?: boolean; meta?: boolean; alt?: boolean } = {}
) => ({
	key,
	ctrlKey: mods.ctrl ?? false,
	metaKey: mods.meta ?? false,
	shiftKey: mods.shift ?? false,
	altKey: mods.alt ?? false
});

describe('study keys', () => {
	it("maps Anki's keys to commands while a card is shown", () => {
		expect(studyCommand(press(' '), true, false)).toBe('reveal');
		expect(studyCommand(press('Enter'), true, true)).toBeUndefined();
		expect(studyCommand(press('3'), true, true)).toEqual({ grade: Rating.Good });
		expect(studyCommand(press('3'), true, false)).toBeUndefined();
		expect(studyCommand(press('*'), true, false)).toEqual({ action: 'mark' });
		expect(studyCommand(press('='), true, true)).toEqual({ action: 'bury-note' });
		expect(studyCommand(press('!'), true, true)).toEqual({ action: 'suspend-note' });
		expect(studyCommand(press('i'), true, false)).toBe('info');
		expect(studyCommand(press('Delete', { ctrl: true }), true, false)).toBe('delete-note');
		expect(studyCommand(press('D', { ctrl: true, shift: true }), true, false)).toBe('set-due');
		expect(studyCommand(press('d', { ctrl: true }), true, false)).toBeUndefined();
		expect(studyCommand(press('Delete'), true, false)).toBeUndefined();
		expect(studyCommand(press('r'), true, false)).toBe('replay');
		expect(studyCommand(press('F5'), true, true)).toBe('replay');
		// Ctrl+F5 stays the browser's hard reload.
		expect(studyCommand(press('F5', { ctrl: true }), true, true)).toBeUndefined();
		expect(studyCommand(press('T', { ctrl: true, shift: true }), true, false)).toBe('tags');
		expect(studyCommand(press('t'), true, true)).toBe('tags');
		expect(studyCommand(press('t', { ctrl: true }), true, true)).toBeUndefined();
		expect(studyCommand(press('i', { ctrl: true, alt: true }), true, true)).toBe('previous-info');
		// Alt with anything else is not the study screen's (AltGr, the browser's own shortcuts).
		expect(studyCommand(press('i', { alt: true }), true, false)).toBeUndefined();
		expect(studyCommand(press('u', { alt: true }), true, false)).toBeUndefined();
	});

	it('undo and previous card info work with no card shown (the end screen); nothing else does', () => {
		expect(studyCommand(press('u'), false, false)).toBe('undo');
		expect(studyCommand(press('I', { ctrl: true, alt: true }), false, false)).toBe('previous-info');
		expect(studyCommand(press('t'), false, false)).toBeUndefined();
		expect(studyCommand(press('z', { meta: true }), false, false)).toBe('undo');
		expect(studyCommand(press('e'), false, false)).toBeUndefined();
		expect(studyCommand(press('F5'), false, false)).toBeUndefined();
		expect(studyCommand(press('Delete', { ctrl: true }), false, false)).toBeUndefined();
	});

	it('redo is Ctrl+Shift+Z or Ctrl+Y (⌘ too), with or without a card shown', () => {
		expect(studyCommand(press('Z', { ctrl: true, shift: true }), true, true)).toBe('redo');
		expect(studyCommand(press('y', { ctrl: true }), false, false)).toBe('redo');
		expect(studyCommand(press('Z', { meta: true, shift: true }), false, false)).toBe('redo');
		expect(studyCommand(press('z', { ctrl: true }), true, false)).toBe('undo');
		expect(studyCommand(press('y'), true, true)).toBeUndefined();
		expect(studyCommand(press('Z', { shift: true }), true, true)).toBeUndefined();
	});
});

describe('replay audio', () => {
	it('is offered for a side with a sound reference or an audio element, not for text or images', () => {
		expect(sideHasAudio('Front [sound:foo.wav]')).toBe(true);
		expect(sideHasAudio('<audio src="blob:x"></audio>')).toBe(true);
		expect(sideHasAudio('<img src="a.png"> sound: [not a sound]')).toBe(false);
		expect(sideHasAudio('[sound:]')).toBe(false);
	});
});
