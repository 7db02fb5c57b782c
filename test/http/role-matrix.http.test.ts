// Every staff route and staff API endpoint, walked with every role and with nobody signed in.
// A route added without an entry here fails the suite, so no route ships without a rights check.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { installStaffAuth, staffGuard } from '../../src/http/staff-auth.ts';
import type { Deps } from '../../src/deps.ts';
import { createPreviewLink, listRevisions } from '../../src/modules/articles/index.ts';
import { moderateComment, postComment } from '../../src/modules/comments/index.ts';
import { banCommenter } from '../../src/modules/moderation/index.ts';
import { recordArticleUpdate } from '../../src/modules/updates/index.ts';
import { createApiToken } from '../../src/modules/people/index.ts';
import type { StaffRole } from '../../src/platform/db/tables.ts';
import { dialects } from '../support/databases.ts';
import { deskPost, makeDeskUser, PASSWORD, type DeskUser } from '../support/desk.ts';
import { createTestApp, formHeaders, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

type Who = StaffRole | 'nobody';
const EVERYONE: Who[] = ['admin', 'editor', 'author', 'contributor', 'moderator', 'nobody'];

interface Actor extends Partial<Omit<DeskUser, 'role'>> {
  role: Who;
  apiToken?: string;
}

interface Case {
  method: string;
  url: string;
  /** Runs the request as this actor against fresh fixtures and says whether it was allowed. */
  run(t: TestApp, actor: Actor): Promise<{ status: number }>;
  allowed: Who[];
  /** Status meaning "allowed" (default: 2xx or 3xx to a desk page that is not the sign-in). */
  isAllowed?: (res: { status: number; location?: string }) => boolean;
  /**
   * Staff API routes: the same request with input it must refuse (see badInputs). A caller without the right gets
   * 401/403 for each, never a 400 that describes the schema: rights come before validation.
   */
  invalid?: (t: TestApp, actor: Actor) => Promise<{ status: number; body: string }[]>;
}

const desk = (t: TestApp, a: Actor, method: string, url: string, fields: Record<string, string> = {}) =>
  method === 'GET'
    ? t.app.inject({ url, headers: a.cookie ? { cookie: a.cookie } : {} })
    : a.cookie
      ? deskPost(t.app, a as DeskUser, url, fields)
      : t.app.inject({ method: 'POST', url, headers: formHeaders, payload: new URLSearchParams(fields).toString() });

const api = (t: TestApp, a: Actor, method: string, url: string, payload?: object) =>
  t.app.inject({
    method: method as 'POST',
    url,
    payload,
    headers: a.apiToken ? { authorization: `Bearer ${a.apiToken}` } : {},
  });

const toResult = (r: { statusCode: number; headers: Record<string, unknown> }) => ({
  status: r.statusCode,
  location: r.headers.location as string | undefined,
});

/**
 * Input a staff endpoint must refuse, sent to `url`: bad JSON, a wrong type with an unknown property, an empty
 * object, a body over the size limit, a type that is not JSON, and (for `:id` routes) an id longer than the schema
 * allows. `parseable` keeps to JSON bodies that parse, for a route readers also call without a bearer token.
 */
async function badInputs(
  t: TestApp,
  a: Actor,
  method: string,
  url: string,
  options: { longId?: string; parseable?: boolean } = {},
) {
  const auth = a.apiToken ? { authorization: `Bearer ${a.apiToken}` } : {};
  const json = { ...auth, 'content-type': 'application/json' };
  const requests = [
    { url, headers: json, payload: '{}' },
    { url, headers: json, payload: JSON.stringify({ headline: 5, status: 'bogus', body: ['x'], nope: true }) },
    ...(options.parseable
      ? []
      : [
          { url, headers: json, payload: '{"headline": "unterminated' },
          { url, headers: json, payload: JSON.stringify({ body: 'x'.repeat(1_100_000) }) },
          { url, headers: { ...auth, 'content-type': 'text/xml' }, payload: '<article/>' },
          ...(options.longId ? [{ url: options.longId, headers: json, payload: '{}' }] : []),
        ]),
  ];
  const out: { status: number; body: string }[] = [];
  for (const r of requests) {
    const res = await t.app.inject({ method: method as 'POST', ...r });
    out.push({ status: res.statusCode, body: res.body });
  }
  return out;
}
const longId = (url: string) => url.replace(/[^/]+$/, 'x'.repeat(80));

const story = { headline: 'Matrix Story', body: 'Text', action: 'save' };

function cases(deps: Deps): Case[] {
  /** An article by someone else, fresh for each request. */
  const othersArticle = () => makeArticle(deps);
  const trashedArticle = async () => {
    const { id } = await othersArticle();
    await deps.db.updateTable('articles').set({ status: 'trash' }).where('id', '=', id).execute();
    return id;
  };
  /** A photo of the library that nobody at the table uploaded (an imported one), fresh for each request. */
  const othersPhoto = async () => {
    const id = randomUUID();
    await deps.db
      .insertInto('media')
      .values({
        id,
        url: `/media/matrix/${id}.jpg`,
        original_name: 'quay.jpg',
        format: 'jpeg',
        width: 800,
        height: 600,
        bytes: 1000,
        srcset: `/media/matrix/${id}.jpg 800w`,
        caption: 'The quay',
        credit: '',
        alt: 'A quay',
        uploaded_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    return id;
  };
  return [
    {
      method: 'GET',
      url: '/admin',
      allowed: EVERYONE.filter((r) => r !== 'nobody'),
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin')),
    },
    {
      method: 'GET',
      url: '/admin/sign-in',
      allowed: EVERYONE,
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/sign-in')),
    },
    {
      method: 'POST',
      url: '/admin/sign-in',
      allowed: EVERYONE,
      isAllowed: (r) => r.status === 401,
      run: async (t) =>
        toResult(
          await t.app.inject({
            method: 'POST',
            url: '/admin/sign-in',
            headers: formHeaders,
            payload: `email=${Math.random().toString(36).slice(2)}%40y.test&password=nope`,
          }),
        ),
    },
    {
      method: 'POST',
      url: '/admin/sign-out',
      allowed: EVERYONE.filter((r) => r !== 'nobody'),
      isAllowed: (r) => r.status === 303,
      run: async (t, a) => toResult(await desk(t, a, 'POST', '/admin/sign-out')),
    },
    {
      method: 'GET',
      url: '/admin/account',
      allowed: EVERYONE.filter((r) => r !== 'nobody'),
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/account')),
    },
    {
      method: 'POST',
      url: '/admin/account/password',
      allowed: EVERYONE.filter((r) => r !== 'nobody'),
      isAllowed: (r) => r.status === 303 && r.location === '/admin/account?done=password',
      run: async (t, a) =>
        toResult(await desk(t, a, 'POST', '/admin/account/password', { current: PASSWORD, next: PASSWORD })),
    },
    {
      method: 'POST',
      url: '/admin/account/sign-out-everywhere',
      allowed: EVERYONE.filter((r) => r !== 'nobody'),
      run: async (t, a) => toResult(await desk(t, a, 'POST', '/admin/account/sign-out-everywhere')),
    },
    {
      method: 'POST',
      url: '/admin/account/language',
      allowed: EVERYONE.filter((r) => r !== 'nobody'),
      isAllowed: (r) => r.status === 303 && r.location === '/admin/account?done=language',
      run: async (t, a) => toResult(await desk(t, a, 'POST', '/admin/account/language', { language: '' })),
    },
    {
      method: 'POST',
      url: '/admin/account/notifications',
      allowed: ['admin', 'editor', 'moderator'],
      isAllowed: (r) => r.status === 303 && r.location === '/admin/account?done=notifications',
      run: async (t, a) =>
        toResult(await desk(t, a, 'POST', '/admin/account/notifications', { moderationDigest: '1' })),
    },
    {
      method: 'GET',
      url: '/admin/audit',
      allowed: ['admin'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/audit')),
    },
    {
      method: 'POST',
      url: '/admin/preview',
      allowed: ['admin', 'editor', 'author', 'contributor'],
      run: async (t, a) => toResult(await desk(t, a, 'POST', '/admin/preview', { body: 'Some *text*' })),
    },
    {
      method: 'GET',
      url: '/admin/media',
      allowed: ['admin', 'editor', 'author', 'contributor'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/media')),
    },
    {
      method: 'POST',
      url: '/admin/media',
      allowed: ['admin', 'editor', 'author', 'contributor'],
      isAllowed: (r) => r.status === 422,
      run: async (t, a) => toResult(await desk(t, a, 'POST', '/admin/media', { alt: 'no file sent' })),
    },
    {
      method: 'GET',
      url: '/admin/media/:id',
      allowed: ['admin', 'editor', 'author', 'contributor'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', `/admin/media/${await othersPhoto()}`)),
    },
    {
      method: 'POST',
      url: '/admin/media/:id',
      allowed: ['admin', 'editor'],
      run: async (t, a) =>
        toResult(
          await desk(t, a, 'POST', `/admin/media/${await othersPhoto()}`, {
            alt: 'A quay',
            caption: 'Changed',
            credit: '',
          }),
        ),
    },
    {
      method: 'POST',
      url: '/admin/media/:id/delete',
      allowed: ['admin', 'editor'],
      run: async (t, a) => toResult(await desk(t, a, 'POST', `/admin/media/${await othersPhoto()}/delete`)),
    },
    {
      method: 'POST',
      url: '/admin/autosave',
      allowed: ['admin', 'editor', 'author', 'contributor'],
      run: async (t, a) =>
        toResult(await desk(t, a, 'POST', '/admin/autosave', { article: 'new', headline: 'Kept', body: 'Unsaved' })),
    },
    {
      method: 'POST',
      url: '/admin/autosave/discard',
      allowed: ['admin', 'editor', 'author', 'contributor'],
      run: async (t, a) => toResult(await desk(t, a, 'POST', '/admin/autosave/discard', { article: 'new' })),
    },
    {
      method: 'POST',
      url: '/admin/account/profile',
      allowed: EVERYONE.filter((r) => r !== 'nobody'),
      run: async (t, a) =>
        toResult(
          await desk(t, a, 'POST', '/admin/account/profile', { name: a.name ?? 'Someone', bio: '', photoUrl: '' }),
        ),
    },
    {
      method: 'GET',
      url: '/admin/front-page',
      allowed: ['admin', 'editor'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/front-page')),
    },
    {
      method: 'POST',
      url: '/admin/front-page',
      allowed: ['admin', 'editor'],
      isAllowed: (r) => r.status === 422,
      run: async (t, a) =>
        toResult(await desk(t, a, 'POST', '/admin/front-page', { arrangement: '', move: 'sideways' })),
    },
    {
      method: 'GET',
      url: '/admin/sections',
      allowed: ['admin', 'editor'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/sections')),
    },
    {
      method: 'GET',
      url: '/admin/tags',
      allowed: EVERYONE.filter((r) => r !== 'nobody'),
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/tags')),
    },
    ...(['sections', 'tags'] as const).flatMap((plural): Case[] => {
      const fresh = async () => {
        const slug = `term-${Math.random().toString(36).slice(2, 10)}`;
        if (plural === 'sections')
          await deps.db
            .insertInto('sections')
            .values({ id: crypto.randomUUID(), slug, name: slug, description: '', position: 0 })
            .execute();
        else await deps.db.insertInto('tags').values({ id: crypto.randomUUID(), slug, name: slug }).execute();
        return (await deps.db.selectFrom(plural).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
      };
      const editors: Who[] = ['admin', 'editor'];
      return [
        {
          method: 'POST',
          url: `/admin/${plural}`,
          allowed: editors,
          run: async (t, a) =>
            toResult(
              await desk(t, a, 'POST', `/admin/${plural}`, { name: `New ${Math.random().toString(36).slice(2, 8)}` }),
            ),
        },
        {
          method: 'POST',
          url: `/admin/${plural}/:id/rename`,
          allowed: editors,
          run: async (t, a) =>
            toResult(
              await desk(t, a, 'POST', `/admin/${plural}/${await fresh()}/rename`, {
                name: 'Renamed',
                slug: `renamed-${Math.random().toString(36).slice(2, 8)}`,
              }),
            ),
        },
        {
          method: 'POST',
          url: `/admin/${plural}/:id/merge`,
          allowed: editors,
          run: async (t, a) =>
            toResult(await desk(t, a, 'POST', `/admin/${plural}/${await fresh()}/merge`, { into: await fresh() })),
        },
        {
          method: 'POST',
          url: `/admin/${plural}/:id/delete`,
          allowed: editors,
          run: async (t, a) => toResult(await desk(t, a, 'POST', `/admin/${plural}/${await fresh()}/delete`)),
        },
        ...(plural === 'sections'
          ? [
              {
                method: 'POST',
                url: '/admin/sections/:id/discussion',
                allowed: editors,
                run: async (t: TestApp, a: Actor) =>
                  toResult(await desk(t, a, 'POST', `/admin/sections/${await fresh()}/discussion`, { days: '30' })),
              },
            ]
          : []),
      ];
    }),
    {
      method: 'GET',
      url: '/admin/settings',
      allowed: ['admin'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/settings')),
    },
    // A form without a file: an admin is told what to send (422); everyone else is refused before that.
    {
      method: 'GET',
      url: '/admin/settings/discussion',
      allowed: ['admin'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/settings/discussion')),
    },
    // The values the test app runs with (first comments not held), so other cases meet the same rules.
    {
      method: 'POST',
      url: '/admin/settings/discussion',
      allowed: ['admin'],
      run: async (t, a) =>
        toResult(await desk(t, a, 'POST', '/admin/settings/discussion', { moderationLinkLimit: '2' })),
    },
    {
      method: 'POST',
      url: '/admin/settings/images',
      allowed: ['admin'],
      isAllowed: (r) => r.status === 422,
      run: async (t, a) => toResult(await desk(t, a, 'POST', '/admin/settings/images', { kind: 'logo' })),
    },
    {
      method: 'POST',
      url: '/admin/settings/images/remove',
      allowed: ['admin'],
      run: async (t, a) => toResult(await desk(t, a, 'POST', '/admin/settings/images/remove', { kind: 'cardImage' })),
    },
    {
      method: 'GET',
      url: '/admin/articles/:id/updates',
      allowed: ['admin', 'editor'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', `/admin/articles/${(await othersArticle()).id}/updates`)),
    },
    {
      method: 'POST',
      url: '/admin/articles/:id/updates',
      allowed: ['admin', 'editor'],
      run: async (t, a) =>
        toResult(
          await desk(t, a, 'POST', `/admin/articles/${(await othersArticle()).id}/updates`, {
            kind: 'update',
            note: 'Adds the council vote.',
          }),
        ),
    },
    {
      method: 'POST',
      url: '/admin/articles/:id/updates/:updateId/delete',
      allowed: ['admin', 'editor'],
      run: async (t, a) => {
        const target = await othersArticle();
        const update = await recordArticleUpdate(deps, {
          staff: await makeStaff(deps, 'editor'),
          articleId: target.id,
          kind: 'correction',
          note: 'Fixes a name.',
        });
        return toResult(await desk(t, a, 'POST', `/admin/articles/${target.id}/updates/${update.id}/delete`));
      },
    },
    {
      method: 'POST',
      url: '/api/articles/:id/updates',
      allowed: ['admin', 'editor'],
      run: async (t, a) =>
        toResult(
          await api(t, a, 'POST', `/api/articles/${(await othersArticle()).id}/updates`, {
            kind: 'correction',
            note: 'Fixes a date.',
          }),
        ),
      invalid: async (t, a) => badInputs(t, a, 'POST', `/api/articles/${(await othersArticle()).id}/updates`),
    },
    {
      method: 'DELETE',
      url: '/api/articles/:id/updates/:updateId',
      allowed: ['admin', 'editor'],
      run: async (t, a) => {
        const target = await othersArticle();
        const update = await recordArticleUpdate(deps, {
          staff: await makeStaff(deps, 'editor'),
          articleId: target.id,
          kind: 'update',
          note: 'Adds a quote.',
        });
        return toResult(await api(t, a, 'DELETE', `/api/articles/${target.id}/updates/${update.id}`));
      },
      invalid: async (t, a) => {
        const target = await othersArticle();
        const update = await recordArticleUpdate(deps, {
          staff: await makeStaff(deps, 'editor'),
          articleId: target.id,
          kind: 'update',
          note: 'Adds a quote.',
        });
        const url = `/api/articles/${target.id}/updates/${update.id}`;
        return badInputs(t, a, 'DELETE', url, { longId: longId(url) });
      },
    },
    {
      method: 'POST',
      url: '/admin/settings',
      allowed: ['admin'],
      run: async (t, a) =>
        toResult(
          await desk(t, a, 'POST', '/admin/settings', {
            name: 'Matrix Site',
            description: '',
            language: 'en',
            timeZone: 'UTC',
            commentsCloseAfterDays: '14',
            threadDepth: '5',
          }),
        ),
    },
    {
      method: 'GET',
      url: '/admin/import',
      allowed: ['admin'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/import')),
    },
    // A form without a file: an admin is told to choose one (422); everyone else is refused before that.
    {
      method: 'POST',
      url: '/admin/import',
      allowed: ['admin'],
      isAllowed: (r) => r.status === 422,
      run: async (t, a) => toResult(await desk(t, a, 'POST', '/admin/import', { dryRun: '1' })),
    },
    {
      method: 'GET',
      url: '/admin/people',
      allowed: ['admin'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/people')),
    },
    {
      method: 'POST',
      url: '/admin/people/invite',
      allowed: ['admin'],
      run: async (t, a) =>
        toResult(
          await desk(t, a, 'POST', '/admin/people/invite', {
            name: 'Invitee',
            email: `invitee-${Math.random().toString(36).slice(2)}@newsroom.test`,
            role: 'author',
          }),
        ),
    },
    {
      method: 'POST',
      url: '/admin/people/:id/role',
      allowed: ['admin'],
      run: async (t, a) => {
        const target = await makeDeskUser(t.app, deps, 'author');
        return toResult(await desk(t, a, 'POST', `/admin/people/${target.id}/role`, { role: 'contributor' }));
      },
    },
    {
      method: 'GET',
      url: '/admin/people/:id',
      allowed: ['admin'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', `/admin/people/${(await makeStaff(deps, 'author')).id}`)),
    },
    {
      method: 'POST',
      url: '/admin/people/:id/tokens/:tokenId/revoke',
      allowed: ['admin'],
      run: async (t, a) => {
        const target = await makeStaff(deps, 'author');
        const token = await deps.db
          .selectFrom('api_tokens')
          .select('id')
          .where('user_id', '=', target.id)
          .executeTakeFirstOrThrow();
        return toResult(await desk(t, a, 'POST', `/admin/people/${target.id}/tokens/${token.id}/revoke`));
      },
    },
    {
      method: 'POST',
      url: '/admin/people/:id/reset-password',
      allowed: ['admin'],
      run: async (t, a) =>
        toResult(await desk(t, a, 'POST', `/admin/people/${(await makeStaff(deps, 'author')).id}/reset-password`)),
    },
    {
      method: 'POST',
      url: '/admin/people/:id/remove',
      allowed: ['admin'],
      run: async (t, a) =>
        toResult(await desk(t, a, 'POST', `/admin/people/${(await makeStaff(deps, 'author')).id}/remove`)),
    },
    // Everyone signed in may revoke a token of their own.
    {
      method: 'POST',
      url: '/admin/account/tokens/:id/revoke',
      allowed: EVERYONE.filter((r) => r !== 'nobody'),
      isAllowed: (r) => r.status === 303 && r.location === '/admin/account?done=token',
      run: async (t, a) => {
        const owner = a.email ?? (await makeStaff(deps, 'author')).email;
        await createApiToken(deps, { email: owner, label: 'matrix' });
        const token = await deps.db
          .selectFrom('api_tokens')
          .innerJoin('users', 'users.id', 'api_tokens.user_id')
          .select('api_tokens.id')
          .where('users.email', '=', owner)
          .where('api_tokens.label', '=', 'matrix')
          .executeTakeFirstOrThrow();
        return toResult(await desk(t, a, 'POST', `/admin/account/tokens/${token.id}/revoke`));
      },
    },
    // First run: once an admin can sign in (the matrix always has one), the page is gone for everyone alike.
    {
      method: 'GET',
      url: '/admin/setup',
      allowed: EVERYONE,
      isAllowed: (r) => r.status === 303 && r.location === '/admin/sign-in',
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/setup')),
    },
    {
      method: 'POST',
      url: '/admin/setup',
      allowed: EVERYONE,
      isAllowed: (r) => r.status === 404,
      run: async (t) =>
        toResult(
          await t.app.inject({
            method: 'POST',
            url: '/admin/setup',
            headers: { ...formHeaders, cookie: 'dl_setup_form=matrix' },
            payload:
              'code=AAAA-BBBB-CCCC-DDDD&name=Someone&email=someone%40newsroom.test&password=a+long+password&_token=matrix',
          }),
        ),
    },
    {
      method: 'GET',
      url: '/admin/forgot',
      allowed: EVERYONE,
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/forgot')),
    },
    {
      method: 'POST',
      url: '/admin/forgot',
      allowed: EVERYONE,
      run: async (t) =>
        toResult(
          await t.app.inject({
            method: 'POST',
            url: '/admin/forgot',
            headers: formHeaders,
            payload: 'email=someone%40newsroom.test',
          }),
        ),
    },
    {
      method: 'GET',
      url: '/admin/password/:secret',
      allowed: EVERYONE,
      isAllowed: (r) => r.status === 410,
      run: async (t) => toResult(await t.app.inject({ url: '/admin/password/not-a-real-link' })),
    },
    {
      method: 'POST',
      url: '/admin/password/:secret',
      allowed: EVERYONE,
      isAllowed: (r) => r.status === 410,
      run: async (t) =>
        toResult(
          await t.app.inject({
            method: 'POST',
            url: '/admin/password/not-a-real-link',
            headers: formHeaders,
            payload: 'password=whatever+long+enough',
          }),
        ),
    },
    {
      method: 'GET',
      url: '/admin/articles',
      allowed: ['admin', 'editor', 'author', 'contributor'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/articles')),
    },
    {
      method: 'GET',
      url: '/admin/articles/new',
      allowed: ['admin', 'editor', 'author', 'contributor'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/articles/new')),
    },
    {
      method: 'POST',
      url: '/admin/articles',
      allowed: ['admin', 'editor', 'author', 'contributor'],
      run: async (t, a) => toResult(await desk(t, a, 'POST', '/admin/articles', { ...story, authors: a.id ?? '' })),
    },
    {
      method: 'GET',
      url: '/admin/articles/:id/edit',
      allowed: ['admin', 'editor'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', `/admin/articles/${(await othersArticle()).id}/edit`)),
    },
    {
      method: 'POST',
      url: '/admin/articles/:id',
      allowed: ['admin', 'editor'],
      run: async (t, a) => {
        const target = await othersArticle();
        return toResult(
          await desk(t, a, 'POST', `/admin/articles/${target.id}`, { ...story, authors: target.authors[0].id }),
        );
      },
    },
    // Deleting for good starts from the trash; the confirmation page comes first.
    {
      method: 'GET',
      url: '/admin/articles/:id/delete',
      allowed: ['admin', 'editor'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', `/admin/articles/${await trashedArticle()}/delete`)),
    },
    {
      method: 'POST',
      url: '/admin/articles/:id/delete',
      allowed: ['admin', 'editor'],
      run: async (t, a) =>
        toResult(await desk(t, a, 'POST', `/admin/articles/${await trashedArticle()}/delete`, { confirm: 'delete' })),
    },
    // Preview links are for articles not public yet: someone else's draft.
    {
      method: 'POST',
      url: '/admin/articles/:id/preview',
      allowed: ['admin', 'editor'],
      run: async (t, a) =>
        toResult(
          await desk(t, a, 'POST', `/admin/articles/${(await makeArticle(deps, { status: 'draft' })).id}/preview`),
        ),
    },
    {
      method: 'POST',
      url: '/admin/articles/:id/preview/:linkId/revoke',
      allowed: ['admin', 'editor'],
      run: async (t, a) => {
        const draft = await makeArticle(deps, { status: 'draft' });
        await createPreviewLink(deps, { staff: await makeStaff(deps, 'editor'), id: draft.id });
        const link = await deps.db
          .selectFrom('preview_links')
          .select('id')
          .where('article_id', '=', draft.id)
          .executeTakeFirstOrThrow();
        return toResult(await desk(t, a, 'POST', `/admin/articles/${draft.id}/preview/${link.id}/revoke`));
      },
    },
    // Translations: linking, unlinking and starting one are edits of the article (a 422 for a language this
    // one-language site does not offer, or an address that names no article, is the right's holder's answer).
    {
      method: 'POST',
      url: '/admin/articles/:id/translations',
      allowed: ['admin', 'editor'],
      isAllowed: (r) => r.status === 422 || defaultAllowed(r),
      run: async (t, a) =>
        toResult(
          await desk(t, a, 'POST', `/admin/articles/${(await othersArticle()).id}/translations`, {
            translation: 'no-such-article',
          }),
        ),
    },
    {
      method: 'POST',
      url: '/admin/articles/:id/translations/:translationId/unlink',
      allowed: ['admin', 'editor'],
      run: async (t, a) => {
        const [one, other] = [await othersArticle(), await othersArticle()];
        const group = randomUUID();
        await deps.db
          .updateTable('articles')
          .set({ translation_group: group })
          .where('id', 'in', [one.id, other.id])
          .execute();
        await deps.db.updateTable('articles').set({ language: 'es' }).where('id', '=', other.id).execute();
        return toResult(await desk(t, a, 'POST', `/admin/articles/${one.id}/translations/${other.id}/unlink`));
      },
    },
    {
      method: 'POST',
      url: '/admin/articles/:id/translate',
      allowed: ['admin', 'editor'],
      isAllowed: (r) => r.status === 422 || defaultAllowed(r),
      run: async (t, a) =>
        toResult(
          await desk(t, a, 'POST', `/admin/articles/${(await othersArticle()).id}/translate`, { language: 'es' }),
        ),
    },
    {
      method: 'POST',
      url: '/admin/articles/:id/trash',
      allowed: ['admin', 'editor'],
      run: async (t, a) => toResult(await desk(t, a, 'POST', `/admin/articles/${(await othersArticle()).id}/trash`)),
    },
    {
      method: 'POST',
      url: '/admin/articles/:id/restore',
      allowed: ['admin', 'editor'],
      run: async (t, a) => {
        const target = await othersArticle();
        await deps.db.updateTable('articles').set({ status: 'trash' }).where('id', '=', target.id).execute();
        return toResult(await desk(t, a, 'POST', `/admin/articles/${target.id}/restore`));
      },
    },
    {
      method: 'GET',
      url: '/admin/articles/:id/revisions',
      allowed: ['admin', 'editor'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', `/admin/articles/${(await othersArticle()).id}/revisions`)),
    },
    {
      method: 'POST',
      url: '/admin/articles/:id/revisions/:revisionId/restore',
      allowed: ['admin', 'editor'],
      run: async (t, a) => {
        const target = await othersArticle();
        const [revision] = await listRevisions(deps.db, target.id);
        return toResult(await desk(t, a, 'POST', `/admin/articles/${target.id}/revisions/${revision.id}/restore`));
      },
    },
    {
      method: 'POST',
      url: '/api/articles',
      allowed: ['admin', 'editor', 'author', 'contributor'],
      run: async (t, a) => toResult(await api(t, a, 'POST', '/api/articles', { headline: 'Api Matrix', body: 'Text' })),
      invalid: (t, a) => badInputs(t, a, 'POST', '/api/articles'),
    },
    {
      method: 'PATCH',
      url: '/api/articles/:id',
      allowed: ['admin', 'editor'],
      run: async (t, a) =>
        toResult(await api(t, a, 'PATCH', `/api/articles/${(await othersArticle()).id}`, { headline: 'Changed' })),
      invalid: async (t, a) => badInputs(t, a, 'PATCH', `/api/articles/${(await othersArticle()).id}`),
    },
    {
      method: 'DELETE',
      url: '/api/articles/:id',
      allowed: ['admin', 'editor'],
      run: async (t, a) => toResult(await api(t, a, 'DELETE', `/api/articles/${(await othersArticle()).id}`)),
      invalid: async (t, a) => {
        const url = `/api/articles/${(await othersArticle()).id}`;
        return badInputs(t, a, 'DELETE', url, { longId: longId(url) });
      },
    },
    {
      method: 'PATCH',
      url: '/api/comments/:id',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => {
        const target = await othersArticle();
        const c = await postComment(deps, {
          slug: target.slug,
          name: 'R',
          email: 'r@example.org',
          body: 'Hi',
          ip: '127.0.0.1',
          userAgent: 't',
        });
        return toResult(await api(t, a, 'PATCH', `/api/comments/${c.id}`, { status: 'spam' }));
      },
      // Its poster also calls it, with no bearer token: for a caller with no credential at all a body that does not
      // parse is a 400 as on any public endpoint; every body that parses is refused with 401/403 before validation.
      invalid: async (t, a) => {
        const target = await othersArticle();
        const c = await postComment(deps, {
          slug: target.slug,
          name: 'R',
          email: 'r@example.org',
          body: 'Hi',
          ip: '127.0.0.1',
          userAgent: 't',
        });
        return badInputs(t, a, 'PATCH', `/api/comments/${c.id}`, { parseable: !a.apiToken });
      },
    },
    {
      method: 'GET',
      url: '/api/comments/:id',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => {
        const target = await othersArticle();
        const c = await postComment(deps, {
          slug: target.slug,
          name: 'R',
          email: 'r@example.org',
          body: 'Hi',
          ip: '127.0.0.1',
          userAgent: 't',
        });
        return toResult(await api(t, a, 'GET', `/api/comments/${c.id}`));
      },
      invalid: async (t, a) => {
        const target = await othersArticle();
        const c = await postComment(deps, {
          slug: target.slug,
          name: 'R',
          email: 'r@example.org',
          body: 'Hi',
          ip: '127.0.0.1',
          userAgent: 't',
        });
        return badInputs(t, a, 'GET', `/api/comments/${c.id}`, { longId: longId(`/api/comments/${c.id}`) });
      },
    },
    {
      method: 'GET',
      url: '/admin/moderation',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/moderation?queue=pending')),
    },
    {
      method: 'POST',
      url: '/admin/moderation/comments/:id',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => {
        const target = await othersArticle();
        const c = await postComment(deps, {
          slug: target.slug,
          name: 'R',
          email: 'r@example.org',
          body: 'Hi',
          ip: '127.0.0.1',
          userAgent: 't',
        });
        return toResult(
          await desk(t, a, 'POST', `/admin/moderation/comments/${c.id}`, { action: 'spam', queue: 'pending' }),
        );
      },
    },
    {
      method: 'POST',
      url: '/admin/moderation/comments/:id/text',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => {
        const target = await othersArticle();
        const c = await postComment(deps, {
          slug: target.slug,
          name: 'R',
          email: 'r@example.org',
          body: 'Hi',
          ip: '127.0.0.1',
          userAgent: 't',
        });
        return toResult(
          await desk(t, a, 'POST', `/admin/moderation/comments/${c.id}/text`, {
            body: 'Hi, corrected.',
            queue: 'recent',
          }),
        );
      },
    },
    {
      method: 'POST',
      url: '/admin/moderation/bulk',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => {
        const target = await othersArticle();
        const c = await postComment(deps, {
          slug: target.slug,
          name: 'R',
          email: 'r@example.org',
          body: 'Hi',
          ip: '127.0.0.1',
          userAgent: 't',
        });
        return toResult(
          await desk(t, a, 'POST', '/admin/moderation/bulk', { ids: c.id, action: 'trash', queue: 'pending' }),
        );
      },
    },
    {
      method: 'POST',
      url: '/admin/moderation/ban',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) =>
        toResult(
          await desk(t, a, 'POST', '/admin/moderation/ban', {
            email: `troll-${Math.random().toString(36).slice(2)}@example.org`,
            ip: '',
            reason: 'Abuse',
          }),
        ),
    },
    {
      method: 'GET',
      url: '/admin/moderation/counts.json',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/moderation/counts.json?queue=pending')),
    },
    {
      method: 'POST',
      url: '/admin/moderation/comments/:id/feature',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => {
        const target = await othersArticle();
        const c = await postComment(deps, {
          slug: target.slug,
          name: 'R',
          email: 'r@example.org',
          body: 'Hi',
          ip: '127.0.0.1',
          userAgent: 't',
        });
        return toResult(
          await desk(t, a, 'POST', `/admin/moderation/comments/${c.id}/feature`, { featured: '1', queue: 'recent' }),
        );
      },
    },
    {
      method: 'POST',
      url: '/admin/moderation/comments/:id/reply',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => {
        const target = await othersArticle();
        const c = await postComment(deps, {
          slug: target.slug,
          name: 'R',
          email: 'r@example.org',
          body: 'Hi',
          ip: '127.0.0.1',
          userAgent: 't',
        });
        return toResult(
          await desk(t, a, 'POST', `/admin/moderation/comments/${c.id}/reply`, {
            body: 'Thanks for reading.',
            queue: 'recent',
          }),
        );
      },
    },
    {
      method: 'POST',
      url: '/admin/moderation/comments/:id/answer',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => {
        const target = await othersArticle();
        const c = await postComment(deps, {
          slug: target.slug,
          name: 'R',
          email: 'r@example.org',
          body: 'Hi',
          ip: '127.0.0.1',
          userAgent: 't',
        });
        await moderateComment(deps, { staff: await makeStaff(deps, 'admin'), id: c.id, status: 'pending' });
        return toResult(
          await desk(t, a, 'POST', `/admin/moderation/comments/${c.id}/answer`, {
            body: 'Thanks for asking.',
            queue: 'pending',
          }),
        );
      },
    },
    {
      method: 'GET',
      url: '/admin/moderation/bans',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => toResult(await desk(t, a, 'GET', '/admin/moderation/bans')),
    },
    {
      method: 'POST',
      url: '/admin/moderation/bans',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) =>
        toResult(
          await desk(t, a, 'POST', '/admin/moderation/bans', {
            email: `troll-${Math.random().toString(36).slice(2)}@example.org`,
            ip: '',
            reason: 'Abuse',
          }),
        ),
    },
    {
      method: 'POST',
      url: '/admin/moderation/bans/:id/lift',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => {
        const ban = await banCommenter(deps, {
          staff: await makeStaff(deps, 'admin'),
          email: `gone-${Math.random().toString(36).slice(2)}@example.org`,
          reason: 'Setup',
        });
        return toResult(await desk(t, a, 'POST', `/admin/moderation/bans/${ban.id}/lift`));
      },
    },
    {
      method: 'GET',
      url: '/api/settings',
      allowed: ['admin'],
      run: async (t, a) => toResult(await api(t, a, 'GET', '/api/settings')),
      invalid: (t, a) => badInputs(t, a, 'GET', '/api/settings'),
    },
    // A change that changes nothing (the link limit as it is), so the matrix's other cases meet the same rules.
    {
      method: 'PATCH',
      url: '/api/settings',
      allowed: ['admin'],
      run: async (t, a) => toResult(await api(t, a, 'PATCH', '/api/settings', { moderationLinkLimit: 2 })),
      invalid: (t, a) => badInputs(t, a, 'PATCH', '/api/settings'),
    },
    {
      method: 'GET',
      url: '/api/commenter-bans',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => toResult(await api(t, a, 'GET', '/api/commenter-bans')),
      invalid: (t, a) => badInputs(t, a, 'GET', '/api/commenter-bans'),
    },
    {
      method: 'POST',
      url: '/api/commenter-bans',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) =>
        toResult(
          await api(t, a, 'POST', '/api/commenter-bans', {
            email: `troll-${Math.random().toString(36).slice(2)}@example.org`,
            reason: 'Abuse',
          }),
        ),
      invalid: (t, a) => badInputs(t, a, 'POST', '/api/commenter-bans'),
    },
    {
      method: 'DELETE',
      url: '/api/commenter-bans/:id',
      allowed: ['admin', 'editor', 'moderator'],
      run: async (t, a) => {
        const ban = await banCommenter(deps, {
          staff: await makeStaff(deps, 'admin'),
          email: `gone-${Math.random().toString(36).slice(2)}@example.org`,
          reason: 'Setup',
        });
        return toResult(await api(t, a, 'DELETE', `/api/commenter-bans/${ban.id}`));
      },
      invalid: async (t, a) => {
        const ban = await banCommenter(deps, {
          staff: await makeStaff(deps, 'admin'),
          email: `gone-${Math.random().toString(36).slice(2)}@example.org`,
          reason: 'Setup',
        });
        return badInputs(t, a, 'DELETE', `/api/commenter-bans/${ban.id}`, {
          longId: longId(`/api/commenter-bans/${ban.id}`),
        });
      },
    },
  ];
}

/**
 * Routes anyone may use: pages, assets, reading and commenting. A commenter's own edit and delete routes are
 * guarded by the commenter token instead of a role (test/http/comment-edits.http.test.ts proves they refuse others).
 */
const PUBLIC = new Set([
  'GET /',
  'GET /articles/:slug',
  'GET /preview/:token',
  'POST /articles/:slug/comments',
  'GET /sections/:slug',
  'GET /tags/:slug',
  'GET /authors/:slug',
  'GET /api/openapi.json',
  'GET /favicon.ico',
  'GET /robots.txt',
  'GET /healthz',
  'GET /assets/*',
  'GET /media/*',
  'GET /api/articles',
  'GET /api/articles/:slug',
  'GET /api/articles/:slug/comments',
  'POST /api/articles/:slug/comments',
  'GET /search',
  'GET /api/search',
  'GET /archive',
  'GET /archive/:year/:month',
  'GET /:year(^\\d{4}$)/:month(^\\d{2}$)',
  'GET /:year(^\\d{4}$)/:month(^\\d{2}$)/:day(^\\d{2}$)',
  'GET /comments/:id',
  'GET /comments/:id/report',
  'POST /comments/:id/report',
  'POST /api/comments/:id/reports',
  // The signed token in the address is the authority (tested in reply-notifications.http.test.ts).
  'GET /notifications/unsubscribe',
  'POST /notifications/unsubscribe',
  'GET /comments/:id/edit',
  'POST /comments/:id/edit',
  'GET /comments/:id/delete',
  'POST /comments/:id/delete',
  'DELETE /api/comments/:id',
  // Feeds, sitemaps and corrections: what readers and crawlers read.
  'GET /corrections',
  'GET /api/articles/:slug/updates',
  'GET /sitemap.xml',
  'GET /sitemaps/:file',
  ...['rss', 'atom'].flatMap((f) =>
    ['', '/sections/:slug', '/tags/:slug', '/authors/:slug', '/comments', '/articles/:slug/comments'].map(
      (b) => `GET ${b}/${f}.xml`,
    ),
  ),
  // Each other language's edition of the reader's lists, search, archive, corrections and feeds
  // (language-editions.http.test.ts).
  ...[
    '/',
    '/sections/:slug',
    '/tags/:slug',
    '/authors/:slug',
    '/search',
    '/archive',
    '/archive/:year/:month',
    '/corrections',
    ...['rss', 'atom'].flatMap((f) =>
      ['', '/sections/:slug', '/tags/:slug', '/authors/:slug', '/comments'].map((b) => `${b}/${f}.xml`),
    ),
  ].map((path) => `GET /:lang${path}`),
]);

const defaultAllowed = (r: { status: number; location?: string }) =>
  (r.status >= 200 && r.status < 300) || (r.status === 303 && !String(r.location).startsWith('/admin/sign-in'));

for (const dialect of dialects) {
  describe(`the role matrix on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('has an entry for every route that is not public', () => {
      const covered = new Set(cases(t.deps).map((c) => `${c.method} ${c.url}`));
      const missing = t.app.routeList
        .map((r) => `${r.method} ${r.url}`)
        .filter((r) => !PUBLIC.has(r) && !covered.has(r));
      assert.deepEqual(missing, [], 'routes without a rights check in this matrix');
    });

    it('sends input it must refuse to every staff API route, to check rights come before validation', () => {
      const without = cases(t.deps)
        .filter((c) => c.url.startsWith('/api/') && !c.invalid)
        .map((c) => `${c.method} ${c.url}`);
      assert.deepEqual(without, [], 'staff API routes without an invalid-input case in this matrix');
    });

    for (const role of EVERYONE) {
      it(`answers ${role === 'nobody' ? 'nobody signed in' : `the ${role}`} as the rules say`, async () => {
        let actor: Actor = { role };
        if (role !== 'nobody') {
          const user = await makeDeskUser(t.app, t.deps, role);
          actor = { ...user, role, apiToken: await createApiToken(t.deps, { email: user.email }) };
        }
        for (const c of cases(t.deps)) {
          // Sign-out cases end the session: run them on a fresh one.
          const who =
            actor.cookie && /sign-out|password/.test(c.url)
              ? { ...actor, ...(await makeDeskUser(t.app, t.deps, role as StaffRole)) }
              : actor;
          const res = await c.run(t, who);
          const allowed = (c.isAllowed ?? defaultAllowed)(res);
          assert.equal(allowed, c.allowed.includes(role), `${c.method} ${c.url} as ${role}: ${res.status}`);
          if (!allowed && role === 'nobody')
            assert.ok([401, 303].includes(res.status), `${c.method} ${c.url} anonymous: ${res.status}`);
          if (!allowed && role !== 'nobody') assert.equal(res.status, 403, `${c.method} ${c.url} as ${role}`);
          if (!c.allowed.includes(role) && c.invalid) {
            for (const bad of await c.invalid(t, who)) {
              const expected = role === 'nobody' ? [401, 403] : [403];
              assert.ok(
                expected.includes(bad.status),
                `${c.method} ${c.url} as ${role} with bad input: ${bad.status} ${bad.body.slice(0, 200)}`,
              );
              assert.match(JSON.parse(bad.body).error.code, /^(unauthorized|forbidden|comment_token_missing)$/);
            }
          }
        }
      });
    }
  });
}

describe('the staff guard', () => {
  it('refuses to start with a route whose schema takes a bearer token but that declares no staff guard', async () => {
    const app = Fastify();
    installStaffAuth(app);
    await assert.rejects(async () => {
      app.get('/api/unguarded', { schema: { security: [{ bearerAuth: [] }] } }, async () => 'open');
      await app.ready();
    }, /GET \/api\/unguarded takes a bearer token but has no staffGuard/);
  });

  it('lets a route with the guard start', async () => {
    const app = Fastify();
    installStaffAuth(app);
    app.get(
      '/api/guarded',
      { onRequest: staffGuard('comment.moderate'), schema: { security: [{ bearerAuth: [] }] } },
      async () => 'closed',
    );
    await app.ready();
    const res = await app.inject({ url: '/api/guarded' });
    assert.equal(res.statusCode, 401);
    await app.close();
  });
});
