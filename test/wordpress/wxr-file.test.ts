// readWxrFile reads a big export on a worker thread: the same records in the same order, and for a broken file the
// same error at the same line, as readWxr on the main thread; it runs ahead by a bounded number of batches, says how
// far it has read, and stops its thread when the reader stops early.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Deps } from '../../src/deps.ts';
import { formatCommentText } from '../../src/modules/comments/index.ts';
import { importWordPress } from '../../src/modules/wordpress/index.ts';
import { convertComment, convertedAhead } from '../../src/modules/wordpress/comment-conversion.ts';
import { readWxrFile, THREAD_FROM_BYTES } from '../../src/modules/wordpress/wxr-file.ts';
import { readWxr } from '../../src/modules/wordpress/wxr-reader.ts';
import { WxrError, type WxrRecord } from '../../src/modules/wordpress/wxr.ts';
import { useTestDeps } from '../support/databases.ts';
import { sharedCorpus } from '../support/shared-corpora.ts';

const importerFixtures = sharedCorpus('testdata/wordpress-importer-fixtures');
const issoSamples = sharedCorpus('testdata/isso-import-samples');
const ownDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

type Outcome = { records: WxrRecord[] } | { error: { line: number; message: string; refusal: unknown } };

async function outcome(records: AsyncIterable<WxrRecord>): Promise<Outcome> {
  const read: WxrRecord[] = [];
  try {
    for await (const r of records) read.push(r);
    return { records: read };
  } catch (error) {
    assert.ok(error instanceof WxrError, `a WxrError, not ${String(error)}`);
    return { error: { line: error.line, message: error.message, refusal: error.refusal } };
  }
}

const onMainThread = (file: string) => outcome(readWxr(fs.createReadStream(file)));
const onWorker = (file: string) => outcome(readWxrFile(file, { threadFromBytes: 0 }));
const xmlFiles = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.xml'))
        .map((f) => path.join(dir, f))
    : [];

async function sameEitherWay(files: string[]) {
  assert.ok(files.length > 0, 'no export files to compare');
  for (const file of files) assert.deepEqual(await onWorker(file), await onMainThread(file), path.basename(file));
}

/** An export of `items` posts, each with a long body and `comments` comments; `broken` cuts it off mid-item. */
function writeExport(
  file: string,
  { items, comments, broken = false }: { items: number; comments: number; broken?: boolean },
) {
  const out = fs.openSync(file, 'w');
  fs.writeSync(
    out,
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel><title>The Ferry Ledger</title><link>https://ledger.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://ledger.example</wp:base_site_url>\n`,
  );
  const body = 'The night ferry left twenty minutes late, and the harbour office blamed the fog. '.repeat(40);
  for (let i = 1; i <= items; i++) {
    let xml = `<item><title>Crossing ${i}</title><dc:creator>editor</dc:creator><content:encoded><![CDATA[<p>${body}</p>]]></content:encoded><wp:post_id>${i}</wp:post_id><wp:post_date_gmt>2024-03-01 10:00:00</wp:post_date_gmt><wp:post_name>crossing-${i}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>`;
    for (let c = 1; c <= comments; c++)
      xml += `<wp:comment><wp:comment_id>${i * 1000 + c}</wp:comment_id><wp:comment_author>Reader ${c}</wp:comment_author><wp:comment_content><![CDATA[Comment ${c} on crossing ${i}: the timetable is wrong again.]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>`;
    if (broken && i === items) xml += '<wp:postmeta><wp:meta_key>cut</wp:meta_key></item>';
    else xml += '</item>\n';
    fs.writeSync(out, xml);
  }
  fs.writeSync(out, broken ? '</channel></rss>\n' : '</channel></rss>\n');
  fs.closeSync(out);
}

describe('reading an export on a worker thread', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-wxr-file-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives what the main thread gives for each of our own exports, the broken ones included', async () => {
    await sameEitherWay(xmlFiles(ownDir));
  });

  it('gives what the main thread gives for the WordPress importer fixtures', {
    skip: importerFixtures.skip,
  }, async () => {
    await sameEitherWay(xmlFiles(importerFixtures.file()));
  });

  it('gives what the main thread gives for exports from other comment systems', {
    skip: issoSamples.skip,
  }, async () => {
    await sameEitherWay(xmlFiles(issoSamples.file()));
  });

  it('hands over a big export in order over many batches, with the bytes read rising to the whole file', async () => {
    const file = path.join(dir, 'big.xml');
    writeExport(file, { items: 600, comments: 5 });
    const progress: number[] = [];
    const records: WxrRecord[] = [];
    for await (const r of readWxrFile(file, { threadFromBytes: 0, onProgress: (b) => progress.push(b) }))
      records.push(r);
    const items = records.flatMap((r) => (r.type === 'item' ? [r.item] : []));
    assert.deepEqual(
      items.map((i) => i.id),
      Array.from({ length: 600 }, (_, i) => String(i + 1)),
    );
    assert.equal(
      items.reduce((n, i) => n + i.comments.length, 0),
      3000,
    );
    assert.ok(progress.length > 5, `progress reported ${progress.length} times`);
    assert.deepEqual(
      progress,
      [...progress].sort((a, b) => a - b),
      'the bytes read never go back',
    );
    assert.equal(progress.at(-1), fs.statSync(file).size);
    assert.deepEqual(await onWorker(file), await onMainThread(file));
  });

  it('reports a file broken near its end at the same line, after the records before it', async () => {
    const file = path.join(dir, 'broken.xml');
    writeExport(file, { items: 300, comments: 2, broken: true });
    const seen: WxrRecord[] = [];
    const failure = await outcome(
      (async function* () {
        for await (const r of readWxrFile(file, { threadFromBytes: 0 })) {
          seen.push(r);
          yield r;
        }
      })(),
    );
    assert.ok('error' in failure, 'the broken file was read whole');
    assert.deepEqual(failure, await onMainThread(file));
    assert.ok(seen.length > 100, `only ${seen.length} records came before the error`);
  });

  it('stops its thread when the reader stops early, and can read the file again', async () => {
    const file = path.join(dir, 'early.xml');
    writeExport(file, { items: 400, comments: 1 });
    for await (const r of readWxrFile(file, { threadFromBytes: 0 })) if (r.type === 'item') break;
    const again = await onWorker(file);
    assert.ok('records' in again && again.records.length === 401);
  });

  it('converts each comment on the thread as the main thread would', async () => {
    const file = path.join(dir, 'converted.xml');
    writeExport(file, { items: 200, comments: 4 });
    let compared = 0;
    for await (const r of readWxrFile(file, { threadFromBytes: 0, convertComments: true })) {
      if (r.type !== 'item') continue;
      for (const c of r.item.comments) {
        const ahead = convertedAhead(c);
        assert.ok(ahead, `comment ${c.id} was not converted on the thread`);
        assert.deepEqual(ahead, convertComment(c));
        compared++;
      }
    }
    assert.equal(compared, 800);
  });

  it('reads a small file on the main thread, with the same records', async () => {
    const file = path.join(ownDir, 'harbour-gazette.xml');
    assert.deepEqual(await outcome(readWxrFile(file)), await onMainThread(file));
  });
});

describe('an import of an export big enough to be read on a thread', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-wxr-import-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  let deps: Deps;
  useTestDeps('sqlite', {}, (made) => ({ deps } = made));

  it('stores each comment formatted from its text, and a second run finds every comment unchanged', async () => {
    const file = path.join(dir, 'big.xml');
    writeExport(file, { items: 1300, comments: 3 });
    assert.ok(fs.statSync(file).size >= THREAD_FROM_BYTES, 'the export is read on a thread');
    const first = await importWordPress(deps, { file });
    assert.equal(first.counts.post.created, 1300);
    assert.equal(first.counts.comment.created, 3900);
    const rows = await deps.db.selectFrom('comments').select(['body_text', 'body_html']).execute();
    assert.equal(rows.length, 3900);
    for (const r of rows) assert.equal(r.body_html, formatCommentText(r.body_text));
    const again = await importWordPress(deps, { file });
    assert.deepEqual(again.counts.comment, { created: 0, updated: 0, unchanged: 3900, skipped: 0 });
  });
});
