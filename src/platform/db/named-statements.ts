// Named statements on PostgreSQL: Kysely sends every query unnamed, so PostgreSQL parses and plans its text anew each
// time. Named, a text is parsed once per connection and then only bound and run (PostgreSQL also settles on a generic
// plan after a few runs when it is as good). Bounded per connection: texts that differ only by a list's length
// (`in ($1, $2, …)`) would otherwise pile up in the server's memory; past the bound, new texts run unnamed.
import { createHash } from 'node:crypto';
import type pg from 'pg';

const MAX_PER_CONNECTION = 500;

/**
 * Starts the text of a statement that must stay unnamed, so that PostgreSQL plans it with each run's values. A named
 * statement goes to a generic plan after five runs, made without the values: for a search, whose best plan depends
 * on how common its words are, the generic plan read all 10,000 matches of a common word at 100,000 articles and
 * sorted them (27 ms) where walking the newest articles finds its 500 candidates in 7 ms.
 */
export const PLANNED_PER_RUN = '/* planned per run */ ';

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** Makes every parameterized query run through `pool` a named statement of its connection. */
export function nameStatements(pool: pg.Pool, max = MAX_PER_CONNECTION): void {
  pool.on('connect', (client) => {
    const named = new Set<string>();
    const query = client.query.bind(client) as Query;
    (client as unknown as { query: Query }).query = (config, values, callback) => {
      // Only a text with parameters and no callback is Kysely's query; anything else (a cursor, pg's own) passes.
      if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined)
        return query(config, values, callback);
      if (config.startsWith(PLANNED_PER_RUN)) return query(config, values);
      const name = `dl_${createHash('sha1').update(config).digest('base64url')}`;
      if (!named.has(name)) {
        if (named.size >= max) return query(config, values);
        named.add(name);
      }
      return query({ name, text: config, values });
    };
  });
}
