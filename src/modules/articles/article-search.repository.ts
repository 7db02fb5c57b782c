// The searchable text of each article (search_documents). The engines index it by their own triggers (FTS5 on SQLite,
// a tsvector on PostgreSQL; see the 2026-12-01 search migration), so writing it is the same SQL on both, and it
// happens inside the transaction that writes the article.
import { sql } from 'kysely';
import type { Db, Dialect } from '../../platform/db/database.ts';
import { htmlToText } from '../../platform/html/sanitizer.ts';
import { chunksOf } from '../../platform/db/chunks.ts';

// The search results mark their matches with \u0002 and \u0003; the indexed text must never hold them itself.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const clean = (text: string) => text.replace(CONTROLS, ' ');

/** Writes (or rewrites) the searchable text of the given articles from what is stored about them now. */
export async function writeSearchDocuments(db: Db, articleIds: string[]): Promise<void> {
  for (const ids of chunksOf(articleIds, 500)) {
    const [rows, authors, tags] = await Promise.all([
      db
        .selectFrom('articles')
        .select(['id', 'headline', 'subheadline', 'body_html', 'dateline'])
        .where('id', 'in', ids)
        .execute(),
      db
        .selectFrom('article_authors')
        .innerJoin('users', 'users.id', 'article_authors.user_id')
        .select(['article_authors.article_id', 'users.name'])
        .where('article_authors.article_id', 'in', ids)
        .orderBy('article_authors.position')
        .execute(),
      db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['article_tags.article_id', 'tags.name'])
        .where('article_tags.article_id', 'in', ids)
        .execute(),
    ]);
    const names = (list: { article_id: string; name: string }[], id: string) =>
      list
        .filter((x) => x.article_id === id)
        .map((x) => x.name)
        .join(', ');
    const docs = rows.map((r) => ({
      article_id: r.id,
      headline: clean(r.headline),
      subheadline: clean(r.subheadline),
      body: clean(htmlToText(r.body_html)),
      bylines: clean(names(authors, r.id)),
      tags: clean(names(tags, r.id)),
      dateline: clean(r.dateline),
    }));
    // Many rows a statement (an import indexes its batch at once); 7 columns a row stay far below the parameter limits.
    for (const chunk of chunksOf(docs, 100)) {
      await db
        .insertInto('search_documents')
        .values(chunk)
        .onConflict((oc) =>
          oc.column('article_id').doUpdateSet((eb) => ({
            headline: eb.ref('excluded.headline'),
            subheadline: eb.ref('excluded.subheadline'),
            body: eb.ref('excluded.body'),
            bylines: eb.ref('excluded.bylines'),
            tags: eb.ref('excluded.tags'),
            dateline: eb.ref('excluded.dateline'),
          })),
        )
        .execute();
    }
  }
}

/** Articles that show a tag or a byline, whose searchable text changes when the tag or the person is renamed. */
export async function listArticleIdsByTerm(db: Db, by: { tagId?: string; userId?: string }): Promise<string[]> {
  if (by.tagId)
    return (await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', by.tagId).execute()).map(
      (r) => r.article_id,
    );
  if (by.userId)
    return (await db.selectFrom('article_authors').select('article_id').where('user_id', '=', by.userId).execute()).map(
      (r) => r.article_id,
    );
  return [];
}

/** Every article's id, for rebuilding the whole index (after a restore). */
export const listAllArticleIds = async (db: Db): Promise<string[]> =>
  (await db.selectFrom('articles').select('id').orderBy('id').execute()).map((r) => r.id);

/**
 * Follows a change of the site's language, which is the language of every article that names none. SQLite stems
 * every document with porter whatever its language (see the 2026-12-05 search-language migration), so nothing
 * changes there; on PostgreSQL those articles' documents are made again, each trigger choosing the configuration of
 * the language now in the settings.
 */
export async function retuneSearchIndex(db: Db, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') return;
  await sql`update search_documents set headline = headline
    where article_id in (select id from articles where language is null)`.execute(db);
}
