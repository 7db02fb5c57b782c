// The staff half of the desk (people, accounts, signing in, passwords, first run, settings, sections, audit log)
// rendered in the pseudo-locale (en-XA): a visible word with a plain ASCII letter in the page's content that is not
// the newsroom's own data was written into the code instead of a catalogue. The desk's shell (menu, skip link) is
// another part's and is checked with it, so only <main> is read here.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken, createUser } from '../../src/modules/people/index.ts';
import { updateSettings } from '../../src/modules/settings/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, PASSWORD } from '../support/desk.ts';
import { createTestApp, form, formHeaders, type TestApp } from '../support/http.ts';
import { linkIn, startMailCatcher, type MailCatcher } from '../support/mail.ts';
import { makeSection } from '../support/newsroom.ts';
import { visibleTexts } from '../support/visible-text.ts';

/** The newsroom's own data in this test, shown as written in any language. */
const CONTENT = [
  'Quayside Courier',
  'Harbour',
  'Ferries',
  'Marta Quill',
  'Olu Admin',
  'Wire feed',
  'quill@newsroom.test',
  'olu@newsroom.test',
  'nobody@newsroom.test',
  // Languages are offered by their own names, whatever the desk's language.
  'English',
  'Español',
  // Commands and the server log's own line, typed or searched for as they are.
  'dateline token create',
  'npx dateline setup-code',
  'First run',
  'ABCD-EFGH-JKMN-PQRS',
  // Time zones are IANA names.
  ...Intl.supportedValuesOf('timeZone'),
];

/** Words of a page's content (its <main>) no catalogue gave. */
function untranslated(html: string): string[] {
  const words = [...CONTENT].sort((a, b) => b.length - a.length);
  return (
    visibleTexts(html)
      .filter(({ where }) => where.includes('> main'))
      // Data as stored: an audit entry's details. The error summary's heading is the shell's (DeskLayout's) own.
      .filter(({ where }) => !where.endsWith('> code') && !where.endsWith('p.error-summary-title'))
      // A language's own name, marked with its language (the settings' list of languages).
      .filter(({ where }) => !/\[lang=[^\]]+\]$/.test(where))
      .filter(({ text }) => {
        let rest = text;
        for (const w of words) rest = rest.split(w).join(' ');
        // Emails of people the desk makes for a test (desk-admin-3-x1y2@newsroom.test), and slugs of sections.
        rest = rest
          .replace(/\S+@newsroom\.test/g, ' ')
          .replace(/\b(harbour|ferries)\b/g, ' ')
          .replace(/Desk \w+ \d+/g, ' ')
          // A token's id, as its last eight hexadecimal digits.
          .replace(/\([0-9a-f]{8}\)/g, ' ');
        return /[A-Za-z]/.test(rest);
      })
      .map(({ text, where }) => `${where}: ${JSON.stringify(text)}`)
  );
}

/** Desk routes of this half that are forms' targets only (their refusals are rendered below) or not pages. */
const STAFF_PAGES = [
  '/admin/sign-in',
  '/admin/forgot',
  '/admin/password/:secret',
  '/admin/setup',
  '/admin/account',
  '/admin/people',
  '/admin/people/:id',
  '/admin/settings',
  '/admin/settings/discussion',
  '/admin/sections',
  '/admin/audit',
];

for (const dialect of dialects) {
  describe(`the pseudo-locale over the staff desk pages on ${dialect}`, () => {
    let t: TestApp;
    let mail: MailCatcher;
    const pages = new Map<string, string>();
    const covered = new Set<string>();

    before(async () => {
      mail = await startMailCatcher();
      t = await createTestApp(dialect, {
        clock: new ManualClock(new Date('2026-11-20T10:00:00Z')),
        env: { SMTP_URL: mail.url, MAIL_FROM: 'Desk <desk@news.test>' },
      });
      const { app, deps } = t;
      await updateSettings(deps, { name: 'Quayside Courier', language: 'en-XA' });
      const get = async (route: string, url: string, headers: Record<string, string> = {}) => {
        covered.add(route);
        const res = await app.inject({ url, headers });
        assert.ok(res.statusCode < 300 || res.statusCode === 410, `${url}: ${res.statusCode}`);
        assert.match(String(res.headers['content-type']), /text\/html/, `${url} is a page`);
        pages.set(`GET ${url}`, res.body);
      };
      const keep = (name: string, res: { statusCode: number; body: string }, status: number) => {
        assert.equal(res.statusCode, status, `${name}: ${res.body.slice(0, 300)}`);
        pages.set(name, res.body);
      };

      // Before anyone can sign in: the first run.
      await get('/admin/setup', '/admin/setup');
      await get('/admin/sign-in', '/admin/sign-in');
      await createUser(deps, { email: 'olu@newsroom.test', name: 'Olu Admin', role: 'admin', password: PASSWORD });
      await get('/admin/sign-in', '/admin/sign-in?done=password');
      keep(
        'POST a wrong password',
        await app.inject({
          method: 'POST',
          url: '/admin/sign-in',
          headers: formHeaders,
          payload: form({ email: 'nobody@newsroom.test', password: 'not it at all' }),
        }),
        401,
      );
      await get('/admin/forgot', '/admin/forgot');
      keep(
        'POST forgot',
        await app.inject({
          method: 'POST',
          url: '/admin/forgot',
          headers: formHeaders,
          payload: form({ email: 'olu@newsroom.test' }),
        }),
        200,
      );
      // The pseudo-locale's accents make the mail's body base64.
      const sent = await mail.waitFor('olu@newsroom.test');
      const body = Buffer.from(
        sent.raw
          .split(/\r?\n\r?\n/)
          .slice(1)
          .join(''),
        'base64',
      ).toString('utf8');
      const link = new URL(linkIn({ ...sent, raw: body })).pathname;
      await get('/admin/password/:secret', link);
      keep(
        'POST a short password',
        await app.inject({ method: 'POST', url: link, headers: formHeaders, payload: form({ password: 'short' }) }),
        422,
      );
      await get('/admin/password/:secret', '/admin/password/no-such-link');

      const admin = await makeDeskUser(app, deps, 'admin');
      const cookie = { cookie: admin.cookie };
      const quill = await createUser(deps, { email: 'quill@newsroom.test', name: 'Marta Quill', role: 'editor' });
      await createApiToken(deps, { email: admin.email, label: 'Wire feed', expiresIn: '30d' });
      await createApiToken(deps, { email: quill.email, label: 'Wire feed' });
      await makeSection(deps, 'Harbour');
      await deskPost(app, admin, '/admin/tags', { name: 'Ferries' });
      await get('/admin/account', '/admin/account', cookie);
      for (const done of [
        'password',
        'everywhere',
        'everywhere-tokens',
        'token',
        'profile',
        'notifications',
        'language',
      ])
        await get('/admin/account', `/admin/account?done=${done}`, cookie);
      keep(
        'POST an unknown desk language',
        await deskPost(app, admin, '/admin/account/language', { language: 'xx' }),
        422,
      );
      keep(
        'POST a wrong current password',
        await deskPost(app, admin, '/admin/account/password', { current: 'nope nope nope', next: 'a new password!' }),
        422,
      );
      await get('/admin/people', '/admin/people', cookie);
      for (const done of ['invited', 'role', 'removed'])
        await get('/admin/people', `/admin/people?done=${done}`, cookie);
      keep(
        'POST an invitation to a bad address',
        await deskPost(app, admin, '/admin/people/invite', { name: 'Ana', email: 'not an address', role: 'author' }),
        422,
      );
      await get('/admin/people/:id', `/admin/people/${quill.id}`, cookie);
      await get('/admin/people/:id', `/admin/people/${quill.id}?done=reset`, cookie);
      await get('/admin/settings', '/admin/settings', cookie);
      await get('/admin/settings', '/admin/settings?done=1', cookie);
      await get('/admin/settings/discussion', '/admin/settings/discussion', cookie);
      await get('/admin/settings/discussion', '/admin/settings/discussion?done=1', cookie);
      await get('/admin/sections', '/admin/sections', cookie);
      for (const done of ['created', 'renamed', 'merged', 'deleted', 'discussion'])
        await get('/admin/sections', `/admin/sections?done=${done}`, cookie);
      await get('/admin/audit', '/admin/audit', cookie);
    });
    after(async () => {
      await t.close();
      await mail.close();
    });

    it('walks every staff page of this half', () => {
      assert.deepEqual(
        STAFF_PAGES.filter((route) => !covered.has(route)),
        [],
      );
      const routes = new Set(t.app.routeList.filter((r) => r.method === 'GET').map((r) => r.url));
      assert.deepEqual(
        STAFF_PAGES.filter((route) => !routes.has(route)),
        [],
        'each still exists',
      );
    });

    it('shows no word in their content that did not come from a catalogue', () => {
      const problems: string[] = [];
      for (const [page, html] of pages) for (const p of untranslated(html)) problems.push(`${page}: ${p}`);
      assert.deepEqual(problems, []);
    });

    it('renders the pages in the pseudo-locale', () => {
      const pseudo = t.deps.translations.for('en-XA', 'UTC');
      const account = pages.get('GET /admin/account')!;
      assert.ok(account.includes(`<h1>${pseudo.t('desk.account.title')}</h1>`));
      assert.match(pseudo.t('desk.account.title'), /^\[Ýööûûŕ/);
    });
  });
}
