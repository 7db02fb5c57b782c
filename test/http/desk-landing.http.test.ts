// After signing in, each role lands on a desk page it may see: its own work (a moderator on the moderation queue).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../src/modules/people/index.ts';
import { ROLES } from '../../src/modules/permissions/index.ts';
import type { StaffRole } from '../../src/platform/db/tables.ts';
import { dialects } from '../support/databases.ts';
import { PASSWORD } from '../support/desk.ts';
import { createTestApp, formHeaders, type TestApp } from '../support/http.ts';

const HOME: Record<StaffRole, string> = {
  admin: '/admin/articles',
  editor: '/admin/articles',
  author: '/admin/articles',
  contributor: '/admin/articles',
  moderator: '/admin/moderation',
};

for (const dialect of dialects) {
  describe(`where each role lands after signing in on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    for (const role of ROLES) {
      it(`sends the ${role} to ${HOME[role]}, which the desk lets them see`, async () => {
        const email = `landing-${role}@newsroom.test`;
        await createUser(t.deps, { email, name: `Landing ${role}`, role, password: PASSWORD });
        // The sign-in form exactly as the page serves it, hidden fields included.
        const page = await t.app.inject({ url: '/admin/sign-in' });
        const body = new URLSearchParams();
        for (const [, name, value] of page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
          body.append(name, value);
        body.append('email', email);
        body.append('password', PASSWORD);
        const signedIn = await t.app.inject({
          method: 'POST',
          url: '/admin/sign-in',
          headers: formHeaders,
          payload: body.toString(),
        });
        assert.equal(signedIn.statusCode, 303);
        assert.equal(signedIn.headers.location, HOME[role]);
        const cookie = String(signedIn.headers['set-cookie']).split(';')[0];
        const landed = await t.app.inject({ url: HOME[role], headers: { cookie } });
        assert.equal(landed.statusCode, 200, `${role} on ${HOME[role]}`);
        const again = await t.app.inject({ url: '/admin/sign-in', headers: { cookie } });
        assert.equal(again.headers.location, HOME[role], 'the sign-in page sends someone signed in to the same place');
        const home = await t.app.inject({ url: '/admin', headers: { cookie } });
        assert.equal(home.headers.location, HOME[role], 'and so does /admin');
      });
    }

    it('still honours a "next" inside the desk, and never one outside it', async () => {
      await createUser(t.deps, { email: 'next@newsroom.test', name: 'Next', role: 'moderator', password: PASSWORD });
      const post = (next: string) =>
        t.app.inject({
          method: 'POST',
          url: '/admin/sign-in',
          headers: formHeaders,
          payload: new URLSearchParams({ email: 'next@newsroom.test', password: PASSWORD, next }).toString(),
        });
      assert.equal((await post('/admin/moderation/bans')).headers.location, '/admin/moderation/bans');
      assert.equal((await post('//evil.example/admin')).headers.location, '/admin/moderation');
      assert.equal((await post('https://evil.example/')).headers.location, '/admin/moderation');
    });
  });
}
