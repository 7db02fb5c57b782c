// Items: attachments (first pass, so every post can find its images), then posts and pages with
// their discussions (second pass, a batch of items at a time: what earlier runs made of the batch and the
// attachments it names are read in a few queries, and its mappings, old addresses, search documents and
// discussions written in a few multi-row statements). Matched on later runs by WordPress id: within one site the id is what
// tells two items apart. A GUID is not (a copied post keeps its original's), so it never decides.
import { indexImportedArticles, saveImportedArticles, type ImportedArticle } from '../articles/index.ts';
import { htmlToText } from '../../platform/html/sanitizer.ts';
import type { CommentSetting } from '../../platform/db/tables.ts';
import { slugify } from '../../platform/text.ts';
import { articlePath } from '../../platform/paths.ts';
import { authorOf, termOf } from './import-terms.ts';
import { importDiscussions, type PendingDiscussion } from './import-comments.ts';
import {
  claimPaths,
  count,
  legacyClaims,
  mapping,
  decodeSlug,
  describeImages,
  note,
  oneLine,
  placeFile,
  placeUpload,
  remember,
  skip,
  wpDate,
  type ImportRun,
} from './import-run.ts';
import { fingerprint } from './fingerprint.ts';
import { renderWordPressBody, type AttachmentRef } from './wordpress-body.ts';
import { galleryIds } from './wordpress-shortcodes.ts';
import { uploadAddresses } from './wordpress-uploads.ts';
import { permalinksOf } from './wordpress-urls.ts';
import type { WxrItem } from './wxr.ts';
import * as repo from './wordpress.repository.ts';

const meta = (item: WxrItem, key: string) => item.meta.find((m) => m.key === key)?.value ?? '';

/** Finds what an earlier run made of this item, by its WordPress id. */
const known = (run: ImportRun, kind: 'post' | 'attachment', item: WxrItem) =>
  repo.findMapping(run.db, { source: run.source, kind, wpId: item.id });

/** An attachment: where its file lives now, its alt text, and its old addresses (pointing at the file until its post claims them). */
export async function importAttachment(run: ImportRun, item: WxrItem, base: string): Promise<void> {
  if (!item.id)
    return skip(run, {
      kind: 'attachment',
      id: '',
      code: 'no_id',
      values: { element: '<wp:post_id>', line: item.line },
    });
  const original = item.attachmentUrl || item.guid;
  if (!/^https?:\/\//i.test(original)) return skip(run, { kind: 'attachment', id: item.id, code: 'no_file_url' });
  const hash = fingerprint({ item, uploads: run.uploadsDir !== undefined });
  const before = await known(run, 'attachment', item);
  const url = placeFile(run, original);
  if (before?.content_hash === hash) {
    count(run, 'attachment', 'unchanged');
    return;
  }
  const label = oneLine(meta(item, '_wp_attachment_image_alt') || htmlToText(item.title), 1000).text;
  await remember(run, {
    kind: 'attachment',
    wp_id: item.id,
    guid: item.guid.slice(0, 2000),
    dateline_id: null,
    url,
    label,
    parent_wp_id: item.parent && item.parent !== '0' ? item.parent : '',
    wp_status: item.status,
    content_hash: hash,
  });
  const paths = permalinksOf({
    id: item.id,
    type: 'attachment',
    slug: '',
    date: item.date,
    link: item.link,
    guid: '',
    category: '',
    base,
  });
  await claimPaths(run, { paths, target: url, owner: { kind: 'attachment', wpId: item.id } });
  count(run, 'attachment', before ? 'updated' : 'created');
}

// What each WordPress status becomes; the report counts them by WordPress status (`wordpress.status` words each,
// `protected` standing for a password-protected post, any other status for an unknown one that became a draft).
const STATUS: Record<string, 'draft' | 'published'> = {
  publish: 'published',
  future: 'published',
  draft: 'draft',
  pending: 'draft',
  private: 'draft',
};
const NOT_CONTENT = new Set(['trash', 'auto-draft', 'inherit']);

/** Whether a post or page is brought over with its discussion (not trashed, not a draft nobody saved, not a revision). */
export const isImportedContent = (item: WxrItem): boolean => item.id !== '' && !NOT_CONTENT.has(item.status);

/**
 * What one batch of posts and pages reads before it starts (earlier runs' mappings, the attachments its
 * items name) and what it writes when it ends.
 */
interface PostBatch {
  known: Map<string, repo.Mapping>;
  /** Articles of earlier runs that are still there. */
  alive: Set<string>;
  /** Attachments by their parent's WordPress id, each list in WordPress id order. */
  children: Map<string, repo.Mapping[]>;
  /** Attachments named by a gallery or as a featured image, by WordPress id. */
  attachments: Map<string, repo.Mapping>;
  mappings: repo.Mapping[];
  claims: repo.LegacyClaim[];
  retargets: { parentWpId: string; target: string }[];
  indexed: string[];
  discussions: PendingDiscussion[];
  /** Articles to save, with what follows once each has its id and slug. */
  articles: { article: ImportedArticle; afterSave: (saved: { id: string; slug: string }) => void }[];
}

/**
 * Posts (articles) and pages with their bodies, bylines, sections, tags, images, addresses and discussions.
 * The caller keeps each WordPress post id and comment id to one item of a batch, so that nothing in a batch
 * needs to see what an earlier item of the same batch wrote.
 */
export async function importPosts(run: ImportRun, items: WxrItem[], site: { base: string }): Promise<void> {
  const ids = items.map((i) => i.id).filter(Boolean);
  const known = await repo.findMappings(run.db, { source: run.source, kind: 'post', wpIds: ids });
  const named = items.flatMap((item) => {
    const thumbnail = meta(item, '_thumbnail_id').trim();
    return [...galleryIds(item.content), ...(thumbnail ? [thumbnail] : [])];
  });
  const batch: PostBatch = {
    known,
    alive: await repo.existingArticleIds(
      run.db,
      [...known.values()].flatMap((m) => (m.dateline_id ? [m.dateline_id] : [])),
    ),
    children: await repo.listChildAttachmentsOf(run.db, run.source, ids),
    attachments: await repo.findMappings(run.db, {
      source: run.source,
      kind: 'attachment',
      wpIds: [...new Set(named)],
    }),
    mappings: [],
    claims: [],
    retargets: [],
    indexed: [],
    discussions: [],
    articles: [],
  };
  for (const item of items) await importPost(run, item, { base: site.base, batch });
  const saved = await saveImportedArticles(
    run.db,
    batch.articles.map((a) => a.article),
  );
  for (const [i, a] of batch.articles.entries()) a.afterSave(saved[i]);
  await repo.saveMappings(run.db, batch.mappings, run.dialect);
  await repo.claimLegacyUrls(run.db, batch.claims);
  for (const r of batch.retargets) await repo.retargetChildAttachments(run.db, { source: run.source, ...r });
  await indexImportedArticles(run.db, batch.indexed);
  await importDiscussions(run, batch.discussions);
}

const POST_TYPES = new Set(['post', 'page']);

/** A post (an article) or a page of a batch; an item of another type is reported as left out, in its place. */
async function importPost(
  run: ImportRun,
  item: WxrItem,
  { base, batch }: { base: string; batch: PostBatch },
): Promise<void> {
  if (!POST_TYPES.has(item.type))
    return skip(run, {
      kind: 'item',
      id: item.id,
      code: 'item_type',
      values: { type: item.type },
    });
  const kind = item.type === 'page' ? 'page' : 'post';
  if (!item.id) return skip(run, { kind, id: '', code: 'no_id', values: { element: '<wp:post_id>', line: item.line } });
  if (!isImportedContent(item))
    return skip(run, {
      kind,
      id: item.id,
      code: 'not_content',
      values: { status: item.status, which: item.status.replace(/[^a-z]/g, '') },
    });
  const hash = fingerprint({
    item: { ...item, comments: undefined, line: undefined },
    uploads: run.uploadsDir !== undefined,
  });
  const before = batch.known.get(item.id);
  const articleId = before?.dateline_id ?? undefined;
  if (before && articleId && !batch.alive.has(articleId)) {
    return skip(run, { kind, id: item.id, code: 'deleted_here' });
  }
  if (before?.content_hash === hash && articleId) {
    count(run, kind, 'unchanged');
  } else {
    const { article, slug, children } = await toArticle(run, item, { kind, id: articleId, batch });
    // The discussion keeps its place among the batch's: its article id comes with the save.
    const discussion: PendingDiscussion = { item, articleId: articleId ?? '' };
    batch.discussions.push(discussion);
    batch.articles.push({
      article,
      afterSave: (saved) => {
        discussion.articleId = saved.id;
        batch.indexed.push(saved.id);
        batch.mappings.push(
          mapping(run, {
            kind: 'post',
            wp_id: item.id,
            guid: item.guid.slice(0, 2000),
            dateline_id: saved.id,
            wp_status: item.status,
            content_hash: hash,
          }),
        );
        const category = item.terms.find((t) => t.domain === 'category')?.slug ?? '';
        const paths = permalinksOf({
          id: item.id,
          type: kind,
          slug,
          date: item.date,
          link: item.link,
          guid: item.guid,
          category: decodeSlug(category),
          base,
        });
        batch.claims.push(
          ...legacyClaims(run, { paths, target: articlePath(saved.slug), owner: { kind: 'post', wpId: item.id } }),
        );
        if (children) batch.retargets.push({ parentWpId: item.id, target: articlePath(saved.slug) });
      },
    });
    count(run, kind, before ? 'updated' : 'created');
    return;
  }
  batch.discussions.push({ item, articleId: articleId! });
}

async function toArticle(
  run: ImportRun,
  item: WxrItem,
  { kind, id, batch }: { kind: 'post' | 'page'; id: string | undefined; batch: PostBatch },
) {
  let mapped = { status: STATUS[item.status] ?? 'draft', as: item.status || 'none' };
  if (item.password && mapped.status === 'published') mapped = { status: 'draft', as: 'protected' };
  run.report.statuses[mapped.as] = (run.report.statuses[mapped.as] ?? 0) + 1;

  const title = oneLine(htmlToText(item.title), 300);
  if (title.cut) note(run, { about: { kind, id: item.id }, code: 'title_cut', values: { limit: 300 } });
  if (!title.text) note(run, { about: { kind, id: item.id }, code: 'untitled', values: { headline: run.untitled } });
  const headline = title.text || run.untitled;
  const wpSlug = decodeSlug(item.name);
  const slug = slugify(wpSlug || headline, 200);

  const children = batch.children.get(item.id) ?? [];
  const named = galleryIds(item.content).flatMap((wpId) => batch.attachments.get(wpId) ?? []);
  const ref = (m: repo.Mapping): AttachmentRef => ({ url: m.url, label: m.label });
  // Pictures copied into the media folder carry their size and responsive sizes, as uploaded ones do.
  const thumbnail = meta(item, '_thumbnail_id').trim();
  const image = thumbnail ? batch.attachments.get(thumbnail) : undefined;
  const placed = new Map(uploadAddresses(item.content, run.origin).map((a) => [a.written, placeUpload(run, a)]));
  const images = await describeImages(run, [
    ...placed.values(),
    ...named.map((m) => m.url),
    ...children.map((m) => m.url),
    ...(image ? [image.url] : []),
  ]);
  const body = renderWordPressBody(item.content, {
    origin: run.origin,
    attachments: new Map(named.map((m) => [m.wp_id, ref(m)])),
    children: children.map(ref),
    rewriteUpload: (a) => placed.get(a.written) ?? placeUpload(run, a),
    image: (src) => images.get(src),
  });
  for (const name of body.unknownShortcodes) run.report.shortcodes[name] = (run.report.shortcodes[name] ?? 0) + 1;

  const authorId = await authorOf(run, item.creator);
  const tagIds: string[] = [];
  let sectionId: string | null = null;
  const categories = item.terms.filter((t) => t.domain === 'category');
  const primary = categories.find((c) => c.slug !== 'uncategorized') ?? categories[0];
  if (kind === 'post' && primary)
    sectionId = (await termOf(run, 'category', { slug: primary.slug, name: primary.name })) ?? null;
  if (kind === 'post' && categories.length > 1)
    note(run, {
      about: { kind: 'post', id: item.id },
      code: 'categories',
      values: { count: categories.length, section: primary.name },
    });
  for (const t of item.terms.filter((t) => t.domain === 'post_tag' || t.domain === 'tag')) {
    const tagId = await termOf(run, 'tag', { slug: t.slug, name: t.name });
    if (tagId && !tagIds.includes(tagId)) tagIds.push(tagId);
  }

  let featuredImage: ImportedArticle['featuredImage'] = null;
  if (image) {
    const sizes = images.get(image.url);
    featuredImage = {
      url: image.url,
      alt: image.label,
      caption: '',
      ...(sizes && { width: sizes.width, height: sizes.height, srcset: sizes.srcset }),
    };
  } else if (thumbnail)
    skip(run, {
      kind: 'attachment',
      id: thumbnail,
      code: 'featured_image_missing',
      values: { ownerKind: kind, ownerId: item.id },
    });

  const date = wpDate(item.dateGmt, item.date, item.pubDate) ?? run.now;
  const commentSetting: CommentSetting =
    item.commentStatus === 'closed' ? 'closed' : item.commentStatus === 'open' ? 'open' : 'default';
  const article: ImportedArticle = {
    id,
    kind: kind === 'page' ? 'page' : 'article',
    slug,
    headline,
    bodyHtml: body.html,
    excerpt: oneLine(htmlToText(item.excerpt), 1000).text,
    sectionId,
    authorIds: authorId ? [authorId] : [],
    tagIds,
    featuredImage,
    status: mapped.status,
    publishedAt: mapped.status === 'published' || item.status === 'private' ? date : null,
    commentSetting,
    sticky: item.sticky === '1',
    createdAt: date,
    updatedAt: run.now,
  };
  return { article, slug: wpSlug, children: children.length };
}
