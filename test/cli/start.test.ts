// `npm start` on an empty database serves the demo newsroom; later starts leave content alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDb, type TestDb } from '../support/databases.ts';
import { startServer } from '../support/processes.ts';

describe('starting the site', () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb('sqlite');
  });
  after(() => db.drop());

  it('creates the schema and a demo newsroom on first start, and never touches it again', async () => {
    const first = await startServer({ ...db.env, COMMENT_RATE_LIMIT: 'off' });
    const home = await (await fetch(`${first.url}/`)).text();
    assert.match(home, /The Alder Bay Ledger/);
    const slugs = [...home.matchAll(/href="\/articles\/([^"]+)"/g)].map((m) => m[1]);
    assert.ok(new Set(slugs).size >= 9, `demo articles on the front page: ${new Set(slugs).size}`);

    const closed = await (
      await fetch(`${first.url}/articles/lighthouse-keeper-s-cottage-to-reopen-as-a-small-museum`)
    ).text();
    assert.match(closed, /3 thoughts on/);
    assert.match(closed, /<ol class="children">/);
    assert.match(closed, /Comments are closed\./);
    const image = await fetch(`${first.url}/media/demo/lighthouse-keeper-s-cottage-to-reopen-as-a-small-museum.jpg`);
    assert.equal(image.headers.get('content-type'), 'image/jpeg');
    assert.ok((await image.arrayBuffer()).byteLength > 5000);

    const slug = slugs[0];
    // The product's moderation rules are on here: a demo reader whose comments were approved before is published
    // at once, while a newcomer's first comment waits for a moderator.
    const postAs = (name: string, email: string, body: string) =>
      fetch(`${first.url}/api/articles/${slug}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, email, body }),
      });
    const returning = await postAs('Ruth Abernathy', 'ruth@example.org', 'Still here after a restart?');
    assert.equal(returning.status, 201);
    assert.equal((await returning.json()).status, 'approved');
    const soon = await postAs('Ruth Abernathy', 'ruth@example.org', 'And again at once.');
    assert.equal(soon.status, 429, 'flood control is on by default');
    assert.ok(Number(soon.headers.get('retry-after')) > 0);
    assert.equal(await first.stop(), 0, 'stops cleanly on SIGTERM');

    const second = await startServer({ ...db.env });
    assert.doesNotMatch(second.output(), /demo newsroom created/);
    const again = await (await fetch(`${second.url}/`)).text();
    assert.equal(
      [...again.matchAll(/href="\/articles\/([^"]+)"/g)].length,
      [...home.matchAll(/href="\/articles\/([^"]+)"/g)].length,
    );
    assert.match(await (await fetch(`${second.url}/articles/${slug}`)).text(), /Still here after a restart\?/);
    await second.stop();
  });

  it('refuses a bad configuration with a clear message and a non-zero exit', async () => {
    await assert.rejects(startServer({ ...db.env, PORT: 'eighty' }), /exited with 1[\s\S]*PORT must be a whole number/);
  });
});
