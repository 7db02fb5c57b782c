// A commenter edits or deletes their own comment for a few minutes from the browser that posted it; moderators
// correct any comment's text; every earlier text is kept. And a reader's pending comment is shown to them alone,
// while the cached page everyone else gets never changes.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { listAudit } from '../../src/modules/audit/index.ts';
import type { Article } from '../../src/modules/articles/index.ts';
import { countApprovedComments, moderateComment } from '../../src/modules/comments/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects, relaxedModeration } from '../support/databases.ts';
import { deskPost, makeDeskUser } from '../support/desk.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

let n = 0;
const address = () => `203.0.113.${(++n % 250) + 1}`;
const email = () => `reader${++n}-${Math.random().toString(36).slice(2, 6)}@example.org`;
const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
const MINUTE = 60_000;

/** The commenter cookie a response sets, as a browser would send it back. */
function commenterCookie(res: { headers: Record<string, unknown> }): string {
  const all = [res.headers['set-cookie']].flat().map(String);
  const line = all.find((c) => c.startsWith('dl_commenter='));
  assert.ok(line, `a commenter cookie is set: ${all.join(' | ')}`);
  return line.split(';')[0];
}

for (const dialect of dialects) {
  describe(`a commenter's own comments on ${dialect}`, () => {
    let t: TestApp;
    const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
    before(async () => {
      t = await createTestApp(dialect, { clock });
    });
    after(() => t.close());
    beforeEach(() =>
      updateSettings(t.deps, {
        ...relaxedModeration,
        commentEditMinutes: 10,
        moderationWords: [],
        moderationLinkLimit: 2,
      }),
    );

    /** Posts through the plain form, as a browser without scripts does; returns the comment's id and the browser's cookie. */
    const postForm = async (a: Article, body: string, cookie?: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/articles/${a.slug}/comments`,
        remoteAddress: address(),
        headers: { ...formHeaders, ...(cookie ? { cookie } : {}) },
        payload: form({ name: 'Ana Reader', email: email(), comment: body }),
      });
      assert.equal(res.statusCode, 303, res.body);
      const row = await t.deps.db
        .selectFrom('comments')
        .select(['id', 'status'])
        .where('body_text', '=', body)
        .executeTakeFirstOrThrow();
      return { id: row.id, status: row.status, cookie: commenterCookie(res), res };
    };
    /** Posts through the API; returns the answer, with the token the API hands the poster. */
    const postApi = async (a: Article, body: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/articles/${a.slug}/comments`,
        remoteAddress: address(),
        payload: { name: 'Bo Reader', email: email(), body },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: string; status: string; commentToken: string; editableUntil: string };
    };
    const patch = (id: string, body: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'PATCH', url: `/api/comments/${id}`, headers, payload: { body } });
    const remove = (id: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'DELETE', url: `/api/comments/${id}`, headers });
    const editForm = (id: string, cookie: string, text: string) =>
      t.app.inject({
        method: 'POST',
        url: `/comments/${id}/edit`,
        headers: { ...formHeaders, cookie },
        payload: form({ comment: text }),
      });
    const textOf = async (id: string) =>
      await t.deps.db
        .selectFrom('comments')
        .select(['body_text', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const revisionsOf = (id: string) =>
      t.deps.db
        .selectFrom('comment_revisions')
        .select(['body', 'edited_by'])
        .where('comment_id', '=', id)
        .orderBy('created_at')
        .execute();
    const count = async (a: Article) =>
      (await t.app.inject({ url: `/api/articles/${a.slug}/comments` })).json().commentCount as number;

    it('gives the poster a signed, httpOnly, SameSite=Lax cookie; within the window the form edits the text and keeps the old one', async () => {
      const a = await makeArticle(t.deps, { headline: 'Edit Window Story' });
      const { id, cookie, res } = await postForm(a, 'The ferry leaves at nine.');
      const line = [res.headers['set-cookie']]
        .flat()
        .map(String)
        .find((c) => c.startsWith('dl_commenter='))!;
      assert.match(line, /HttpOnly/i);
      assert.match(line, /SameSite=Lax/i);
      assert.match(line, /Path=\//);
      assert.match(cookie, /^dl_commenter=[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{43}$/);
      const stored = await t.deps.db
        .selectFrom('comments')
        .select('author_key_hash')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.ok(stored.author_key_hash && !cookie.includes(stored.author_key_hash), 'only a hash of the key is stored');

      clock.advance(5 * MINUTE);
      const page = await t.app.inject({ url: `/comments/${id}/edit`, headers: { cookie } });
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'private, no-store');
      assert.match(page.body, /<label for="comment-body">Comment<\/label>/);
      assert.match(page.body, />The ferry leaves at nine\.<\/textarea>/);
      const report = await validator.validateString(page.body);
      assert.equal(report.valid, true, JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => m.message))));

      const empty = await editForm(id, cookie, '   ');
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Please write a comment\./);

      const saved = await editForm(id, cookie, 'The ferry leaves at half past nine.');
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `/comments/${id}`);
      assert.deepEqual(await textOf(id), { body_text: 'The ferry leaves at half past nine.', status: 'approved' });
      assert.deepEqual(await revisionsOf(id), [{ body: 'The ferry leaves at nine.', edited_by: 'author' }]);
      const shared = await t.app.inject({ url: `/articles/${a.slug}` });
      assert.match(shared.body, /The ferry leaves at half past nine\./);
      assert.match(shared.body, /class="comment-edited"[^>]*>\(edited\)</);
      assert.doesNotMatch(shared.body, /Edit your comment|\/edit"/, "the shared page carries nobody's edit links");
      const api = (await t.app.inject({ url: `/api/articles/${a.slug}/comments` })).json();
      assert.equal(api.comments[0].editedAt, '2026-11-28T09:05:00.000Z');
    });

    it('refuses edits and deletes after the window with 403 comment_edit_window_expired; the setting moves the window', async () => {
      const a = await makeArticle(t.deps);
      const posted = await postApi(a, 'Timetables should be printed.');
      assert.equal(new Date(posted.editableUntil).getTime() - clock.now().getTime(), 10 * MINUTE);
      const token = { 'x-comment-token': posted.commentToken };
      clock.advance(10 * MINUTE);
      const late = await patch(posted.id, 'Too late to change.', token);
      assert.equal(late.statusCode, 403);
      assert.equal(late.json().error.code, 'comment_edit_window_expired');
      assert.match(late.json().error.message, /for 10 minutes after it is posted; that time is over/);
      const lateDelete = await remove(posted.id, token);
      assert.equal(lateDelete.statusCode, 403);
      assert.equal(lateDelete.json().error.code, 'comment_edit_window_expired');
      assert.equal((await textOf(posted.id)).body_text, 'Timetables should be printed.');
      assert.equal(await count(a), 1);

      await updateSettings(t.deps, { commentEditMinutes: 30 });
      const longer = await patch(posted.id, 'Timetables should be printed and posted.', token);
      assert.equal(longer.statusCode, 200, longer.body);
      assert.equal(longer.json().status, 'approved');
      assert.equal((await textOf(posted.id)).body_text, 'Timetables should be printed and posted.');
    });

    it('shows an HTML 403 page on the edit form after the window', async () => {
      const a = await makeArticle(t.deps);
      const { id, cookie } = await postForm(a, 'Soon I cannot change this.');
      clock.advance(11 * MINUTE);
      const page = await t.app.inject({ url: `/comments/${id}/edit`, headers: { cookie } });
      assert.equal(page.statusCode, 403);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.match(page.body, /can be edited or deleted for 10 minutes/);
      assert.equal((await editForm(id, cookie, 'Changed anyway?')).statusCode, 403);
      assert.equal(
        (
          await t.app.inject({
            method: 'POST',
            url: `/comments/${id}/delete`,
            headers: { ...formHeaders, cookie },
            payload: '',
          })
        ).statusCode,
        403,
      );
      assert.equal((await textOf(id)).body_text, 'Soon I cannot change this.');
    });

    it("refuses another reader's cookie, a forged token and no token with 403, and changes nothing", async () => {
      const a = await makeArticle(t.deps);
      const mine = await postForm(a, 'My own words.');
      const theirs = await postForm(a, 'Someone else entirely.');
      assert.notEqual(mine.cookie, theirs.cookie, 'each browser gets its own key');

      const other = await editForm(mine.id, theirs.cookie, 'Hijacked.');
      assert.equal(other.statusCode, 403);
      assert.match(other.body, /was not posted from this browser/);
      assert.equal(
        (await t.app.inject({ url: `/comments/${mine.id}/edit`, headers: { cookie: theirs.cookie } })).statusCode,
        403,
      );
      const otherApi = await patch(mine.id, 'Hijacked.', { cookie: theirs.cookie });
      assert.equal(otherApi.json().error.code, 'comment_token_invalid');

      // The right key with a made-up signature, and a well-formed token signed with another secret.
      const value = mine.cookie.slice('dl_commenter='.length);
      const [key, sig] = value.split('.');
      const flipped = `${key}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
      for (const forged of [flipped, `${key}.${'x'.repeat(43)}`, 'not-a-token']) {
        const res = await patch(mine.id, 'Forged.', { 'x-comment-token': forged });
        assert.equal(res.statusCode, 403, forged);
        assert.equal(res.json().error.code, 'comment_token_invalid');
        assert.equal((await remove(mine.id, { cookie: `dl_commenter=${forged}` })).statusCode, 403);
      }
      const none = await patch(mine.id, 'No token.');
      assert.equal(none.statusCode, 403);
      assert.equal(none.json().error.code, 'comment_token_missing');
      assert.equal((await remove(mine.id)).json().error.code, 'comment_token_missing');
      assert.equal((await textOf(mine.id)).body_text, 'My own words.');
      assert.deepEqual(await revisionsOf(mine.id), []);

      // A second post from the first browser carries its cookie: the same key owns both comments.
      const again = await postForm(a, 'My second thought.', mine.cookie);
      assert.equal(again.cookie, mine.cookie);
      assert.equal((await patch(again.id, 'My second, better thought.', { cookie: mine.cookie })).statusCode, 200);
    });

    it('deletes within the window: the comment leaves the page and the count, in the same transaction', async () => {
      const a = await makeArticle(t.deps, { headline: 'Delete Story' });
      const { id, cookie } = await postForm(a, 'I regret this remark.');
      await postForm(a, 'A remark that stays.');
      assert.equal(await count(a), 2);
      const confirm = await t.app.inject({ url: `/comments/${id}/delete`, headers: { cookie } });
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /<button type="submit">Delete comment<\/button>/);
      const report = await validator.validateString(confirm.body);
      assert.equal(report.valid, true, JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => m.message))));
      const res = await t.app.inject({
        method: 'POST',
        url: `/comments/${id}/delete`,
        headers: { ...formHeaders, cookie },
        payload: '',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/articles/${a.slug}#comments`);
      assert.equal((await textOf(id)).status, 'trash');
      assert.equal(await count(a), 1);
      assert.equal(await countApprovedComments(t.deps.db, a.id), 1);
      const stored = await t.deps.db
        .selectFrom('articles')
        .select('comment_count')
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(stored.comment_count), 1);
      const page = await t.app.inject({ url: `/articles/${a.slug}` });
      assert.doesNotMatch(page.body, /I regret this remark/);
      assert.match(page.body, /One thought on/);
      const decision = await t.deps.db
        .selectFrom('comment_decisions')
        .select(['rule', 'status'])
        .where('comment_id', '=', id)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      assert.deepEqual(decision, { rule: 'author_deleted', status: 'trash' });
      // Gone is gone: no second delete, no edit.
      assert.equal(
        (
          await t.app.inject({
            method: 'POST',
            url: `/comments/${id}/delete`,
            headers: { ...formHeaders, cookie },
            payload: '',
          })
        ).statusCode,
        404,
      );

      const viaApi = await postApi(a, 'Deleted through the API.');
      const gone = await remove(viaApi.id, { 'x-comment-token': viaApi.commentToken });
      assert.equal(gone.statusCode, 204);
      assert.equal(await count(a), 1);
    });

    it('runs the moderation rules on the new text: a clean comment edited to carry links or a moderation word is held again', async () => {
      await updateSettings(t.deps, { moderationWords: ['ferry scam'], moderationLinkLimit: 2 });
      const a = await makeArticle(t.deps, { headline: 'Held Again Story' });
      const links = await postApi(a, 'A clean first version.');
      const words = await postApi(a, 'Another clean version.');
      assert.equal(links.status, 'approved');
      assert.equal(await count(a), 2);

      const linked = await patch(links.id, 'Buy now https://spam.example/a and https://spam.example/b', {
        'x-comment-token': links.commentToken,
      });
      assert.equal(linked.statusCode, 200);
      assert.equal(linked.json().status, 'pending');
      const worded = await patch(words.id, 'This is a Ferry Scam, friends.', { 'x-comment-token': words.commentToken });
      assert.equal(worded.json().status, 'pending');
      assert.equal(await count(a), 0);
      const page = await t.app.inject({ url: `/articles/${a.slug}` });
      assert.doesNotMatch(page.body, /spam\.example|Ferry Scam/);
      const why = await t.deps.db
        .selectFrom('comment_decisions')
        .select(['rule', 'reason'])
        .where('comment_id', '=', links.id)
        .where('status', '=', 'pending')
        .execute();
      assert.deepEqual(
        why.map((d) => d.rule),
        ['links'],
      );
      assert.match(why[0].reason, /^After an edit by its author: Has 2 links/);

      // Making it clean again does not free it: a moderator decides now.
      const cleaned = await patch(links.id, 'A clean version again.', { 'x-comment-token': links.commentToken });
      assert.equal(cleaned.json().status, 'pending');
      assert.equal((await textOf(links.id)).status, 'pending');
      assert.equal((await revisionsOf(links.id)).length, 2);
    });

    it('lets a moderator correct the text on the desk: a revision with their id, an audit entry, history on the desk, "edited" for readers', async () => {
      const a = await makeArticle(t.deps, { headline: 'Corrected Story' });
      const { id } = await postForm(a, 'Call me on 555 0100 about the ferry.');
      const moderator = await makeDeskUser(t.app, t.deps, 'moderator', 'Mira Moderator');
      clock.advance(60 * MINUTE);
      const res = await deskPost(t.app, moderator, `/admin/moderation/comments/${id}/text`, {
        body: 'Call me about the ferry. [Number removed by a moderator]',
        queue: 'recent',
      });
      assert.equal(res.statusCode, 303, res.body);
      assert.match(String(res.headers.location), /^\/admin\/moderation\?queue=recent&done=edited/);
      assert.deepEqual(await textOf(id), {
        body_text: 'Call me about the ferry. [Number removed by a moderator]',
        status: 'approved',
      });
      assert.deepEqual(await revisionsOf(id), [
        { body: 'Call me on 555 0100 about the ferry.', edited_by: moderator.id },
      ]);
      const entry = (await listAudit(t.deps.db, { limit: 50, offset: 0 })).entries.find(
        (e) => e.action === 'comment.edited' && e.subject === id,
      );
      assert.equal(entry?.actorName, 'Mira Moderator');

      const desk = await t.app.inject({ url: '/admin/moderation?queue=recent', headers: { cookie: moderator.cookie } });
      assert.match(desk.body, /by Mira Moderator on .*; before: <q>Call me on 555 0100 about the ferry\.<\/q>/);
      assert.match(desk.body, /<label for="edit-body-[^"]+">Text of the comment by <bdi>Ana Reader<\/bdi><\/label>/);
      const report = await validator.validateString(desk.body);
      assert.equal(report.valid, true, JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => m.message))));
      const page = await t.app.inject({ url: `/articles/${a.slug}` });
      assert.match(page.body, /\[Number removed by a moderator\]/);
      assert.match(page.body, /\(edited\)/);
      assert.doesNotMatch(page.body, /555 0100/);

      const empty = await deskPost(t.app, moderator, `/admin/moderation/comments/${id}/text`, {
        body: '',
        queue: 'recent',
      });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Please write a comment\./);

      const author = await makeDeskUser(t.app, t.deps, 'author');
      const refused = await deskPost(t.app, author, `/admin/moderation/comments/${id}/text`, {
        body: 'An author tries.',
        queue: 'recent',
      });
      assert.equal(refused.statusCode, 403);
      const noToken = await t.app.inject({
        method: 'POST',
        url: `/admin/moderation/comments/${id}/text`,
        headers: { ...formHeaders, cookie: moderator.cookie },
        payload: form({ body: 'No form token.' }),
      });
      assert.equal(noToken.statusCode, 403);
      const apiAuthor = await makeStaff(t.deps, 'author');
      const viaApi = await patch(id, 'An author via the API.', { authorization: `Bearer ${apiAuthor.token}` });
      assert.equal(viaApi.statusCode, 403);
      const apiModerator = await makeStaff(t.deps, 'moderator');
      assert.equal(
        (await patch(id, 'Corrected via the API.', { authorization: `Bearer ${apiModerator.token}` })).statusCode,
        200,
      );
      assert.equal((await textOf(id)).body_text, 'Corrected via the API.');
      assert.equal((await revisionsOf(id)).length, 2);
    });

    it('shows a pending comment to its author alone, marked; everyone else gets the unchanged cached page', async () => {
      await updateSettings(t.deps, { holdFirstComments: true });
      const a = await makeArticle(t.deps, { headline: 'Pending Story' });
      await postApi(a, 'An approved neighbour.').then(async (c) => {
        const staff = await makeStaff(t.deps, 'moderator');
        await moderateComment(t.deps, { staff, id: c.id, status: 'approved' });
      });
      const before = await t.app.inject({ url: `/articles/${a.slug}` });
      assert.equal(before.headers.vary, 'Cookie, Accept-Encoding');
      const etag = String(before.headers.etag);

      const { id, status, cookie, res } = await postForm(a, 'Held for a moderator, seen by me.');
      assert.equal(status, 'pending');
      assert.equal(res.headers.location, `/articles/${a.slug}?comment=held#respond`);
      const held = await t.app.inject({ url: `/articles/${a.slug}?comment=held`, headers: { cookie } });
      assert.match(held.body, /Held for a moderator, seen by me\./);

      // The owner, even with the shared copy's validator, gets their own page: 200, private, no validator.
      const mine = await t.app.inject({ url: `/articles/${a.slug}`, headers: { cookie, 'if-none-match': etag } });
      assert.equal(mine.statusCode, 200);
      assert.equal(mine.headers['cache-control'], 'private, no-store');
      assert.equal(mine.headers.etag, undefined);
      assert.equal(mine.headers.vary, 'Cookie');
      assert.match(mine.body, new RegExp(`<li class="comment comment-pending" id="comment-${id}">`));
      assert.match(mine.body, /Awaiting moderation: only you can see this comment/);
      assert.match(mine.body, new RegExp(`href="/comments/${id}/edit"`));
      assert.match(mine.body, /An approved neighbour\./);
      const report = await validator.validateString(mine.body);
      assert.equal(report.valid, true, JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => m.message))));

      // Nobody else sees a trace: not a reader without a cookie, not another commenter, not a conditional request.
      const other = await postForm(await makeArticle(t.deps), 'Elsewhere.');
      for (const headers of [{}, { cookie: other.cookie }, { cookie: 'dl_commenter=forged.value' }]) {
        const page = await t.app.inject({ url: `/articles/${a.slug}`, headers });
        assert.equal(page.statusCode, 200);
        assert.equal(page.headers['x-page-cache'], 'hit');
        assert.equal(page.headers.etag, etag, 'the cached page did not change');
        assert.equal(page.body, before.body);
        assert.doesNotMatch(page.body, /Held for a moderator|Awaiting moderation|comment-pending|\/edit"/);
      }
      assert.equal(
        (await t.app.inject({ url: `/articles/${a.slug}`, headers: { 'if-none-match': etag } })).statusCode,
        304,
      );
      assert.doesNotMatch(
        (await t.app.inject({ url: `/api/articles/${a.slug}/comments` })).body,
        /Held for a moderator/,
      );

      // Past the window it stays visible to its owner while it waits, without the Edit link.
      clock.advance(11 * MINUTE);
      const waiting = await t.app.inject({ url: `/articles/${a.slug}`, headers: { cookie } });
      assert.match(waiting.body, /Awaiting moderation/);
      assert.doesNotMatch(waiting.body, /\/edit"/);

      // Approved and past the window: the owner gets the shared page again.
      const staff = await makeStaff(t.deps, 'moderator');
      await moderateComment(t.deps, { staff, id, status: 'approved' });
      const shared = await t.app.inject({ url: `/articles/${a.slug}`, headers: { cookie } });
      assert.equal(shared.headers['cache-control'], 'public, max-age=0, must-revalidate');
      assert.ok(shared.headers.etag);
      assert.match(shared.body, /Held for a moderator, seen by me\./);
      assert.doesNotMatch(shared.body, /Awaiting moderation|\/edit"/);
      assert.equal(shared.body, (await t.app.inject({ url: `/articles/${a.slug}` })).body);
    });

    it('has a labelled, validated setting for the window on the discussion settings page', async () => {
      const admin = await makeDeskUser(t.app, t.deps, 'admin');
      const page = await t.app.inject({ url: '/admin/settings/discussion', headers: { cookie: admin.cookie } });
      assert.match(page.body, /<label for="commentEditMinutes">[^<]*edit/i);
      assert.match(page.body, /id="commentEditMinutes" name="commentEditMinutes"[^>]*value="10"/i);
      for (const bad of ['ten', '1441']) {
        const res = await deskPost(t.app, admin, '/admin/settings/discussion', { commentEditMinutes: bad });
        assert.equal(res.statusCode, 422, bad);
        assert.match(res.body, /id="commentEditMinutes"[^>]*aria-invalid="true"/);
      }
      assert.match(
        (await deskPost(t.app, admin, '/admin/settings/discussion', { commentEditMinutes: '1441' })).body,
        /to 1440/,
      );
      assert.equal(
        (await deskPost(t.app, admin, '/admin/settings/discussion', { commentEditMinutes: '25' })).statusCode,
        303,
      );
      const a = await makeArticle(t.deps);
      assert.equal(
        new Date((await postApi(a, 'Twenty-five minutes.')).editableUntil).getTime() - clock.now().getTime(),
        25 * MINUTE,
      );
      const api = await updateSettings(t.deps, { commentEditMinutes: 0 });
      assert.equal(api.commentEditMinutes, 0);
      const never = await postApi(a, 'Never changeable.');
      const res = await patch(never.id, 'Try.', { 'x-comment-token': never.commentToken });
      assert.equal(res.json().error.code, 'comment_edit_window_expired');
      assert.match(res.json().error.message, /cannot be edited or deleted after they are posted/);
    });
  });
}
