import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Deps } from '../../src/deps.ts';
import {
  createArticle,
  type Article,
  deleteArticle,
  retuneSearch,
  trashArticle,
  updateArticle,
} from '../../src/modules/articles/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { searchMigration } from '../../src/platform/db/migrations/2026-12-01-search.ts';
import { searchLanguageMigration } from '../../src/platform/db/migrations/2026-12-05-sitemaps-search-language.ts';
import { searchDocumentsNewestMigration } from '../../src/platform/db/migrations/2026-12-12-search-documents-newest.ts';
import { bylinesNewestMigration } from '../../src/platform/db/migrations/2026-12-13-bylines-newest.ts';
import { searchPublicArticles, segments } from '../../src/modules/search/search.service.ts';
import {
  findSearchBound,
  MARK_END,
  MARK_START,
  searchArticles,
  toFtsQuery,
  type SearchBound,
  type SearchFilter,
} from '../../src/modules/search/search.repository.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { AppError } from '../../src/platform/errors.ts';
import { dialects, useTestDeps } from '../support/databases.ts';
import { makeArticle, makeSection, makeStaff } from '../support/newsroom.ts';

const slugsOf = (outcome: Awaited<ReturnType<typeof searchPublicArticles>>) =>
  outcome.results.map((r) => r.article.slug);

describe('search query words', () => {
  it('quotes every word so no reader input is FTS5 syntax, and keeps phrases and exclusions', () => {
    assert.equal(toFtsQuery('ferry AND OR NEAR( col:x*'), '"ferry" "AND" "OR" "NEAR" "col x"');
    assert.equal(toFtsQuery('"harbour board" -strike'), '"harbour board" NOT ("strike")');
    assert.equal(toFtsQuery('"unclosed quote'), '"unclosed quote"');
    assert.equal(toFtsQuery('-only -negatives'), undefined);
    assert.equal(toFtsQuery('  !!! ... '), undefined);
  });
  it('splits marked text into pieces without the markers', () => {
    assert.deepEqual(segments('a \u0002b\u0003 c'), [
      { text: 'a ', mark: false },
      { text: 'b', mark: true },
      { text: ' c', mark: false },
    ]);
  });
});

for (const dialect of dialects) {
  describe(`search on ${dialect}`, () => {
    let deps: Deps;
    const clock = new ManualClock(new Date('2026-11-20T10:00:00Z'));
    useTestDeps(dialect, { clock }, (made) => ({ deps } = made));
    const search = (q: string, extra: Partial<Parameters<typeof searchPublicArticles>[1]> = {}) =>
      searchPublicArticles(deps, { q, page: 1, ...extra });
    /**
     * The newest matches as a common word finds them: no word counts as rare (`rareMatches` 0), so PostgreSQL walks
     * the documents by their own copy of the publication time, or an author's bylines by theirs. Article ids, newest
     * first.
     */
    const walked = async (q: string, authorId?: string) =>
      (
        await searchArticles(deps.db, dialect, {
          match: dialect === 'sqlite' ? toFtsQuery(q)! : q,
          queryLanguages: ['en'],
          authorId,
          now: clock.now().toISOString(),
          sort: 'newest',
          limit: 10,
          offset: 0,
          candidates: 500,
          rareMatches: 0,
        })
      ).rows.map((r) => r.article_id);
    /**
     * PostgreSQL: documents and bylines whose copy of the publication time differs from their article's (none on
     * SQLite).
     */
    const staleCopies = async () =>
      dialect === 'postgres'
        ? Number(
            (
              await sql<{
                n: number;
              }>`select (select count(*) from search_documents d join articles a on a.id = d.article_id
                  where d.published_at is distinct from a.published_at)
                + (select count(*) from article_authors aa join articles a on a.id = aa.article_id
                  where aa.published_at is distinct from a.published_at) as n`.execute(deps.db)
            ).rows[0].n,
          )
        : 0;

    it('finds words in headline, subheadline, body, byline, tags and dateline, ignoring accents', async () => {
      const writer = await makeStaff(deps, 'editor', 'Lucía Ferrándiz');
      await makeSection(deps, 'Island');
      await createArticle(deps, {
        staff: writer,
        article: {
          headline: 'Lighthouse keeper retires',
          subheadline: 'After forty winters on the rock',
          section: 'Island',
          body: 'The **información** desk confirmed the news. <em>Salvage</em> crews stood by.',
          dateline: 'PUERTO ESCONDIDO –',
          tags: ['Maritime heritage'],
          status: 'published',
          publishAt: '2026-11-19T08:00:00Z',
        },
      });
      for (const q of [
        'lighthouse',
        'winters',
        'informacion',
        'INFORMACIÓN',
        'salvage',
        'ferrandiz',
        'heritage',
        'escondido',
      ]) {
        assert.deepEqual(slugsOf(await search(q)), ['lighthouse-keeper-retires'], `searching ${q}`);
      }
      // Word forms: English stemming on an English site ("retire" finds "retires").
      assert.deepEqual(slugsOf(await search('retire')), ['lighthouse-keeper-retires']);
    });

    it('marks matches in headline and snippet, and never lets the text turn into markup', async () => {
      await makeArticle(deps, {
        headline: 'Council <script>alert(1)</script> budget',
        body: 'The budget vote &lt;b&gt; passed. <img src=x onerror=alert(1)> Nothing else.',
      });
      const [hit] = (await search('budget')).results;
      assert.ok(hit.headline.some((s) => s.mark && /budget/i.test(s.text)));
      assert.ok(hit.snippet.some((s) => s.mark && /budget/i.test(s.text)));
      assert.ok(
        !hit.snippet
          .map((s) => s.text)
          .join('')
          .includes('\u0002'),
      );
    });

    it('never shows drafts, scheduled, trashed or deleted articles', async () => {
      const editor = await makeStaff(deps, 'editor');
      await createArticle(deps, {
        staff: editor,
        article: { headline: 'Zebra crossing draft', body: 'zebra', status: 'draft' },
      });
      await createArticle(deps, {
        staff: editor,
        article: { headline: 'Zebra crossing pending', body: 'zebra', status: 'pending' },
      });
      await createArticle(deps, {
        staff: editor,
        article: {
          headline: 'Zebra crossing scheduled',
          body: 'zebra',
          status: 'scheduled',
          publishAt: '2026-12-24T00:00:00Z',
        },
      });
      const trashed = await makeArticle(deps, { headline: 'Zebra crossing trashed', body: 'zebra' }, editor);
      await trashArticle(deps, { staff: editor, id: trashed.id });
      const deleted = await makeArticle(deps, { headline: 'Zebra crossing deleted', body: 'zebra' }, editor);
      await trashArticle(deps, { staff: editor, id: deleted.id });
      await deleteArticle(deps, { staff: { ...editor, role: 'admin' }, id: deleted.id });
      const visible = await makeArticle(deps, { headline: 'Zebra crossing open', body: 'zebra' }, editor);
      assert.deepEqual(slugsOf(await search('zebra')), [visible.slug]);
      assert.equal((await search('zebra')).total, 1);
    });

    it('orders and admits by the publication time as it is now, whoever changed it', async () => {
      // PostgreSQL walks the documents by their own copy of the time (the 2026-12-12 migration): a stale copy would
      // order these wrongly, or show a story scheduled for later.
      const editor = await makeStaff(deps, 'editor');
      const at = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000).toISOString();
      const first = await makeArticle(deps, { headline: 'Osprey nest found', body: 'osprey' }, editor);
      clock.advance(60_000);
      const second = await makeArticle(deps, { headline: 'Osprey chicks hatch', body: 'osprey' }, editor);
      clock.advance(10 * 60_000);
      // Each time through the reader's search (two matches: the exact path) and the common word's walk.
      const newest = async (expected: Article[]) => {
        assert.deepEqual(
          slugsOf(await search('osprey', { sort: 'newest' })),
          expected.map((a) => a.slug),
        );
        assert.deepEqual(
          await walked('osprey'),
          expected.map((a) => a.id),
        );
        assert.deepEqual(
          await walked('osprey', editor.id),
          expected.map((a) => a.id),
        );
        assert.equal(await staleCopies(), 0);
      };
      await newest([second, first]);
      // The editor moves the first story's time after the second's, then schedules the second for later.
      await updateArticle(deps, { staff: editor, id: first.id, changes: { publishAt: at(-5) } });
      await newest([first, second]);
      await updateArticle(deps, { staff: editor, id: second.id, changes: { status: 'scheduled', publishAt: at(60) } });
      await newest([first]);
      // Any other writer (a script's SQL) is followed too: the database keeps the copy, not the app.
      await sql`update articles set published_at = ${at(-1)} where id = ${second.id}`.execute(deps.db);
      await newest([second, first]);
      // A byline written later takes its article's time: a colleague joins the first story.
      const colleague = await makeStaff(deps, 'author');
      await updateArticle(deps, { staff: editor, id: first.id, changes: { authors: [editor.id, colleague.id] } });
      assert.deepEqual(await walked('osprey', colleague.id), [first.id]);
      assert.equal(await staleCopies(), 0);
    });

    it('follows edits in the same write: old words go, new words come', async () => {
      const editor = await makeStaff(deps, 'editor');
      const a = await makeArticle(deps, { headline: 'Quarry permit granted', body: 'quarry' }, editor);
      await updateArticle(deps, {
        staff: editor,
        id: a.id,
        changes: { headline: 'Kelp farm permit granted', body: 'kelp', tags: ['Aquaculture'] },
      });
      assert.deepEqual(slugsOf(await search('quarry')), []);
      assert.deepEqual(slugsOf(await search('kelp aquaculture')), [a.slug]);
    });

    it('ranks headline matches first, pages, sorts newest first, and filters by section, author and dates', async () => {
      const editor = await makeStaff(deps, 'editor', 'Pat Filter');
      const other = await makeStaff(deps, 'editor', 'Other Writer');
      await makeSection(deps, 'Harbour');
      const old = await createArticle(deps, {
        staff: editor,
        article: {
          headline: 'Oyster season opens',
          body: 'Beds reopen.',
          section: 'Harbour',
          status: 'published',
          publishAt: '2026-01-10T12:00:00Z',
        },
      });
      const mid = await createArticle(deps, {
        staff: other,
        article: {
          headline: 'Market report',
          body: 'Prices of oyster and mussel rose.',
          status: 'published',
          publishAt: '2026-06-10T12:00:00Z',
        },
      });
      const recent = await createArticle(deps, {
        staff: other,
        article: {
          headline: 'Tides',
          body: 'An oyster mention.',
          status: 'published',
          publishAt: '2026-11-01T12:00:00Z',
        },
      });
      assert.equal(slugsOf(await search('oyster'))[0], old.slug);
      assert.deepEqual(slugsOf(await search('oyster', { sort: 'newest' })), [recent.slug, mid.slug, old.slug]);
      assert.deepEqual(slugsOf(await search('oyster', { section: 'harbour' })), [old.slug]);
      const { slug: authorSlug } = await deps.db
        .selectFrom('users')
        .select('slug')
        .where('id', '=', editor.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(slugsOf(await search('oyster', { author: authorSlug })), [old.slug]);
      assert.deepEqual(slugsOf(await search('oyster', { from: '2026-06-10', to: '2026-06-10' })), [mid.slug]);
      assert.deepEqual(slugsOf(await search('oyster', { from: '2026-06-11', sort: 'newest' })), [recent.slug]);
      await assert.rejects(
        search('oyster', { section: 'nowhere' }),
        (e) => e instanceof AppError && e.code === 'unknown_section',
      );
      await assert.rejects(
        search('oyster', { from: '2026-13-01' }),
        (e) => e instanceof AppError && e.code === 'invalid_date',
      );
      await assert.rejects(
        search('oyster', { from: '2026-06-02', to: '2026-06-01' }),
        (e) => e instanceof AppError && e.code === 'dates_reversed',
      );
      for (let i = 0; i < 11; i++)
        await makeArticle(deps, { headline: `Pagination probe ${i}`, body: 'walrus' }, editor);
      const first = await search('walrus');
      const second = await search('walrus', { page: 2 });
      assert.equal(first.total, 11);
      assert.equal(first.pages, 2);
      assert.equal(first.results.length, 10);
      assert.equal(second.results.length, 1);
      assert.ok(!slugsOf(first).includes(slugsOf(second)[0]));
      // A page past the last still says how many there are (counted apart, since the page holds no row to say it).
      const beyond = await search('walrus', { page: 3 });
      assert.equal(beyond.results.length, 0);
      assert.equal(beyond.total, 11);
    });

    it('a narrowed search reads a bounded number of rows, every match of a rare word, and says what it left', async () => {
      const editor = await makeStaff(deps, 'editor', 'Pat Bound');
      await makeSection(deps, 'Lagoon');
      const [lagoon] = await deps.db.selectFrom('sections').select('id').where('slug', '=', 'lagoon').execute();
      const publish = (headline: string, body: string, day: number, section?: string) =>
        createArticle(deps, {
          staff: editor,
          article: {
            headline,
            body,
            section,
            status: 'published',
            publishAt: `2026-10-${String(day).padStart(2, '0')}T12:00:00Z`,
          },
        });
      // Oldest first: one "seagrass" story in Lagoon, four newer Lagoon stories without it, three newer elsewhere with it.
      const old = await publish('Seagrass meadow survey', 'Beds mapped.', 1, 'Lagoon');
      for (let i = 0; i < 4; i++) await publish(`Lagoon notes ${i}`, 'Water levels.', 2 + i, 'Lagoon');
      for (let i = 0; i < 3; i++) await publish(`Coast notes ${i}`, 'Seagrass elsewhere.', 10 + i);
      const filterOf = (changes: Partial<SearchFilter>): SearchFilter => ({
        match: deps.dialect === 'sqlite' ? toFtsQuery('seagrass')! : 'seagrass',
        queryLanguages: ['en'],
        sectionId: lagoon.id,
        now: '2026-11-20T10:00:00.000Z',
        sort: 'newest',
        limit: 10,
        offset: 0,
        candidates: 5,
        ...changes,
      });
      const found = async (changes: Partial<SearchFilter>, bound: SearchBound | undefined) => {
        const filter = filterOf(changes);
        const { rows, total } = await searchArticles(deps.db, deps.dialect, filter);
        assert.equal(total, rows.length);
        // What the reader is told can reach older articles, if any went unsearched.
        assert.equal(await findSearchBound(deps.db, deps.dialect, filter), bound, JSON.stringify(changes));
        return rows.map((r) => r.article_id);
      };
      // The word has four matches, more than "rare" here. SQLite reads the newest `scanned` matches of the word, then
      // the section; PostgreSQL walks the section's newest `scanned` stories and tests each. Either way three rows
      // miss the old story and five reach it.
      const bounded = deps.dialect === 'sqlite' ? 'words' : 'dates';
      assert.deepEqual(await found({ scanned: 3, rareMatches: 2 }, bounded), []);
      assert.deepEqual(await found({ scanned: 5, rareMatches: 2 }, undefined), [old.id]);
      // An earlier "to" date moves PostgreSQL's walk back to the old story; SQLite still reads the newest matches
      // first, which is why it tells the reader to use more specific words instead.
      const until = '2026-10-01T13:00:00.000Z';
      assert.deepEqual(
        await found({ scanned: 3, rareMatches: 2, until }, deps.dialect === 'sqlite' ? 'words' : undefined),
        deps.dialect === 'sqlite' ? [] : [old.id],
      );
      // On PostgreSQL a word with few matches is looked for among all of them, however far back.
      if (deps.dialect === 'postgres')
        assert.deepEqual(await found({ scanned: 3, rareMatches: 4 }, undefined), [old.id]);

      // More matches than candidates, through the bounded path: best first, a total that says "more", and a page past
      // the last that still counts them.
      const recent = await publish('Lagoon notes late', 'Some seagrass here.', 20, 'Lagoon');
      const ranked = await searchArticles(
        deps.db,
        deps.dialect,
        filterOf({ scanned: 10, rareMatches: 2, candidates: 1, sort: 'relevance' }),
      );
      assert.deepEqual(
        ranked.rows.map((r) => r.article_id),
        [old.id, recent.id],
      );
      assert.equal(ranked.total, 2);
      assert.ok(ranked.rows[0].headline.includes(`${MARK_START}Seagrass${MARK_END}`), ranked.rows[0].headline);
      const beyond = await searchArticles(
        deps.db,
        deps.dialect,
        filterOf({ scanned: 10, rareMatches: 2, candidates: 1, offset: 10 }),
      );
      assert.deepEqual(beyond, { rows: [], total: 2 });

      // Unnarrowed, PostgreSQL reads every match, and with the real bounds nothing is left on either engine.
      const everywhere = await searchPublicArticles(deps, { q: 'seagrass', page: 1, sort: 'newest' });
      assert.equal(everywhere.total, 5);
      assert.equal(everywhere.olderUnsearched, undefined);
      assert.equal(slugsOf(everywhere).at(-1), old.slug);
    });

    it('the migration builds the index for articles written before it', async () => {
      const writer = await makeStaff(deps, 'editor');
      await makeArticle(deps, { headline: 'Archive narwhal sighting', body: 'An old story.' }, writer);
      // Taken down in reverse order and made again, as the migrator would.
      const migration = searchMigration(dialect);
      const byLanguage = searchLanguageMigration(dialect);
      const newest = searchDocumentsNewestMigration(dialect);
      const bylines = bylinesNewestMigration(dialect);
      await bylines.down!(deps.db as never);
      await newest.down!(deps.db as never);
      await byLanguage.down!(deps.db as never);
      await migration.down!(deps.db as never);
      await migration.up(deps.db as never);
      await byLanguage.up(deps.db as never);
      await newest.up(deps.db as never);
      await bylines.up(deps.db as never);
      assert.equal((await search('narwhal')).total, 1);
      // The documents and bylines written before the last migrations got their copy of the publication time.
      assert.equal((await walked('narwhal')).length, 1);
      assert.equal((await walked('narwhal', writer.id)).length, 1);
      assert.equal(await staleCopies(), 0);
    });

    it('follows the site language: Spanish word forms on PostgreSQL, porter for every language on SQLite', async () => {
      await makeArticle(deps, {
        headline: 'El gato del puerto',
        body: 'Un gato vive en el muelle. The keeper retires.',
      });
      assert.equal((await search('retire gato')).total, 1);
      await updateSettings(deps, { language: 'es' });
      await retuneSearch(deps, 'es');
      if (dialect === 'postgres') assert.equal((await search('gatas')).total, 1, 'spanish stemming');
      // SQLite stems every language with porter since the 2026-12-05 migration (it used to drop stemming here).
      else assert.equal((await search('retire gatos')).total, 1, 'porter whatever the language');
      assert.equal((await search('muelle')).total, 1);
      await updateSettings(deps, { language: 'en' });
      await retuneSearch(deps, 'en');
      assert.equal((await search('retire gato')).total, 1);
    });

    it('answers reader syntax without errors', async () => {
      for (const q of ['"', 'AND', 'NOT', 'a OR', 'x*', '(', 'col:val', "o'brien", '-', '🙂', 'ñ']) {
        const outcome = await search(q);
        assert.ok(Array.isArray(outcome.results), q);
      }
    });
  });
}
