// Signing in to the desk through its real form, for HTTP tests.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../src/deps.ts';
import { createUser } from '../../src/modules/people/index.ts';
import type { StaffRole } from '../../src/platform/db/tables.ts';
import { form, formHeaders } from './http.ts';

export const PASSWORD = 'correct horse battery staple';

export interface DeskUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  cookie: string;
  /** The form token of this session. */
  token: string;
}

let n = 0;

export async function makeDeskUser(
  app: FastifyInstance,
  deps: Deps,
  role: StaffRole,
  name?: string,
): Promise<DeskUser> {
  n++;
  const email = `desk-${role}-${n}-${Math.random().toString(36).slice(2, 6)}@newsroom.test`;
  const user = await createUser(deps, { email, name: name ?? `Desk ${role} ${n}`, role, password: PASSWORD });
  return { ...user, ...(await signInAs(app, email)) };
}

export async function signInAs(
  app: FastifyInstance,
  email: string,
  password = PASSWORD,
): Promise<{ cookie: string; token: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    headers: formHeaders,
    payload: form({ email, password, next: '/admin/articles' }),
  });
  assert.equal(res.statusCode, 303, `sign-in for ${email}: ${res.statusCode}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  const page = await app.inject({ url: '/admin/account', headers: { cookie } });
  const token = /name="_token" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(token, 'the account page carries a form token');
  return { cookie, token };
}

/** A desk form POST as the signed-in person's browser sends it. */
export const deskPost = (
  app: FastifyInstance,
  user: { cookie: string; token: string },
  url: string,
  fields: Record<string, string | string[]>,
) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries({ _token: user.token, ...fields }))
    for (const one of [v].flat()) body.append(k, one);
  return app.inject({
    method: 'POST',
    url,
    headers: { ...formHeaders, cookie: user.cookie },
    payload: body.toString(),
  });
};
