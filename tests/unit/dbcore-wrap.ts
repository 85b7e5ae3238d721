/** Registers a Dexie DBCore middleware that replaces some methods of every table. */
import type { DBCore, DBCoreTable } from 'dexie';
import type { EngramDB } from '$lib/storage/db';

export function wrapTables(
	db: EngramDB,
	name: string,
	wrap: (table: DBCoreTable, tableName: string) => Partial<DBCoreTable>
): void {
	db.use({
		stack: 'dbcore',
		name,
		create(down: DBCore): DBCore {
			return {
				...down,
				table(tableName: string): DBCoreTable {
					const table = down.table(tableName);
					return { ...table, ...wrap(table, tableName) };
				}
			};
		}
	});
}
