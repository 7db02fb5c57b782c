// The moderation desk (the queues with their filters, states, notices and refusals, and the list of banned
// commenters) rendered in the pseudo-locale (en-XA): a visible word with a plain ASCII letter in the page's content
// that is not the newsroom's or its readers' own data was written into the code instead of a catalogue. Only <main>
// is read: the desk's shell is checked with the staff pages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Article } from '../../src/modules/articles/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects, relaxedModeration } from '../support/databases.ts';
import { deskPost, makeDeskUser } from '../support/desk.ts';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle } from '../support/newsroom.ts';
import { visibleTexts } from '../support/visible-text.ts';

/** The newsroom's and its readers' own words in this test, shown as written in any language. */
const CONTENT = [
  'Harbour Dredging Starts Monday',
  'Mona Moderator',
  'Pat Parent',
  'Quinn Reader',
  'Rex Reported',
  'Sam Spammer',
  'Tess Trash',
  'The dredger arrived this morning',
  'Will the ferry still run',
  'A sharp opinion',
  'Spam about boats',
  'Off-topic rant',
  'Yes, from six',
  'Corrected words',
  'Rude to the harbour master',
  // Searches, as typed.
  'nothing-matches-this',
  'ferry',
];

/** Words of a page's content (its <main>) no catalogue gave. */
function untranslated(html: string): string[] {
  const words = [...CONTENT].sort((a, b) => b.length - a.length);
  return (
    visibleTexts(html)
      .filter(({ where }) => where.includes('> main'))
      // Data as stored: a rule's name, the keys the queue's script answers to, a comment's text (and its text before
      // an edit, in the form that corrects it), and the reasons of the recorded decisions. The error summary's
      // heading is the shell's (DeskLayout's) own.
      .filter(
        ({ where }) =>
          !/> (code|kbd|q|textarea)$/.test(where) &&
          !where.includes('> div.comment-body') &&
          !where.includes('> dd.mod-why') &&
          !where.endsWith('p.error-summary-title'),
      )
      .filter(({ text }) => {
        let rest = text;
        for (const w of words) rest = rest.split(w).join(' ');
        rest = rest.replace(/\S+@example\.org/g, ' ').replace(/\S+@newsroom\.test/g, ' ');
        return /[A-Za-z]/.test(rest);
      })
      .map(({ text, where }) => `${where}: ${JSON.stringify(text)}`)
  );
}

/** The moderation desk's pages; its other routes are forms' targets, whose refusals are rendered below. */
const MODERATION_PAGES = ['/admin/moderation', '/admin/moderation/bans'];

for (const dialect of dialects) {
  describe(`the pseudo-locale over the moderation desk on ${dialect}`, () => {
    let t: TestApp;
    const pages = new Map<string, string>();
    const covered = new Set<string>();
    let ip = 0;

    before(async () => {
      t = await createTestApp(dialect, { clock: new ManualClock(new Date('2026-11-20T10:00:00Z')) });
      const { app, deps } = t;
      await updateSettings(deps, { ...relaxedModeration, reportThreshold: 3, language: 'en-XA' });
      const moderator = await makeDeskUser(app, deps, 'moderator', 'Mona Moderator');
      const cookie = { cookie: moderator.cookie };
      const get = async (url: string) => {
        covered.add(new URL(url, 'http://desk').pathname);
        const res = await app.inject({ url, headers: cookie });
        assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
        pages.set(`GET ${url}`, res.body);
        return res.body;
      };
      const keep = async (name: string, res: Promise<{ statusCode: number; body: string }>, status: number) => {
        const done = await res;
        assert.equal(done.statusCode, status, `${name}: ${done.body.slice(0, 300)}`);
        pages.set(name, done.body);
      };
      const post = async (a: Article, body: string, name: string, over: { hold?: boolean; parentId?: string } = {}) => {
        if (over.hold) await updateSettings(deps, { holdFirstComments: true });
        const res = await app.inject({
          method: 'POST',
          url: `/api/articles/${a.slug}/comments`,
          remoteAddress: `198.51.100.${++ip}`,
          payload: {
            name,
            email: `reader${ip}@example.org`,
            body,
            ...(over.parentId && { parentId: over.parentId }),
          },
        });
        if (over.hold) await updateSettings(deps, { holdFirstComments: false });
        assert.equal(res.statusCode, 201, res.body);
        return (res.json() as { id: string }).id;
      };

      // Empty queues and an empty list of bans.
      await get('/admin/moderation');
      // Named apart: the list is walked again once it has bans.
      await get('/admin/moderation/bans?done=none');

      const a = await makeArticle(deps, { headline: 'Harbour Dredging Starts Monday' });
      const parent = await post(a, 'The dredger arrived this morning', 'Pat Parent');
      const held = await post(a, 'Will the ferry still run', 'Quinn Reader', { hold: true, parentId: parent });
      const reported = await post(a, 'A sharp opinion', 'Rex Reported');
      const report = await app.inject({
        method: 'POST',
        url: `/api/comments/${reported}/reports`,
        remoteAddress: '203.0.113.50',
        payload: { reason: 'Rude to the harbour master' },
      });
      assert.ok(report.statusCode < 300, report.body);
      // A page and more of spam, so the queue has pages; one in the trash.
      const spam: string[] = [];
      for (let i = 0; i < 21; i++) spam.push(await post(a, `Spam about boats ${i}`, 'Sam Spammer'));
      assert.equal(
        (await deskPost(app, moderator, '/admin/moderation/bulk', { ids: spam, action: 'spam' })).statusCode,
        303,
      );
      const trashed = await post(a, 'Off-topic rant', 'Tess Trash');
      await deskPost(app, moderator, `/admin/moderation/comments/${trashed}`, { action: 'trash' });
      // A featured comment, a staff reply, and a corrected text.
      await deskPost(app, moderator, `/admin/moderation/comments/${parent}/feature`, { featured: '1' });
      await deskPost(app, moderator, `/admin/moderation/comments/${parent}/reply`, { body: 'Yes, from six' });
      await deskPost(app, moderator, `/admin/moderation/comments/${reported}/text`, { body: 'Corrected words' });

      for (const queue of ['pending', 'reported', 'spam', 'trash', 'recent'])
        await get(`/admin/moderation?queue=${queue}`);
      await get('/admin/moderation?queue=spam&page=2');
      await get(`/admin/moderation?queue=recent&article=${a.id}`);
      await get(`/admin/moderation?queue=recent&article=${a.id}&q=ferry`);
      await get('/admin/moderation?queue=recent&q=ferry');
      await get('/admin/moderation?queue=pending&q=nothing-matches-this');
      for (const done of [
        'approve&n=1',
        'trash&n=3&skipped=1',
        'spam&n=2',
        'restore&n=1',
        'edited',
        'ban',
        'feature',
        'unfeature',
        'reply',
        'answer',
      ])
        await get(`/admin/moderation?queue=pending&done=${done}`);

      const form = (url: string, fields: Record<string, string | string[]>) =>
        deskPost(app, moderator, url, { queue: 'pending', ...fields });
      await keep('POST a bulk decision on nothing', form('/admin/moderation/bulk', { action: 'spam' }), 422);
      await keep('POST an unknown decision', form(`/admin/moderation/comments/${held}`, { action: 'burn' }), 422);
      await keep(
        'POST an unknown featuring',
        form(`/admin/moderation/comments/${parent}/feature`, { featured: 'maybe' }),
        422,
      );
      await keep(
        'POST featuring a pending comment',
        form(`/admin/moderation/comments/${held}/feature`, { featured: '1' }),
        409,
      );
      await keep('POST an empty reply', form(`/admin/moderation/comments/${parent}/reply`, { body: '' }), 422);
      await keep(
        'POST an answer to an approved comment',
        form(`/admin/moderation/comments/${parent}/answer`, { body: 'Yes, from six' }),
        409,
      );
      await keep('POST an empty text', form(`/admin/moderation/comments/${held}/text`, { body: '' }), 422);
      const ban = (fields: Record<string, string>) =>
        form('/admin/moderation/ban', { commentId: held, email: '', ip: '', reason: '', ...fields });
      await keep('POST a ban with no reason', ban({ email: 'reader2@example.org' }), 422);
      await keep('POST a ban on nobody', ban({ reason: 'Spam about boats' }), 422);
      await keep('POST a ban on a bad address', ban({ email: 'not an address', reason: 'Spam about boats' }), 422);
      await keep('POST a ban on a bad range', ban({ ip: '999.1.2.3/77', reason: 'Spam about boats' }), 422);

      // The list of bans: refused, added, listed, lifted, and a ban that is gone.
      const bans = (fields: Record<string, string>) => deskPost(app, moderator, '/admin/moderation/bans', fields);
      await keep('POST a listed ban with no reason', bans({ email: 'reader9@example.org', reason: '' }), 422);
      await keep('POST a listed ban on nobody', bans({ reason: 'Spam about boats' }), 422);
      await bans({ email: 'reader9@example.org', ip: '203.0.113.0/24', reason: 'Spam about boats' });
      await bans({ ip: '198.51.100.7', reason: 'Spam about boats' });
      await get('/admin/moderation/bans');
      await get('/admin/moderation/bans?done=added');
      await get('/admin/moderation/bans?done=lifted');
      await keep(
        'POST lifting a ban that is gone',
        deskPost(app, moderator, '/admin/moderation/bans/no-such-ban/lift', {}),
        404,
      );
    });
    after(() => t.close());

    it('walks every page of the moderation desk', () => {
      assert.deepEqual(
        MODERATION_PAGES.filter((route) => !covered.has(route)),
        [],
      );
      const routes = new Set(t.app.routeList.filter((r) => r.method === 'GET').map((r) => r.url));
      assert.deepEqual(
        MODERATION_PAGES.filter((route) => !routes.has(route)),
        [],
        'each still exists',
      );
    });

    it('shows no word in their content that did not come from a catalogue', () => {
      const problems: string[] = [];
      for (const [page, html] of pages) for (const p of untranslated(html)) problems.push(`${page}: ${p}`);
      assert.deepEqual(problems, []);
    });

    it('renders the states, notices and refusals it walked, in the pseudo-locale', () => {
      const pseudo = t.deps.translations.for('en-XA', 'UTC');
      const shown = (page: string, text: string) =>
        assert.ok(pages.get(page)?.includes(text), `${page} shows ${JSON.stringify(text)}`);
      shown('GET /admin/moderation', pseudo.t('desk.moderation.empty', { filtered: 'no' }));
      shown('GET /admin/moderation/bans?done=none', pseudo.t('desk.bans.none'));
      shown('GET /admin/moderation?queue=spam&page=2', pseudo.t('desk.moderation.pageOf', { page: 2, pages: 2 }));
      shown(
        'GET /admin/moderation?queue=pending&done=trash&n=3&skipped=1',
        pseudo.t('desk.moderation.notice.decided', { n: 3, action: 'trash', skipped: 1 }),
      );
      shown('POST a bulk decision on nothing', pseudo.error({ code: 'nothing_selected', message: '' }));
      shown('POST an unknown featuring', pseudo.t('desk.moderation.refusal.feature'));
      shown('POST a ban with no reason', pseudo.error({ code: 'invalid_reason', message: '', field: 'reason' }));
      shown('POST lifting a ban that is gone', pseudo.t('desk.bans.notFound'));
      assert.match(pseudo.t('desk.bans.notFound'), /^\[/);
    });
  });
}
