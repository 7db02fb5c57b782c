// A commenter's own page and a reply page are cut from the whole discussion in outline (held by the discussion's
// revision), with only some comments read in full: those whose markup is not held, the reader's own that they may
// still change, and the one answered. Here the reader's process keeps no pages (PAGE_CACHE off) and another process
// moderates, as a second app server would.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Deps } from '../../src/deps.ts';
import type { Article } from '../../src/modules/articles/index.ts';
import { addExistingComments, moderateComment } from '../../src/modules/comments/index.ts';
import type { Staff } from '../../src/modules/permissions/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { createTestDb, createTestDeps, dialects, type TestDb } from '../support/databases.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`a commenter's own page and a reply page, on ${dialect}`, () => {
    let db: TestDb;
    let reader: { deps: Deps; app: FastifyInstance };
    let writer: Deps;
    let staff: Staff;
    let article: Article;
    let ids: string[];
    let mine: { id: string; token: string };

    before(async () => {
      db = await createTestDb(dialect);
      writer = (await createTestDeps(db)).deps;
      const readerDeps = (await createTestDeps(db, { env: { PAGE_CACHE: 'off' } })).deps;
      // A first comment waits for a moderator.
      await updateSettings(readerDeps, { holdFirstComments: true });
      reader = { deps: readerDeps, app: await buildApp(readerDeps) };
      staff = await makeStaff(writer, 'editor');
      article = await makeArticle(writer, { commentStatus: 'open' }, staff);
      const at = (minutes: number) => new Date(Date.now() - (60 - minutes) * 60_000);
      const names = ['Ana Reader', 'Ben Reader', 'Caro Reader'];
      ids = await addExistingComments(
        writer,
        article.id,
        names.map((name, i) => ({
          name,
          email: `${name.split(' ')[0].toLowerCase()}@example.org`,
          status: 'approved' as const,
          body: `${name.split(' ')[0]} says something worth reading.`,
          createdAt: at(i),
        })),
      );
    });
    after(async () => {
      await reader.app.close();
      await reader.deps.close();
      await writer.close();
      await db.drop();
    });

    const view = async (query = '', token?: string) => {
      const res = await reader.app.inject({
        url: `/articles/${article.slug}${query}`,
        headers: token ? { cookie: `dl_commenter=${token}` } : {},
      });
      assert.equal(res.statusCode, 200);
      return res;
    };
    const item = (html: string, id: string) => {
      const start = html.indexOf(`id="comment-${id}"`);
      return start < 0 ? undefined : html.slice(start, html.indexOf('</article>', start));
    };

    it('shows a commenter their waiting comment after the others, which come from the held fragments', async () => {
      const shared = (await view()).body;
      const posted = await reader.app.inject({
        method: 'POST',
        url: `/api/articles/${article.slug}/comments`,
        payload: { name: 'Dee Reader', email: 'dee@example.org', body: 'My first comment, waiting for a moderator.' },
      });
      assert.equal(posted.statusCode, 201, posted.body);
      const json = posted.json() as { id: string; status: string; commentToken: string };
      assert.equal(json.status, 'pending');
      mine = { id: json.id, token: json.commentToken };
      const own = await view('', mine.token);
      assert.match(String(own.headers['cache-control']), /private/);
      assert.match(own.body, /My first comment, waiting for a moderator\./);
      assert.match(own.body, /Awaiting moderation/);
      // The page around the discussion is the one every reader shares, every slot of it filled.
      assert.ok(own.body.includes(`<h1 class="headline">${article.headline}</h1>`));
      assert.doesNotMatch(own.body, /<template>/);
      assert.equal(
        own.body
          .slice(0, own.body.indexOf('<section class="discussion"'))
          .replace(/<script type="application\/ld\+json">.*?<\/script>/, ''),
        shared
          .slice(0, shared.indexOf('<section class="discussion"'))
          .replace(/<script type="application\/ld\+json">.*?<\/script>/, ''),
      );
      for (const id of ids) assert.equal(item(own.body, id), item(shared, id), `comment ${id} as every reader sees it`);
      const order = [...ids, mine.id].map((id) => own.body.indexOf(`id="comment-${id}"`));
      assert.deepEqual(
        [...order].sort((a, b) => a - b),
        order,
        'oldest first, the waiting comment last',
      );
      assert.doesNotMatch((await view()).body, /waiting for a moderator/, 'nobody else sees it');
    });

    it('names the comment a reply answers, though its markup is held', async () => {
      await view();
      const reply = await view(`?replyto=${ids[1]}`);
      assert.match(reply.body, /Reply to <bdi>Ben Reader<\/bdi>/);
      assert.match(reply.body, new RegExp(`name="parentId" value="${ids[1]}"`));
    });

    it('renders an approved comment its author may still change with their Edit link, for them alone', async () => {
      await moderateComment(writer, { staff, id: mine.id, status: 'approved' });
      // Everyone's page first: the comment's markup as every reader sees it is then held.
      const shared = item((await view()).body, mine.id) ?? '';
      assert.match(shared, /My first comment, waiting for a moderator\./);
      assert.doesNotMatch(shared, /\/edit/);
      const own = await view('', mine.token);
      const ownItem = item(own.body, mine.id) ?? '';
      assert.match(ownItem, /My first comment, waiting for a moderator\./);
      assert.doesNotMatch(ownItem, /Awaiting moderation/);
      assert.match(ownItem, new RegExp(`/comments/${mine.id}/edit`));
    });
  });
}
