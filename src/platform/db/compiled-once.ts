// Queries a page runs on every view, built and compiled by Kysely once per database instead of once per run: for the
// handful of small queries behind an uncached article page, building the query tree and compiling it to SQL cost
// about as much as running it. Each parameter is named by a placeholder value when the query is built once; a run
// puts the values in their places. Only single values can be named (an `in` list of one id is one value; a list of
// any other length is a different text and must be built as usual).
import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database.ts';

type Params = Record<string, string | number | null>;

// Invisible, and still text every database accepts as a value (PostgreSQL refuses NUL): a statement recorded at its
// compilation (a test's EXPLAIN) can be run with the placeholders in place of values.
const PLACEHOLDER = '\u2063dateline-parameter\u2063';

/** A query built by `build` with named parameters, compiled on its first run on each database, then only run. */
export function compiledOnce<P extends Params, R>(
  build: (db: Db, params: P) => Compilable<R>,
): (db: Db, params: P) => Promise<R[]> {
  // Keyed by the database (or transaction) object: SQLite and PostgreSQL compile to different texts.
  // `names[i]` is the parameter filling place i, or undefined where the query holds a value of its own.
  const compiled = new WeakMap<Db, { query: CompiledQuery<R>; names: (string | undefined)[] }>();
  return async (db, params) => {
    let entry = compiled.get(db);
    if (!entry) {
      const named = new Proxy({}, { get: (_, name) => `${PLACEHOLDER}${String(name)}` }) as P;
      const query = build(db, named).compile();
      const names = query.parameters.map((value) =>
        typeof value === 'string' && value.startsWith(PLACEHOLDER) ? value.slice(PLACEHOLDER.length) : undefined,
      );
      for (const name of names)
        if (name !== undefined && !(name in params)) throw new Error(`compiledOnce: no value for ${name}`);
      entry = { query, names };
      compiled.set(db, entry);
    }
    const { query, names } = entry;
    const parameters = names.map((name, i) => (name === undefined ? query.parameters[i] : params[name]));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}

/**
 * Rows asked for by a list of ids: compiled once for a list of one (one article's relations, asked on every view of
 * its page), built as usual for any other length, and not asked at all for none.
 */
export function byIds<R>(build: (db: Db, ids: string[]) => Compilable<R>): (db: Db, ids: string[]) => Promise<R[]> {
  const one = compiledOnce((db, p: { id: string }) => build(db, [p.id]));
  return async (db, ids) => {
    if (ids.length === 0) return [];
    if (ids.length === 1) return one(db, { id: ids[0] });
    return (await db.executeQuery(build(db, ids))).rows;
  };
}
