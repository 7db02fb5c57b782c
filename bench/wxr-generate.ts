// A synthetic WordPress export for the import benchmark, written to a file as it is made (never held
// in memory): threaded comments, several authors, nested categories, tags, drafts, pages, sticky
// posts, non-Latin text and shortcodes. The same sizes always give the same bytes.
import fs from 'node:fs';
import { once } from 'node:events';

export interface WxrSize {
  posts: number;
  comments: number;
}

const AUTHORS = [
  ['marta', 'Marta Quintero'],
  ['kenji', '山田 健二'],
  ['olga', 'Ольга Смирнова'],
  ['amira', 'أميرة حداد'],
  ['tom', 'Tom O’Neill'],
  ['priya', 'प्रिया शर्मा'],
] as const;
const CATEGORIES = [
  ['news', 'News', ''],
  ['local', 'Local', 'news'],
  ['council', 'Council', 'local'],
  ['world', 'World', 'news'],
  ['sport', 'Sport', ''],
  ['football', 'Football', 'sport'],
  ['culture', 'Culture & Arts', ''],
  ['opinion', 'Opinion', ''],
  ['%e6%9d%b1%e4%ba%ac', '東京', 'world'],
  ['uncategorized', 'Uncategorized', ''],
] as const;
const TAGS = Array.from({ length: 60 }, (_, i) => (i % 6 === 5 ? [`тег-${i}`, `Тег ${i}`] : [`tag-${i}`, `Tag ${i}`]));
const TEXTS = [
  'The council met on Tuesday to discuss the harbour budget & the ferry timetable.',
  '港の予算とフェリーの時刻表について、市議会は火曜日に会合を開いた。',
  'Городской совет обсудил бюджет гавани и расписание паромов.',
  'ناقش المجلس البلدي ميزانية الميناء وجدول العبّارات.',
  'Readers wrote in <em>large numbers</em> about the <a href="https://example.org/tides">tide tables</a>.',
];

const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const pad = (n: number) => String(n).padStart(2, '0');
const wpDate = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const START = Date.UTC(2015, 0, 1);

function body(i: number): string {
  const paras = [0, 1, 2, 3].map((k) => TEXTS[(i + k) % TEXTS.length]);
  const extra =
    i % 7 === 0
      ? `[caption id="attachment_${i}" align="alignnone" width="640"]<img src="https://bench.example.org/wp-content/uploads/2020/01/photo-${i}.jpg" alt="Photo ${i}" width="640" height="480" /> The harbour, photo ${i}[/caption]`
      : i % 11 === 0
        ? '[contact-form-7 id="9" title="Tip-off"]'
        : i % 13 === 0
          ? '[embed]https://www.youtube.com/watch?v=bench[/embed]'
          : '';
  return `${paras.join('\n\n')}\n\n${extra}`;
}

function item(i: number, commentIds: number, commentCount: number): string {
  const t = START + i * 3_600_000;
  const type = i % 50 === 0 ? 'page' : 'post';
  const status = i % 10 === 3 ? 'draft' : i % 97 === 5 ? 'pending' : 'publish';
  const author = AUTHORS[i % AUTHORS.length][0];
  const terms: string[] = [];
  if (type === 'post') {
    const c = CATEGORIES[i % CATEGORIES.length];
    terms.push(`<category domain="category" nicename="${c[0]}">${cdata(c[1])}</category>`);
    if (i % 4 === 0) terms.push(`<category domain="category" nicename="opinion">${cdata('Opinion')}</category>`);
    for (let k = 0; k < i % 4; k++) {
      const tag = TAGS[(i * 7 + k * 13) % TAGS.length];
      terms.push(
        `<category domain="post_tag" nicename="${encodeURIComponent(tag[0]).toLowerCase()}">${cdata(tag[1])}</category>`,
      );
    }
  }
  const comments: string[] = [];
  for (let j = 0; j < commentCount; j++) {
    const id = commentIds + j;
    // Threads: most comments answer an earlier one of the same post, up to a few levels deep.
    const parent = j > 0 && j % 3 !== 0 ? commentIds + Math.max(0, j - 1 - (j % 2)) : 0;
    const approved = j % 17 === 4 ? '0' : j % 29 === 7 ? 'spam' : '1';
    comments.push(
      `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>${cdata(`Reader ${id % 5000}`)}</wp:comment_author>` +
        `<wp:comment_author_email>${cdata(`reader${id % 5000}@example.org`)}</wp:comment_author_email><wp:comment_author_url>https://example.org/~${id % 5000}</wp:comment_author_url>` +
        `<wp:comment_author_IP>${cdata(`198.51.100.${id % 250}`)}</wp:comment_author_IP><wp:comment_date>${cdata(wpDate(t + (j + 1) * 60_000))}</wp:comment_date>` +
        `<wp:comment_date_gmt>${cdata(wpDate(t + (j + 1) * 60_000))}</wp:comment_date_gmt>` +
        `<wp:comment_content>${cdata(`Comment ${id}: ${TEXTS[id % TEXTS.length]}\n\nA second paragraph.`)}</wp:comment_content>` +
        `<wp:comment_approved>${cdata(approved)}</wp:comment_approved><wp:comment_type>${cdata(j % 41 === 40 ? 'pingback' : '')}</wp:comment_type>` +
        `<wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`,
    );
  }
  const title = i % 5 === 1 ? `東京湾フェリー ${i}` : i % 5 === 2 ? `Паром ${i}` : `Harbour story number ${i}`;
  return `\t<item>
\t\t<title>${cdata(title)}</title>
\t\t<link>https://bench.example.org/?p=${i}</link>
\t\t<pubDate>${new Date(t).toUTCString()}</pubDate>
\t\t<dc:creator>${cdata(author)}</dc:creator>
\t\t<guid isPermaLink="false">https://bench.example.org/?p=${i}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(body(i))}</content:encoded>
\t\t<excerpt:encoded>${cdata('')}</excerpt:encoded>
\t\t<wp:post_id>${i}</wp:post_id>
\t\t<wp:post_date>${cdata(wpDate(t))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(wpDate(t))}</wp:post_date_gmt>
\t\t<wp:comment_status>${cdata(i % 9 === 0 ? 'closed' : 'open')}</wp:comment_status>
\t\t<wp:ping_status>${cdata('open')}</wp:ping_status>
\t\t<wp:post_name>${cdata(type === 'page' ? `page-${i}` : `story-${i}`)}</wp:post_name>
\t\t<wp:status>${cdata(status)}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>${cdata(type)}</wp:post_type>
\t\t<wp:post_password>${cdata('')}</wp:post_password>
\t\t<wp:is_sticky>${i % 1000 === 1 ? 1 : 0}</wp:is_sticky>
\t\t${terms.join('\n\t\t')}
\t\t${comments.join('\n\t\t')}
\t</item>
`;
}

/** Writes an export of `size.posts` items and `size.comments` comments to `file`; returns its size in bytes. */
export async function writeWxr(file: string, size: WxrSize): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>Benchmark Bay Courier</title>
\t<link>https://bench.example.org</link>
\t<language>en-GB</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>https://bench.example.org</wp:base_site_url>
\t<wp:base_blog_url>https://bench.example.org</wp:base_blog_url>
`);
  for (const [i, [login, name]] of AUTHORS.entries()) {
    await write(
      `\t<wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${cdata(login)}</wp:author_login>` +
        `<wp:author_email>${cdata(`${login}@bench.example.org`)}</wp:author_email><wp:author_display_name>${cdata(name)}</wp:author_display_name></wp:author>\n`,
    );
  }
  for (const [i, [slug, name, parent]] of CATEGORIES.entries()) {
    await write(
      `\t<wp:category><wp:term_id>${i + 1}</wp:term_id><wp:category_nicename>${cdata(slug)}</wp:category_nicename>` +
        `<wp:category_parent>${cdata(parent)}</wp:category_parent><wp:cat_name>${cdata(name)}</wp:cat_name></wp:category>\n`,
    );
  }
  for (const [i, [slug, name]] of TAGS.entries()) {
    await write(
      `\t<wp:tag><wp:term_id>${100 + i}</wp:term_id><wp:tag_slug>${cdata(encodeURIComponent(slug).toLowerCase())}</wp:tag_slug><wp:tag_name>${cdata(name)}</wp:tag_name></wp:tag>\n`,
    );
  }
  const per = Math.floor(size.comments / Math.max(1, size.posts));
  const extra = size.comments - per * size.posts;
  let nextComment = 1;
  for (let i = 1; i <= size.posts; i++) {
    const n = per + (i <= extra ? 1 : 0);
    await write(item(i, nextComment, n));
    nextComment += n;
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
  return fs.statSync(file).size;
}
