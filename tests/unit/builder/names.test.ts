import { describe, expect, it } from 'vitest';
import { analysePassage } from '$lib/domain/builder/index';

const namesIn = (text: string) => analysePassage(text).entities.map((e) => [e.kind, e.name]);

describe('people, places and organisations', () => {
	it('finds names by initials, first name, institution words and place prepositions', () => {
		expect(
			namesIn(
				'Comrade Stalin laughed at A. V. Lunacharski. The enraptured Lunacharski left. Anna Allilueva stayed in Petrograd. The Military-Revolutionary Committee took the Winter Palace. Acting fast, Trotski and other Bolshevik leaders ordered Bolsheviks to stay. Revolution would spread; revolution was near.'
			)
		).toEqual([
			['person', 'Stalin'],
			['person', 'A. V. Lunacharski'],
			['person', 'Anna Allilueva'],
			['place', 'Petrograd'],
			['organisation', 'Military-Revolutionary Committee'],
			['place', 'Winter Palace'],
			['person', 'Trotski']
		]);
	});

	it('merges a body named in full with its short name', () => {
		const { entities } = analysePassage(
			'Hundreds gathered for the Second Congress of Soviets of Workers’ and Soldiers’ Deputies. He did not speak at the Congress.'
		);
		expect(entities.map((e) => [e.name, e.mentions.map((m) => m.text)])).toEqual([
			[
				'Second Congress of Soviets of Workers’ and Soldiers’ Deputies',
				['Second Congress of Soviets of Workers’ and Soldiers’ Deputies', 'Congress']
			]
		]);
	});
});
