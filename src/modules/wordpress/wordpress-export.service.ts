// The use case: write the whole site as a WordPress export (WXR 1.2) to a stream, a page of articles at
// a time. Post and comment numbers are the WordPress ids an earlier import recorded when there are
// any, so a site that came from WordPress goes back with its old numbers; the rest get new numbers
// above the largest one, in the order written, so the same site always gives the same file.
import type { Writable } from 'node:stream';
import type { Deps } from '../../deps.ts';
import { readSnapshot } from '../../platform/db/snapshot.ts';
import type { ArticleRow, CommentRow, SectionRow } from '../../platform/db/tables.ts';
import { getSettings } from '../settings/index.ts';
import { slugify } from '../../platform/text.ts';
import { articlePath } from '../../platform/paths.ts';
import * as repo from './wordpress-export.repository.ts';
import { StreamWriter } from '../../platform/stream-writer.ts';
import { cdata, el, html, rssDate, WXR_FOOTER, WXR_HEADER, wpDateTime, xmlText } from './wxr-writer.ts';

export interface ExportInput {
  out: Writable;
  /** Articles read per query. */
  pageSize?: number;
}

export interface ExportSummary {
  authors: number;
  categories: number;
  tags: number;
  items: number;
  /** Featured images, written as attachment items their posts point at. */
  attachments: number;
  comments: number;
}

/** Hands out WordPress ids: the recorded one when free, otherwise the next above every recorded one. */
class Numbering {
  private readonly used = new Set<number>();
  constructor(private next: number) {}

  take(recorded: number | undefined): number {
    if (recorded !== undefined && !this.used.has(recorded)) {
      this.used.add(recorded);
      return recorded;
    }
    while (this.used.has(this.next + 1)) this.next++;
    this.used.add(++this.next);
    return this.next;
  }
}

const COMMENT_APPROVED: Record<CommentRow['status'], string> = {
  approved: '1',
  pending: '0',
  spam: 'spam',
  trash: 'trash',
};

/** Writes the site as WXR 1.2 to `out` (which stays open), from one snapshot of the database; returns what it wrote. */
export async function exportWordPress(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'config'>,
  input: ExportInput,
): Promise<ExportSummary> {
  return readSnapshot(deps.db, deps.dialect, (db) => writeWxr({ ...deps, db }, input));
}

async function writeWxr(deps: Pick<Deps, 'db' | 'clock' | 'config'>, input: ExportInput): Promise<ExportSummary> {
  const { db } = deps;
  const w = new StreamWriter(input.out);
  const base = deps.config.publicUrl.replace(/\/+$/, '');
  const now = deps.clock.now();
  const settings = await getSettings(deps);
  const summary: ExportSummary = { authors: 0, categories: 0, tags: 0, items: 0, attachments: 0, comments: 0 };

  await w.write(WXR_HEADER);
  await w.write(
    `${[
      `\t${el('title', settings.name, true)}`,
      `\t${el('link', base, true)}`,
      `\t${el('description', settings.description, true)}`,
      `\t<pubDate>${rssDate(now.toISOString())}</pubDate>`,
      `\t${el('language', settings.language, true)}`,
      '\t<wp:wxr_version>1.2</wp:wxr_version>',
      `\t${el('wp:base_site_url', base, true)}`,
      `\t${el('wp:base_blog_url', base, true)}`,
      '',
    ].join('\n')}\n`,
  );

  const users = await repo.listUsers(db);
  const loginOf = new Map(users.map((u) => [u.id, u.slug]));
  for (const [i, u] of users.entries()) {
    await w.write(
      `\t<wp:author>${el('wp:author_id', i + 1)}${el('wp:author_login', u.slug)}${el('wp:author_email', u.email)}` +
        `${el('wp:author_display_name', html(u.name))}${el('wp:author_first_name', '')}${el('wp:author_last_name', '')}</wp:author>\n`,
    );
    summary.authors++;
  }

  const sections = await repo.listSections(db);
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  let termId = 0;
  for (const s of parentsFirst(sections)) {
    const parent = s.parent_id ? (sectionById.get(s.parent_id)?.slug ?? '') : '';
    await w.write(
      `\t<wp:category>${el('wp:term_id', ++termId)}${el('wp:category_nicename', s.slug)}${el('wp:category_parent', parent)}` +
        `${el('wp:cat_name', html(s.name))}${el('wp:category_description', html(s.description))}</wp:category>\n`,
    );
    summary.categories++;
  }
  const tags = await repo.listTags(db);
  const tagById = new Map(tags.map((t) => [t.id, t]));
  for (const t of tags) {
    await w.write(
      `\t<wp:tag>${el('wp:term_id', ++termId)}${el('wp:tag_slug', t.slug)}${el('wp:tag_name', html(t.name))}</wp:tag>\n`,
    );
    summary.tags++;
  }

  const max = await repo.maxWordPressIds(db);
  const postIds = new Numbering(max.post);
  const commentIds = new Numbering(max.comment);
  const pageSize = input.pageSize ?? 200;
  let cursor: repo.ArticleCursor | undefined;
  for (;;) {
    const articles = await repo.listArticlesAfter(db, cursor, pageSize);
    if (articles.length === 0) break;
    const ids = articles.map((a) => a.id);
    const [bylines, articleTags, comments, wpPosts] = await Promise.all([
      repo.listBylines(db, ids),
      repo.listArticleTags(db, ids),
      repo.listComments(db, ids),
      repo.listWordPressIds(db, 'post', ids),
    ]);
    const [wpComments, wpAttachments] = await Promise.all([
      repo.listWordPressIds(
        db,
        'comment',
        comments.map((c) => c.id),
      ),
      repo.listAttachmentIds(db, [...new Set(articles.flatMap((a) => (a.image_url ? [a.image_url] : [])))]),
    ]);
    for (const a of articles) {
      const creator = bylines.find((b) => b.article_id === a.id);
      const postId = postIds.take(wpPosts.get(a.id));
      const thumbnailId = a.image_url ? postIds.take(wpAttachments.get(a.image_url)) : undefined;
      const item: ItemContext = {
        base,
        now,
        postId,
        thumbnailId,
        creator: creator ? (loginOf.get(creator.user_id) ?? '') : '',
        section: a.section_id ? sectionById.get(a.section_id) : undefined,
        tags: articleTags
          .filter((t) => t.article_id === a.id)
          .map((t) => tagById.get(t.tag_id)!)
          .filter(Boolean)
          .sort((x, y) => x.slug.localeCompare(y.slug)),
      };
      const own = comments.filter((c) => c.article_id === a.id);
      const numbers = new Map(own.map((c) => [c.id, commentIds.take(wpComments.get(c.id))]));
      if (item.thumbnailId !== undefined) {
        await w.write(attachmentXml(a, item));
        summary.attachments++;
      }
      await w.write(itemXml(a, item, { comments: own, numbers }));
      summary.items++;
      summary.comments += own.length;
    }
    const last = articles[articles.length - 1];
    cursor = { createdAt: last.created_at, id: last.id };
  }
  await w.write(WXR_FOOTER);
  return summary;
}

/** Sections with every parent before its children (WordPress's importer wants a parent to exist first). */
function parentsFirst(sections: SectionRow[]): SectionRow[] {
  const out: SectionRow[] = [];
  const placed = new Set<string>();
  const ids = new Set(sections.map((s) => s.id));
  let rest = sections;
  while (rest.length) {
    const ready = rest.filter((s) => !s.parent_id || placed.has(s.parent_id) || !ids.has(s.parent_id));
    // A loop of parents (never made by Dateline, but cheap to survive): write the rest as they are.
    const batch = ready.length ? ready : rest;
    for (const s of batch) {
      out.push(s);
      placed.add(s.id);
    }
    rest = rest.filter((s) => !placed.has(s.id));
  }
  return out;
}

interface ItemContext {
  base: string;
  now: Date;
  postId: number;
  /** The attachment number of the featured image, when there is one. */
  thumbnailId: number | undefined;
  creator: string;
  section: SectionRow | undefined;
  tags: { slug: string; name: string }[];
}

function postStatus(a: ArticleRow, now: Date): string {
  if (a.status === 'published') return a.published_at && a.published_at > now.toISOString() ? 'future' : 'publish';
  return a.status;
}

function itemXml(
  a: ArticleRow & { sticky: number },
  c: ItemContext,
  { comments, numbers }: { comments: CommentRow[]; numbers: Map<string, number> },
): string {
  const date = a.published_at ?? a.created_at;
  const closed = a.comment_setting === 'closed' || a.comments_closed_at !== null;
  const lines = [
    el('title', html(a.headline)),
    el('link', c.base + articlePath(a.slug), true),
    `<pubDate>${rssDate(date)}</pubDate>`,
    el('dc:creator', c.creator),
    `<guid isPermaLink="false">${xmlText(`${c.base}/?p=${c.postId}`)}</guid>`,
    '<description></description>',
    el('content:encoded', asHtmlBlock(absoluteUrls(a.body_html, c.base))),
    el('excerpt:encoded', html(a.excerpt)),
    el('wp:post_id', c.postId),
    el('wp:post_date', wpDateTime(date)),
    el('wp:post_date_gmt', wpDateTime(date)),
    el('wp:post_modified', wpDateTime(a.updated_at)),
    el('wp:post_modified_gmt', wpDateTime(a.updated_at)),
    el('wp:comment_status', closed ? 'closed' : 'open'),
    el('wp:ping_status', 'closed'),
    el('wp:post_name', a.slug),
    el('wp:status', postStatus(a, c.now)),
    el('wp:post_parent', 0),
    el('wp:menu_order', 0),
    el('wp:post_type', a.kind === 'page' ? 'page' : 'post'),
    el('wp:post_password', ''),
    el('wp:is_sticky', a.sticky ? 1 : 0),
  ];
  if (c.thumbnailId !== undefined) lines.push(postmeta('_thumbnail_id', String(c.thumbnailId)));
  if (c.section)
    lines.push(
      `<category domain="category" nicename="${xmlText(c.section.slug)}">${cdata(html(c.section.name))}</category>`,
    );
  for (const t of c.tags)
    lines.push(`<category domain="post_tag" nicename="${xmlText(t.slug)}">${cdata(html(t.name))}</category>`);
  for (const m of comments) lines.push(commentXml(m, numbers));
  return `\t<item>\n\t\t${lines.join('\n\t\t')}\n\t</item>\n`;
}

const postmeta = (key: string, value: string) =>
  `<wp:postmeta>${el('wp:meta_key', key)}${el('wp:meta_value', value)}</wp:postmeta>`;

/** The image URL as another site fetches it: absolute. */
const absolute = (url: string, base: string) =>
  /^https?:\/\//i.test(url) ? url : `${base}${url.startsWith('/') ? '' : '/'}${url}`;

const pathOf = (url: string) => {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return url.replace(/^https?:\/\/[^/]*/i, '');
  }
};

/**
 * A featured image as WordPress keeps one: an attachment item under its post, the file named by
 * attachment_url (WordPress's importer downloads it) and _wp_attached_file, its alt text in meta and
 * its caption as the excerpt, and the post's _thumbnail_id naming it.
 */
function attachmentXml(a: ArticleRow, c: ItemContext): string {
  const url = absolute(a.image_url, c.base);
  const date = a.published_at ?? a.created_at;
  const file = pathOf(url).replace(/^\/(?:media\/(?:wordpress\/)?|wp-content\/uploads\/)?/, '');
  const name = file
    .split('/')
    .pop()!
    .replace(/\.[a-z0-9]+$/i, '');
  const lines = [
    el('title', html(a.image_alt || name)),
    el('link', `${c.base}/?attachment_id=${c.thumbnailId}`, true),
    `<pubDate>${rssDate(date)}</pubDate>`,
    el('dc:creator', c.creator),
    `<guid isPermaLink="false">${xmlText(url)}</guid>`,
    '<description></description>',
    el('content:encoded', ''),
    el('excerpt:encoded', html(a.image_caption)),
    el('wp:post_id', c.thumbnailId!),
    el('wp:post_date', wpDateTime(date)),
    el('wp:post_date_gmt', wpDateTime(date)),
    el('wp:comment_status', 'closed'),
    el('wp:ping_status', 'closed'),
    el('wp:post_name', slugify(name, 200)),
    el('wp:status', 'inherit'),
    el('wp:post_parent', c.postId),
    el('wp:menu_order', 0),
    el('wp:post_type', 'attachment'),
    el('wp:post_password', ''),
    el('wp:is_sticky', 0),
    el('wp:attachment_url', url, true),
    postmeta('_wp_attached_file', file),
    ...(a.image_alt ? [postmeta('_wp_attachment_image_alt', a.image_alt)] : []),
  ];
  return `\t<item>\n\t\t${lines.join('\n\t\t')}\n\t</item>\n`;
}

/**
 * The stored body is finished HTML. As a Custom HTML block, WordPress shows it as it is instead of
 * running wpautop over it again (which would add breaks), and Dateline's importer knows it the same way.
 */
const asHtmlBlock = (body: string) => (body.trim() === '' ? '' : `<!-- wp:html -->\n${body}\n<!-- /wp:html -->`);

/**
 * Site-relative image addresses (/media/...) made absolute, so the pictures still show on a site
 * elsewhere. Links stay as they are: made absolute they would become outside links (rel=noopener)
 * on the next import, and the same content would no longer export the same.
 */
export const absoluteUrls = (body: string, base: string) =>
  body
    .replace(/(<(?:img|source|video|audio)\b[^>]*?\s(?:src|poster)=")\/(?!\/)/g, `$1${base}/`)
    .replace(
      /(\ssrcset=")([^"]*)"/g,
      (_m, attr: string, value: string) => `${attr}${value.replace(/(^|,\s*)\/(?!\/)/g, `$1${base}/`)}"`,
    );

function commentXml(m: CommentRow, numbers: Map<string, number>): string {
  const parent = m.parent_id ? (numbers.get(m.parent_id) ?? 0) : 0;
  return `<wp:comment>${[
    el('wp:comment_id', numbers.get(m.id)!),
    el('wp:comment_author', m.author_name),
    el('wp:comment_author_email', m.author_email),
    el('wp:comment_author_url', m.author_url, true),
    el('wp:comment_author_IP', m.ip),
    el('wp:comment_date', wpDateTime(m.created_at)),
    el('wp:comment_date_gmt', wpDateTime(m.created_at)),
    el('wp:comment_content', html(m.body_text)),
    el('wp:comment_approved', COMMENT_APPROVED[m.status]),
    el('wp:comment_type', m.kind),
    el('wp:comment_parent', parent),
    el('wp:comment_user_id', 0),
    el('wp:comment_agent', m.user_agent),
  ].join('')}</wp:comment>`;
}
