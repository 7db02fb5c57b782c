// Autosave: a per-person slot apart from the article's version; offered back on opening, emptied by a save, and
// only for articles the person may edit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, type DeskUser } from '../support/desk.ts';
import { createTestApp, formHeaders, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';

for (const dialect of dialects) {
  describe(`autosave on ${dialect}`, () => {
    let t: TestApp;
    let author: DeskUser;
    let other: DeskUser;
    let editor: DeskUser;
    before(async () => {
      t = await createTestApp(dialect);
      author = await makeDeskUser(t.app, t.deps, 'author');
      other = await makeDeskUser(t.app, t.deps, 'author');
      editor = await makeDeskUser(t.app, t.deps, 'editor');
    });
    after(() => t.close());

    const autosave = (who: DeskUser, fields: Record<string, string>, token = who.token) =>
      t.app.inject({
        method: 'POST',
        url: '/admin/autosave',
        headers: { ...formHeaders, accept: 'application/json', cookie: who.cookie },
        payload: new URLSearchParams({ _token: token, ...fields }).toString(),
      });
    const open = (who: DeskUser, url: string) => t.app.inject({ url, headers: { cookie: who.cookie } });

    it("keeps a new article's text, offers it back with the time in the newsroom's zone, restores it, and a save empties the slot", async () => {
      const res = await autosave(author, {
        article: 'new',
        headline: 'Half-Written Story',
        body: 'A sentence I did not save.',
        subheadline: '',
        excerpt: '',
        dateline: '',
      });
      assert.equal(res.statusCode, 200, res.body);
      const savedAt = new Date(res.json().savedAt);
      const hhmm = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'UTC',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(savedAt);
      const page = await open(author, '/admin/articles/new');
      assert.match(page.body, new RegExp(`Restore the unsaved text from ${hhmm}\\?`));
      assert.doesNotMatch(
        (await open(other, '/admin/articles/new')).body,
        /Restore the unsaved text/,
        "the slot is the person's own",
      );
      const restored = await open(author, '/admin/articles/new?restore=1');
      assert.match(
        restored.body,
        /<input id="headline" name="headline" required maxlength="300" value="Half-Written Story"/,
      );
      assert.match(restored.body, />A sentence I did not save\.<\/textarea>/);
      assert.match(restored.body, /data-unsaved="1"/);
      const saved = await deskPost(t.app, author, '/admin/articles', {
        headline: 'Half-Written Story',
        body: 'A sentence I did not save.',
        authors: author.id,
        commentStatus: 'default',
        mediaId: '',
        action: 'save',
      });
      assert.equal(saved.statusCode, 303);
      assert.equal(
        await t.deps.db.selectFrom('autosaves').select('user_id').where('user_id', '=', author.id).executeTakeFirst(),
        undefined,
        'the save emptied the slot',
      );
      assert.doesNotMatch((await open(author, '/admin/articles/new')).body, /Restore the unsaved text/);
    });

    it("keeps an article's text apart from its version: a 409 conflict still keeps the person's text, in the form and in the slot", async () => {
      const story = await makeArticle(t.deps, { headline: 'Shared Story', body: 'Saved text.' });
      const form = (await open(editor, `/admin/articles/${story.id}/edit`)).body;
      const version = /name="version" value="(\d+)"/.exec(form)![1];
      const kept = await autosave(editor, {
        article: story.id,
        headline: 'Shared Story',
        body: 'Saved text.\n\nMy new paragraph.',
        subheadline: '',
        excerpt: '',
        dateline: '',
      });
      assert.equal(kept.statusCode, 200);
      const row = await t.deps.db
        .selectFrom('articles')
        .select(['version', 'body_source'])
        .where('id', '=', story.id)
        .executeTakeFirstOrThrow();
      assert.equal(String(row.version), version, "autosave never touches the article's version");
      assert.equal(row.body_source, 'Saved text.');
      // Someone else saves meanwhile.
      const editor2 = await makeDeskUser(t.app, t.deps, 'editor');
      assert.equal(
        (
          await deskPost(t.app, editor2, `/admin/articles/${story.id}`, {
            headline: 'Shared Story (edited)',
            body: 'Saved text.',
            authors: story.authors.map((a) => a.id),
            commentStatus: 'default',
            mediaId: 'current',
            imageAlt: 'A ferry at a dock',
            version,
            action: 'save',
          })
        ).statusCode,
        303,
      );
      const conflict = await deskPost(t.app, editor, `/admin/articles/${story.id}`, {
        headline: 'Shared Story',
        body: 'Saved text.\n\nMy new paragraph.',
        authors: story.authors.map((a) => a.id),
        commentStatus: 'default',
        mediaId: 'current',
        imageAlt: 'A ferry at a dock',
        version,
        action: 'save',
      });
      assert.equal(conflict.statusCode, 409);
      assert.match(conflict.body, />Saved text\.\n\nMy new paragraph\.<\/textarea>/);
      assert.match(conflict.body, /data-unsaved="1"/);
      const reopened = await open(editor, `/admin/articles/${story.id}/edit`);
      assert.match(reopened.body, /Restore the unsaved text from \d\d:\d\d\?/);
      const discard = await deskPost(t.app, editor, '/admin/autosave/discard', { article: story.id });
      assert.equal(discard.statusCode, 303);
      assert.doesNotMatch((await open(editor, `/admin/articles/${story.id}/edit`)).body, /Restore the unsaved text/);
    });

    it('refuses without the form token, for an article the person may not edit, and for a moderator', async () => {
      const theirs = await makeArticle(t.deps, { headline: "Another Author's Draft", status: 'draft' }, {
        id: other.id,
        role: 'author',
        name: other.name,
        email: other.email,
      } as never);
      const fields = { article: theirs.id, headline: 'x', body: 'y', subheadline: '', excerpt: '', dateline: '' };
      assert.equal((await autosave(author, fields, 'wrong-token')).statusCode, 403);
      const notYours = await autosave(author, fields);
      assert.equal(notYours.statusCode, 403, notYours.body);
      assert.equal(
        (await autosave(author, { ...fields, article: '0190aaaa-0000-7000-8000-000000000000' })).statusCode,
        404,
      );
      const moderator = await makeDeskUser(t.app, t.deps, 'moderator');
      assert.equal((await autosave(moderator, { ...fields, article: 'new' })).statusCode, 403);
      assert.equal(
        await t.deps.db
          .selectFrom('autosaves')
          .select('user_id')
          .where('article_key', '=', theirs.id)
          .executeTakeFirst(),
        undefined,
      );
    });
  });
}
