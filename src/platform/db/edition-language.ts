// An edition's language as SQL: the articles of a language's edition are those in its language, and, in the
// default language's, those that name none. Every query that filters by edition uses this, whether it reaches
// articles by their name (the lists) or under an alias (comments, corrections, search).
import { sql, type RawBuilder, type SqlBool } from 'kysely';

export interface EditionLanguage {
  tag: string;
  isDefault: boolean;
}

/** The condition on the articles row named `alias` for the edition's language. */
export function inEditionLanguage(alias: string, language: EditionLanguage): RawBuilder<SqlBool> {
  const column = sql.ref(`${alias}.language`);
  return language.isDefault
    ? sql<SqlBool>`(${column} = ${language.tag} or ${column} is null)`
    : sql<SqlBool>`${column} = ${language.tag}`;
}
