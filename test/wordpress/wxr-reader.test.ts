import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { threadOrder } from '../../src/modules/wordpress/import-comments.ts';
import { readWxr } from '../../src/modules/wordpress/wxr-reader.ts';
import { WxrError, type WxrRecord } from '../../src/modules/wordpress/wxr.ts';
import { sharedCorpus } from '../support/shared-corpora.ts';

const importerFixtures = sharedCorpus('testdata/wordpress-importer-fixtures');
const shared = (name: string) => importerFixtures.file(name);
const own = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function read(url: string, chunkSize?: number): Promise<WxrRecord[]> {
  const input = chunkSize ? Readable.from(chunks(fs.readFileSync(url), chunkSize)) : fs.createReadStream(url);
  const records: WxrRecord[] = [];
  for await (const r of readWxr(input)) records.push(r);
  return records;
}
function* chunks(buffer: Buffer, size: number) {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}
const items = (records: WxrRecord[]) => records.flatMap((r) => (r.type === 'item' ? [r.item] : []));
const authors = (records: WxrRecord[]) => records.flatMap((r) => (r.type === 'author' ? [r.author] : []));
const terms = (records: WxrRecord[]) => records.flatMap((r) => (r.type === 'term' ? [r.term] : []));

async function rejectsAt(url: string, line: number, message: RegExp) {
  await assert.rejects(read(url), (e: unknown) => {
    assert.ok(e instanceof WxrError, String(e));
    assert.equal(e.line, line);
    assert.match(e.message, message);
    return true;
  });
}

describe('WXR reader on the hand-written export', () => {
  it('reads the site, authors, terms and items, whatever prefix the export binds to the WordPress namespace', async () => {
    const records = await read(own('harbour-gazette.xml'));
    assert.equal(records[0].type, 'site');
    assert.deepEqual(records[0].type === 'site' && records[0].site, {
      title: 'The Harbour Gazette',
      link: 'https://gazette.example.org/news',
      baseSiteUrl: 'https://gazette.example.org/news',
      baseBlogUrl: 'https://gazette.example.org/news',
      language: 'en-GB',
      version: '1.2',
    });
    assert.deepEqual(
      authors(records).map((a) => [a.login, a.displayName, a.email]),
      [
        ['ines', 'Inés Ávila', 'ines@gazette.example.org'],
        ['kenji', '山田 健二', ''],
      ],
    );
    // Names stay as WordPress stored them (HTML-escaped inside CDATA); the importer decodes them.
    assert.deepEqual(
      terms(records).map((t) => [t.taxonomy, t.slug, t.parent, t.name]),
      [
        ['category', 'ferries', 'transport', 'Ferries &amp; Boats'],
        ['category', 'transport', '', 'Transport'],
        ['category', 'uncategorized', '', 'Uncategorized'],
        ['post_tag', 'tides', '', 'Tides'],
        ['post_format', 'post-format-gallery', '', 'Gallery'],
      ],
    );
    assert.deepEqual(
      items(records).map((i) => `${i.type}:${i.id}:${i.status}`),
      [
        'post:100:publish',
        'attachment:30:inherit',
        'attachment:31:inherit',
        'post:101:draft',
        'post:102:pending',
        'post:103:future',
        'post:104:private',
        'post:105:publish',
        'page:200:publish',
        'nav_menu_item:300:publish',
        'post:301:trash',
      ],
    );
  });

  it('reassembles content split across CDATA sections, decodes entities, keeps serialized meta byte for byte', async () => {
    const [post] = items(await read(own('harbour-gazette.xml')));
    assert.match(post.content, /A line with a CDATA end marker: \]\]> and <script>/);
    assert.ok(post.content.startsWith('The island ferry will run two fewer crossings a day from December.\nThe board'));
    assert.equal(post.meta.find((m) => m.key === '_sources')?.value, 'a:2:{i:0;s:11:"Port Office";i:1;s:7:"Tōkyō";}');
    assert.equal(post.meta.find((m) => m.key === '_thumbnail_id')?.value, '30');
    assert.equal(post.sticky, '1');
    assert.deepEqual(post.terms, [
      { domain: 'category', slug: 'ferries', name: 'Ferries &amp; Boats' },
      { domain: 'post_tag', slug: 'tides', name: 'Tides' },
      { domain: 'post_tag', slug: 'winter', name: 'Winter' },
    ]);
  });

  it('keeps comments in file order with their line, meta, type and status; threadOrder puts parents first', async () => {
    const [post] = items(await read(own('harbour-gazette.xml')));
    assert.deepEqual(
      post.comments.map((c) => `${c.id}<${c.parent}:${c.type || '-'}:${c.approved}`),
      [
        '502<501:comment:1',
        '503<502:-:1',
        '501<0:-:1',
        '504<0:pingback:1',
        '505<0:-:spam',
        '506<0:-:0',
        '507<0:trackback:trash',
      ],
    );
    assert.equal(post.comments[0].line, 111);
    assert.equal(post.comments[0].agent, 'Mozilla/5.0 (X11; Linux x86_64)');
    assert.equal(post.comments[1].content, 'Thanks &amp; good to know.\nSee you on the 06:40.');
    assert.equal(post.comments[2].meta[0].key, 'akismet_history');
    assert.deepEqual(
      threadOrder(post).map((c) => c.id),
      ['501', '502', '503', '504', '505', '506', '507'],
    );
  });

  it('handles empty titles, very long titles and non-Latin text', async () => {
    const all = items(await read(own('harbour-gazette.xml')));
    assert.equal(all.find((i) => i.id === '101')?.title, '');
    const long = all.find((i) => i.id === '105')!;
    assert.ok(long.title.length > 300);
    assert.ok(long.title.startsWith('東京湾フェリー、冬季ダイヤを発表'));
    assert.match(long.content, /Русский: паромы реже\. العربية: رحلات أقل\./);
  });

  it('gives the same records whatever the chunk size, even cutting multi-byte characters in half', async () => {
    const whole = await read(own('harbour-gazette.xml'));
    assert.deepEqual(await read(own('harbour-gazette.xml'), 7), whole);
  });

  it('refuses broken files with the line where they break', async () => {
    await rejectsAt(own('broken-version.xml'), 6, /unknown WXR version "2.0"/);
    await rejectsAt(own('not-wxr.xml'), 2, /root element is <feed>, expected <rss>/);
    await rejectsAt(own('broken-late.xml'), 17, /not well-formed XML: undefined entity/);
  });

  it('throws for a reply whose parent is not in the export, naming the comment line', async () => {
    const [, orphan] = items(await read(own('broken-orphan-comment.xml')));
    assert.throws(
      () => threadOrder(orphan),
      (e: unknown) =>
        e instanceof WxrError && e.line === 20 && /comment 10 on item 2 replies to comment 9/.test(e.message),
    );
  });
});

describe('WXR reader on our own corner cases (what the importer fixtures check, in our own files)', () => {
  it('reads WXR 1.0: authors named in items only, CDATA blocks joined, domain-less old categories skipped, comment meta', async () => {
    const records = await read(own('corners-wxr-1.0.xml'));
    assert.equal(records[0].type === 'site' && records[0].site.version, '1.0');
    assert.equal(authors(records).length, 0);
    const [river, arabic] = items(records);
    assert.ok(
      items(records).every((i) => i.creator === 'mira'),
      'a creator that runs over two lines is trimmed',
    );
    assert.equal(
      river.content,
      'The gauge at the old mill read its lowest level since spring. Farmers upstream have been asked to draw less.',
    );
    assert.deepEqual(
      river.terms.map((t) => `${t.domain}:${t.slug}`),
      ['category:valley', 'tag:', 'tag:river'],
    );
    assert.deepEqual(river.comments[0].meta, [{ key: '_rating', value: 'useful' }]);
    assert.equal(river.comments[0].author, 'Tomás');
    assert.deepEqual(
      terms(records).map((t) => `${t.taxonomy}:${t.slug}`),
      ['category:valley', 'post_tag:river'],
    );
    // Multi-byte text byte for byte, and exactly its three line breaks.
    const bytes = fs.readFileSync(own('corners-wxr-1.0.xml'), 'utf8');
    assert.equal(arabic.content, /<content:encoded><!\[CDATA\[(مستوى[\s\S]*?)\]\]><\/content:encoded>/.exec(bytes)![1]);
    assert.equal(arabic.content.split('\n').length - 1, 3);
    assert.equal(arabic.title, 'نهر الوادي: أدنى مستوى منذ الربيع');
  });

  it('matches namespaces by URI: a borrowed wp prefix is ignored, another prefix for WordPress is read and trimmed', async () => {
    const records = await read(own('corners-namespaces.xml'));
    assert.deepEqual(
      authors(records).map((a) => `${a.id}:${a.login}`),
      ['4:lena'],
    );
    const [bridge, hijacked] = items(records);
    assert.equal(bridge.id, '21');
    assert.deepEqual(bridge.meta, [{ key: '_source', value: 'council notice' }]);
    assert.deepEqual([hijacked.id, hijacked.type, hijacked.status], ['', '', '']);
    assert.deepEqual(
      terms(records).map((t) => t.id),
      ['301'],
    );
  });

  it('refuses a raw CDATA end marker, a cut-off item and a missing version, at their lines', async () => {
    await rejectsAt(own('broken-cdata-end.xml'), 8, /not well-formed XML: the string "\]\]>" is disallowed/);
    await rejectsAt(own('broken-unclosed.xml'), 11, /not well-formed XML/);
    await rejectsAt(own('broken-no-version.xml'), 6, /no <wp:wxr_version>/);
  });
});

describe('WXR reader on the WordPress importer fixtures', { skip: importerFixtures.skip }, () => {
  it('parses valid-wxr-1.0: 6 items, 1 comment, authors named in items, old category domains skipped', async () => {
    const records = await read(shared('valid-wxr-1.0.xml'));
    const all = items(records);
    assert.equal(all.length, 6);
    assert.equal(all.flatMap((i) => i.comments).length, 1);
    assert.equal(authors(records).length, 0);
    assert.ok(all.every((i) => i.creator === 'admin'));
    assert.deepEqual(
      all[2].terms.map((t) => `${t.domain}:${t.slug}`),
      ['category:alpha', 'tag:', 'tag:news', 'tag:', 'tag:roar'],
    );
  });

  it('parses valid-wxr-1.1 (2 posts, 1 author, 1 comment), wxr-simple and wxr-with-sub-data', async () => {
    const v11 = await read(shared('valid-wxr-1.1.xml'));
    assert.equal(items(v11).length, 2);
    assert.equal(authors(v11).length, 1);
    assert.equal(items(v11).flatMap((i) => i.comments).length, 1);
    const simple = await read(shared('wxr-simple.xml'));
    assert.equal(items(simple).length, 1);
    assert.equal(authors(simple).length, 1);
    const [sub] = items(await read(shared('wxr-with-sub-data.xml')));
    assert.equal(sub.comments.length, 1);
    assert.deepEqual(sub.comments[0].meta, [{ key: '_comment_meta_key', value: 'comment_meta_value' }]);
    assert.deepEqual(sub.meta, [{ key: '_test_meta_key', value: 'test_meta_value' }]);
  });

  it('keeps multi-byte text byte for byte, and exactly the 3 newlines of post-content-blank-lines', async () => {
    const bytes = fs.readFileSync(shared('wxr-utf-8-challenges.xml'), 'utf8');
    const [post] = items(await read(shared('wxr-utf-8-challenges.xml')));
    const raw = /<content:encoded><!\[CDATA\[([\s\S]*?)\]\]><\/content:encoded>/.exec(bytes)![1];
    assert.equal(post.content, raw);
    assert.equal(authors(await read(shared('wxr-utf-8-challenges.xml'))).length, 1);
    const [blank] = items(await read(shared('post-content-blank-lines.xml')));
    assert.equal(blank.content.split('\n').length - 1, 3);
  });

  it('reassembles crazy-cdata-escaped, several CDATA blocks, trims multi-line author fields', async () => {
    const [crazy] = items(await read(shared('crazy-cdata-escaped.xml')));
    assert.equal(crazy.content, 'Content with nested <![CDATA[ tags ]]> :)');
    assert.equal(
      crazy.meta.find((m) => m.key === 'Alot of CDATA')?.value,
      'This has <![CDATA[ opening and ]]> closing <![CDATA[ tags like this: ]]>',
    );
    const [multi] = items(await read(shared('multiple-cdata.xml')));
    assert.equal(multi.content.trim(), 'line oneline twoline three');
    const lines = await read(shared('authors-multiline.xml'));
    assert.deepEqual(
      authors(lines).map((a) => `${a.id}:${a.login}`),
      ['1:alice', '2:bob', '3:carol'],
    );
    assert.equal(items(lines)[0].creator, 'alice');
  });

  it('matches namespaces by URI: foreign elements are ignored, not trusted', async () => {
    const records = await read(shared('namespace-edge-cases.xml'));
    assert.deepEqual(
      authors(records).map((a) => a.login),
      ['real_user', 'version_conflict'],
    );
    const all = items(records);
    assert.deepEqual(
      all.map((i) => i.id),
      ['1', '2', '3', '4', '', '6'],
    );
    assert.deepEqual(all[0].meta, [{ key: 'normal_key', value: 'normal_value' }]);
    assert.deepEqual(
      terms(records).map((t) => t.id),
      ['100', '102'],
    );
  });

  it('refuses the malformed files and the bad versions, never crashing', async () => {
    await rejectsAt(shared('crazy-cdata.xml'), 18, /not well-formed XML: the string "\]\]>" is disallowed/);
    await rejectsAt(shared('malformed-simple.xml'), 14, /not well-formed XML: unclosed tag: item/);
    await assert.rejects(read(shared('malformed.xml')), WxrError);
    await rejectsAt(shared('missing-version-tag.xml'), 35, /no <wp:wxr_version>/);
    await rejectsAt(shared('invalid-version-tag.xml'), 36, /unknown WXR version "abc"/);
  });

  it('reads every other fixture without error', async () => {
    const broken = new Set([
      'crazy-cdata.xml',
      'malformed.xml',
      'malformed-simple.xml',
      'missing-version-tag.xml',
      'invalid-version-tag.xml',
    ]);
    const dir = shared('');
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.xml') && !broken.has(n))) {
      const records = await read(shared(name));
      assert.equal(records[0].type, 'site', name);
    }
  });
});
