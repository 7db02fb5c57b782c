// Behind a proxy with TRUST_PROXY off, all readers share the proxy's address: the server says so in its log, once.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import { createTestApp, type TestApp } from '../support/http.ts';

/** A pino logger whose lines (warnings and worse) are kept for the test to read. */
interface LogLine {
  level: number;
  msg: string;
  proxyAddress?: string;
}

function capturedLogger() {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, stream), lines };
}

const proxyWarnings = (lines: LogLine[]) => lines.filter((l) => /X-Forwarded-For but TRUST_PROXY is off/.test(l.msg));

describe('the untrusted-proxy warning', () => {
  const apps: TestApp[] = [];
  after(async () => {
    for (const t of apps) await t.close();
  });

  it('is logged once, at the first request that carries X-Forwarded-For, when TRUST_PROXY is off', async () => {
    const { logger, lines } = capturedLogger();
    const t = await createTestApp('sqlite', { logger });
    apps.push(t);
    await t.app.inject({ url: '/healthz' });
    assert.deepEqual(proxyWarnings(lines), [], 'no warning without a forwarded request');
    for (const ip of ['203.0.113.7', '198.51.100.2', '203.0.113.9']) {
      const res = await t.app.inject({
        url: '/healthz',
        headers: { 'x-forwarded-for': ip },
        remoteAddress: '10.0.0.5',
      });
      assert.equal(res.statusCode, 200);
    }
    await t.app.inject({ url: '/api/articles', headers: { forwarded: 'for=192.0.2.60' } });
    const warnings = proxyWarnings(lines);
    assert.equal(warnings.length, 1, JSON.stringify(lines));
    assert.equal(warnings[0].level, 40, 'a warning');
    assert.equal(warnings[0].proxyAddress, '10.0.0.5');
    assert.match(warnings[0].msg, /share one comment rate limit and flood budget/);
    assert.match(warnings[0].msg, /set TRUST_PROXY=on/);
  });

  it('is not logged when TRUST_PROXY is on', async () => {
    const { logger, lines } = capturedLogger();
    const t = await createTestApp('sqlite', { logger, env: { TRUST_PROXY: 'on' } });
    apps.push(t);
    for (let i = 0; i < 3; i++) await t.app.inject({ url: '/healthz', headers: { 'x-forwarded-for': '203.0.113.7' } });
    assert.deepEqual(proxyWarnings(lines), []);
  });
});
