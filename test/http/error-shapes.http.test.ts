// Every error answers in the documented shape, {"error": {"code", "message", "field"?}} for the API and JSON
// clients and the HTML error page for browsers: ours, and the ones Fastify and Node's HTTP parser raise themselves.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../support/http.ts';
import { makeArticle, makeStaff } from '../support/newsroom.ts';

/** The answer is our JSON error: exactly error.code (snake_case), error.message and maybe error.field. */
function assertJsonError(
  res: LightMyRequestResponse,
  status: number,
  code: string,
): { code: string; message: string; field?: string } {
  assert.equal(res.statusCode, status, res.body.slice(0, 300));
  assert.match(String(res.headers['content-type']), /^application\/json/);
  const body = res.json();
  assert.deepEqual(Object.keys(body), ['error']);
  assert.deepEqual(
    Object.keys(body.error).filter((k) => !['code', 'message', 'field'].includes(k)),
    [],
    JSON.stringify(body),
  );
  assert.equal(body.error.code, code, JSON.stringify(body));
  assert.match(body.error.code, /^[a-z][a-z0-9_]*$/);
  assert.ok(body.error.message.length > 10, body.error.message);
  assert.doesNotMatch(res.body, /FST_|statusCode/, "none of Fastify's own words");
  return body.error;
}

/** The answer is our HTML error page for people. */
function assertHtmlError(res: LightMyRequestResponse, status: number) {
  assert.equal(res.statusCode, status);
  assert.match(String(res.headers['content-type']), /^text\/html/);
  assert.match(res.body, /^<!DOCTYPE html>/);
  assert.doesNotMatch(res.body, /FST_|"statusCode"/);
}

const browser = { accept: 'text/html,application/xhtml+xml' };

describe('error answers', () => {
  let t: TestApp;
  let slug: string;
  let token: string;
  before(async () => {
    t = await createTestApp('sqlite');
    slug = (await makeArticle(t.deps)).slug;
    token = (await makeStaff(t.deps, 'editor')).token;
  });
  after(() => t.close());

  it('a malformed %-escape in the address: 400 invalid_address, or the error page for a browser', async () => {
    assertJsonError(await t.app.inject({ url: '/api/articles/%E0%A4%A' }), 400, 'invalid_address');
    assertJsonError(
      await t.app.inject({ url: '/articles/%zz', headers: { accept: 'application/json' } }),
      400,
      'invalid_address',
    );
    const page = await t.app.inject({ url: '/articles/%E0%A4%A', headers: browser });
    assertHtmlError(page, 400);
    assert.match(page.body, /broken %-escape/);
  });

  it('an over-long part of the address: 414 address_too_long, or the error page', async () => {
    assertJsonError(await t.app.inject({ url: `/api/articles/${'a'.repeat(150)}` }), 414, 'address_too_long');
    assertHtmlError(await t.app.inject({ url: `/articles/${'a'.repeat(150)}`, headers: browser }), 414);
  });

  it('bad JSON, an empty JSON body, a body too large and a type we do not read', async () => {
    const post = (payload: string, type = 'application/json') =>
      t.app.inject({
        method: 'POST',
        url: `/api/articles/${slug}/comments`,
        headers: { 'content-type': type },
        payload,
      });
    assertJsonError(await post('{"name": "Ana",'), 400, 'invalid_json');
    assertJsonError(await post('{"__proto__": {"admin": true}}'), 400, 'invalid_json');
    assertJsonError(await post(''), 400, 'empty_body');
    assertJsonError(
      await post(JSON.stringify({ name: 'A', email: 'a@example.org', body: 'x'.repeat(1_200_000) })),
      413,
      'too_large',
    );
    assertJsonError(await post('<comment/>', 'application/xml'), 415, 'unsupported_media_type');
    const form = await t.app.inject({
      method: 'POST',
      url: `/articles/${slug}/comments`,
      headers: { ...browser, 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    assertHtmlError(form, 415);
  });

  it('names an unknown property in the body, in a nested object and in the query', async () => {
    const comment = await t.app.inject({
      method: 'POST',
      url: `/api/articles/${slug}/comments`,
      payload: { name: 'Ana', email: 'a@example.org', body: 'Hi', foo: 1 },
    });
    const e = assertJsonError(comment, 400, 'invalid_request');
    assert.equal(e.message, 'body: unknown property `foo`; remove it.');
    assert.equal(e.field, 'foo');
    const nested = await t.app.inject({
      method: 'POST',
      url: '/api/articles',
      headers: { authorization: `Bearer ${token}` },
      payload: { headline: 'H', body: 'B', featuredImage: { url: '/media/x.jpg', alt: 'A quay', sizeInPixels: 3 } },
    });
    const n = assertJsonError(nested, 400, 'invalid_request');
    assert.equal(n.message, 'body.featuredImage: unknown property `sizeInPixels`; remove it.');
    assert.equal(n.field, 'featuredImage.sizeInPixels');
    // PATCH's partial body refuses them too (it let them pass silently).
    const article = await makeArticle(t.deps);
    const partial = await t.app.inject({
      method: 'PATCH',
      url: `/api/articles/${article.id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { headline: 'New', colour: 'red' },
    });
    assert.equal(
      assertJsonError(partial, 400, 'invalid_request').message,
      'body: unknown property `colour`; remove it.',
    );
    const query = assertJsonError(
      await t.app.inject({ url: '/api/articles?page=1&sort=oldest' }),
      400,
      'invalid_request',
    );
    assert.equal(query.message, 'querystring: unknown property `sort`; remove it.');
    // A poster's edit and a staff decision share one endpoint: whichever shape was meant, the stray property is named.
    const c = (
      await t.app.inject({
        method: 'POST',
        url: `/api/articles/${slug}/comments`,
        payload: { name: 'A', email: 'a@example.org', body: 'Hi' },
      })
    ).json();
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/comments/${c.id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { body: 'Edited', pinned: true },
    });
    assert.equal(assertJsonError(patch, 400, 'invalid_request').message, 'body: unknown property `pinned`; remove it.');
  });

  it('other validation errors name their field', async () => {
    const missing = assertJsonError(
      await t.app.inject({
        method: 'POST',
        url: `/api/articles/${slug}/comments`,
        payload: { name: 'Ana', body: 'x' },
      }),
      400,
      'invalid_request',
    );
    assert.equal(missing.field, 'email');
    assert.equal(
      assertJsonError(await t.app.inject({ url: '/api/articles?page=abc' }), 400, 'invalid_request').field,
      'page',
    );
  });

  it('every API request body in the OpenAPI document refuses properties it does not list', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>
      >;
      components: { schemas: Record<string, Record<string, unknown>> };
    };
    const resolve = (s: Record<string, unknown>): Record<string, unknown> =>
      typeof s.$ref === 'string' ? doc.components.schemas[s.$ref.split('/').pop()!] : s;
    /** Every object in a schema (through anyOf/oneOf branches and nested properties) must say additionalProperties: false. */
    const open = (where: string, raw: Record<string, unknown>): string[] => {
      const s = resolve(raw);
      const branches = [
        ...((s.anyOf as Record<string, unknown>[]) ?? []),
        ...((s.oneOf as Record<string, unknown>[]) ?? []),
      ];
      const props = Object.entries((s.properties ?? {}) as Record<string, Record<string, unknown>>);
      const here = s.type === 'object' && s.additionalProperties !== false ? [where] : [];
      return [
        ...here,
        ...branches.flatMap((b, i) => open(`${where}|${i}`, b)),
        ...props.flatMap(([k, p]) => open(`${where}.${k}`, p)),
      ];
    };
    const found: string[] = [];
    let bodies = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const media of Object.values(op.requestBody?.content ?? {})) {
          bodies++;
          found.push(...open(`${method.toUpperCase()} ${path} body`, media.schema));
        }
      }
    }
    assert.ok(bodies >= 5, `${bodies} request bodies in the document`);
    assert.deepEqual(found, [], 'request bodies that would accept an unknown property silently');
  });

  it('an unknown address: 404 not_found, or the helpful page', async () => {
    assertJsonError(await t.app.inject({ url: '/api/nothing-here' }), 404, 'not_found');
    const page = await t.app.inject({ url: '/nothing-here', headers: browser });
    assertHtmlError(page, 404);
  });

  it('a method an address does not take: 405 method_not_allowed with Allow, or the error page', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/api/articles', payload: {} });
    assertJsonError(put, 405, 'method_not_allowed');
    assert.equal(put.headers.allow, 'GET, HEAD, POST');
    const del = await t.app.inject({ method: 'DELETE', url: `/api/articles/${slug}/comments` });
    assertJsonError(del, 405, 'method_not_allowed');
    assert.equal(del.headers.allow, 'GET, HEAD, POST');
    const page = await t.app.inject({ method: 'DELETE', url: `/articles/${slug}`, headers: browser });
    assertHtmlError(page, 405);
    assert.equal(page.headers.allow, 'GET, HEAD');
    // A missing asset is still a 404: GET is its method.
    assertJsonError(
      await t.app.inject({ url: '/assets/missing.css', headers: { accept: 'application/json' } }),
      404,
      'not_found',
    );
  });

  it("requests Node's HTTP parser refuses (headers too large, not HTTP) get the JSON shape on the socket", async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
        let data = '';
        socket.on('data', (chunk) => {
          data += chunk;
        });
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
    const big = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.match(big, /^HTTP\/1\.1 431 /);
    assert.deepEqual(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4)).error.code, 'headers_too_large');
    const junk = await raw('THIS IS NOT HTTP\r\n\r\n');
    assert.match(junk, /^HTTP\/1\.1 400 /);
    assert.match(junk, /Content-Type: application\/json/);
    assert.deepEqual(JSON.parse(junk.slice(junk.indexOf('\r\n\r\n') + 4)), {
      error: { code: 'bad_request', message: 'The request is not valid HTTP.' },
    });
  });
});
