// Many rows in one INSERT on PostgreSQL, as one array a column. A multi-row VALUES list binds every value as its own
// parameter: 200 comments are 2,800 parameters, which Kysely compiles node by node and the server binds one by one.
// Here the rows go as one text array per column, which the server unnests (`select * from unnest($1::text[], …)`):
// a statement of one shape whatever the number of rows. A text array fills text and varchar columns; an integer
// column needs an integer array (PostgreSQL converts text to a number only when told to), so the caller names those.
// SQLite has no arrays, and keeps the VALUES list.
import { sql, type RawBuilder } from 'kysely';

type Cell = string | number | null;

/**
 * The rows' `columns` as a select of unnested arrays, for `insertInto(t).columns(columns).expression(...)`; the
 * columns in `integers` go as integer arrays, the rest as text.
 */
export function unnestedRows<Row extends { [K in Column]: Cell }, Column extends keyof Row & string>(
  rows: readonly Row[],
  columns: readonly Column[],
  integers: readonly Column[] = [],
): RawBuilder<Record<Column, unknown>> {
  const arrays = columns.map((column) => {
    const values = rows.map((row) => {
      const value = row[column];
      return value === null ? null : String(value);
    });
    return integers.includes(column) ? sql`${values}::integer[]` : sql`${values}::text[]`;
  });
  return sql<Record<Column, unknown>>`select * from unnest(${sql.join(arrays)})`;
}
