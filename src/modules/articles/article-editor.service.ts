// The desk's article editor: the form's values for an article, everything the form offers to choose from, and a
// save from the form (the button pressed, the newsroom's time zone, a photo chosen from the library).
import type { Deps } from '../../deps.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { instantToWallTime, wallTimeToInstant } from '../../platform/zoned-time.ts';
import { findMedia, listMedia, type MediaItem } from '../media/index.ts';
import { listUsers } from '../people/index.ts';
import { authorize, can, type Staff } from '../permissions/index.ts';
import { listSections, type Section } from '../sections/index.ts';
import type { Article } from './article.ts';
import { imageWarningsFor } from './article-images.ts';
import {
  assertCanEdit, createArticle, findArticleForStaff, listDeskArticles, updateArticle, type ArticleInput, type DeskQuery, type SavedArticle,
} from './article.service.ts';
import { listPreviewLinks, previewable, type PreviewLink } from './preview-link.service.ts';

/** What the editor's form shows: a saved article's values, or what the person just typed. */
export interface ArticleFormValues {
  headline: string;
  subheadline: string;
  slug: string;
  body: string;
  excerpt: string;
  dateline: string;
  sourceCredit: string;
  authors: string[];
  section: string;
  tags: string;
  imageUrl: string;
  imageCaption: string;
  imageCredit: string;
  imageAlt: string;
  imageWidth: string;
  imageHeight: string;
  commentStatus: string;
  /** '1' when ticked, '0' when shown unticked, '' when the form did not show the box (only editors and admins see it). */
  pinned: string;
  publishAt: string;
  version: string;
  /** A photo chosen from the media library, replacing the image fields' address and size. */
  mediaId: string;
}

/** The form's values for a saved article (or a new one, by its writer), times in the newsroom's time zone. */
export function articleFormValues(article: Article | undefined, staff: Staff, timeZone: string): ArticleFormValues {
  const img = article?.featuredImage;
  return {
    headline: article?.headline ?? '', subheadline: article?.subheadline ?? '', slug: article?.slug ?? '',
    body: article?.bodySource ?? '', excerpt: article?.excerpt ?? '', dateline: article?.dateline ?? '',
    sourceCredit: article?.sourceCredit ?? '', authors: article ? article.authors.map((a) => a.id) : [staff.id],
    section: article?.section?.slug ?? '', tags: article?.tags.map((t) => t.name).join(', ') ?? '',
    imageUrl: img?.url ?? '', imageCaption: img?.caption ?? '', imageCredit: img?.credit ?? '', imageAlt: img?.alt ?? '',
    imageWidth: img?.width ? String(img.width) : '', imageHeight: img?.height ? String(img.height) : '',
    commentStatus: article?.commentSetting ?? 'default',
    pinned: article?.pinned ? '1' : '',
    publishAt: article?.publishedAt ? instantToWallTime(article.publishedAt, timeZone) : '',
    version: article ? String(article.version) : '',
    mediaId: '',
  };
}

export interface EditorChoices {
  sections: Section[];
  people: { id: string; name: string }[];
  media: MediaItem[];
  /** What the staff member's role lets the form offer. */
  mayPublish: boolean;
  mayPin: boolean;
  mayDelete: boolean;
  /** May record updates and corrections readers see on a published article. */
  mayCorrect: boolean;
  /** A saved article's live private preview links, and whether it can have one now (not public, not in the trash). */
  previews: PreviewLink[];
  previewable: boolean;
  /** Images the article still takes from other sites, and why each was not copied into the library. */
  imageWarnings: { url: string; message: string }[];
}

/**
 * What the editor offers to choose from (sections, bylines, the library's latest photos, the buttons of a role) and
 * what it says of a saved article (its preview links, the images it could not copy: `imageCodes` from the last save).
 */
export async function loadEditorChoices(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>, input: { staff: Staff; article?: Article; imageCodes?: string[] },
): Promise<EditorChoices> {
  const { staff, article } = input;
  authorize(staff, 'article.create');
  const [sections, people, media, previews] = await Promise.all([
    listSections(deps.db), listUsers(deps.db), listMedia(deps, { limit: 50, offset: 0 }),
    article ? listPreviewLinks(deps, { staff, article }) : [],
  ]);
  return {
    sections, people, media, previews,
    mayPublish: can(staff, 'article.publish'), mayPin: can(staff, 'article.pin'), mayDelete: can(staff, 'article.delete'), mayCorrect: can(staff, 'article.correct'),
    previewable: article ? previewable(article.status) : false,
    imageWarnings: article
      ? imageWarningsFor({ featuredImageUrl: article.featuredImage?.url, body: article.bodySource }, deps.config.publicUrl, input.imageCodes) : [],
  };
}

/** An article the staff member may edit; 404 for an id that names none. */
export async function findEditableArticle(deps: Pick<Deps, 'db' | 'clock'>, input: { staff: Staff; id: string }): Promise<Article> {
  const article = isId(input.id) ? await findArticleForStaff(deps, input.id) : undefined;
  if (!article) throw notFound('There is no article with that id.');
  assertCanEdit(input.staff, article);
  return article;
}

/** The form's values as the article service's input, for the button pressed. */
function editorInput(v: ArticleFormValues, opts: { action: string; timeZone: string; creating: boolean; now: Date; srcset: string }): ArticleInput {
  const { action, creating } = opts;
  let publishAt: string | undefined;
  if (v.publishAt.trim() !== '') {
    const at = wallTimeToInstant(v.publishAt.trim(), opts.timeZone);
    if (!at) throw invalid('publishAt', 'invalid_time', 'Give the publication time as a date and a time.');
    publishAt = at.toISOString();
  }
  const status = action === 'publish' ? (publishAt && Date.parse(publishAt) > opts.now.getTime() ? 'scheduled' : 'published')
    : action === 'schedule' ? 'scheduled' : action === 'unpublish' ? 'draft' : action === 'submit' ? 'pending' : creating ? 'draft' : undefined;
  if (action === 'schedule' && !publishAt) throw invalid('publishAt', 'schedule_needs_time', 'Choose the publication time to schedule the article.');
  const pixels = (raw: string) => (raw.trim() === '' ? undefined : Number(raw));
  return {
    headline: v.headline, subheadline: v.subheadline, body: v.body, excerpt: v.excerpt, dateline: v.dateline, sourceCredit: v.sourceCredit,
    ...(v.slug.trim() !== '' && { slug: v.slug.trim() }),
    authors: v.authors, section: v.section || null,
    tags: v.tags.split(',').map((t) => t.trim()).filter(Boolean),
    featuredImage: v.imageUrl.trim() === '' ? null : {
      url: v.imageUrl.trim(), alt: v.imageAlt, caption: v.imageCaption, credit: v.imageCredit,
      width: pixels(v.imageWidth), height: pixels(v.imageHeight), srcset: opts.srcset,
    },
    commentStatus: (['open', 'closed', 'default'].includes(v.commentStatus) ? v.commentStatus : 'default') as ArticleInput['commentStatus'],
    // Only a form that showed the box (editors, admins) says anything about pinning.
    ...(v.pinned !== '' && { pinned: v.pinned === '1' }),
    ...(status && { status }),
    ...(publishAt && (status === 'scheduled' || status === 'published' || !creating) && { publishAt }),
    ...(v.version && { version: Number(v.version) }),
  };
}

/**
 * Saves the editor's form: creates the article or changes `current`, as the button pressed asks (save, publish,
 * schedule, unpublish, submit). A library photo brings its address, size and sizes; the person's own caption,
 * credit and alt win. `values` gets the photo's fields, so a refused save shows them.
 */
export async function saveFromEditor(
  deps: Deps, input: { staff: Staff; current?: Article; values: ArticleFormValues; action: string; timeZone: string },
): Promise<SavedArticle> {
  const { values, current } = input;
  const chosen = values.mediaId && isId(values.mediaId) ? await findMedia(deps, values.mediaId) : undefined;
  if (values.mediaId && !chosen) throw invalid('mediaId', 'unknown_media', 'That photo is no longer in the media library.');
  if (chosen) {
    Object.assign(values, {
      imageUrl: chosen.url, imageWidth: String(chosen.width), imageHeight: String(chosen.height),
      imageAlt: values.imageAlt || chosen.alt, imageCaption: values.imageCaption || chosen.caption, imageCredit: values.imageCredit || chosen.credit,
    });
  }
  const keptSrcset = current?.featuredImage?.url === values.imageUrl.trim() ? current.featuredImage.srcset : '';
  const article = editorInput(values, {
    action: input.action, timeZone: input.timeZone, creating: !current, now: deps.clock.now(), srcset: chosen?.srcset ?? keptSrcset,
  });
  return current
    ? updateArticle(deps, { staff: input.staff, id: current.id, changes: article })
    : createArticle(deps, { staff: input.staff, article });
}

export interface DeskListFilters {
  status?: string;
  section?: string;
  author?: string;
  q?: string;
  sort?: string;
  page?: number;
}

/** The desk's list of articles with its filters, and the sections and people the filters offer. */
/** Each article's pending and approved comments (the comments module, above this one, counts them). */
export type CommentCounter = (articleIds: string[]) => Promise<Map<string, { pending: number; approved: number }>>;

export async function loadDeskList(deps: Pick<Deps, 'db' | 'clock'>, input: { staff: Staff; filters: DeskListFilters; commentCounts: CommentCounter }) {
  authorize(input.staff, 'article.create');
  const f = input.filters;
  const [sections, people] = await Promise.all([listSections(deps.db), listUsers(deps.db)]);
  const query: DeskQuery = {
    status: ['draft', 'pending', 'scheduled', 'published', 'trash'].includes(f.status ?? '') ? f.status as DeskQuery['status'] : undefined,
    sectionId: sections.find((s) => s.slug === f.section)?.id,
    authorId: people.find((p) => p.id === f.author)?.id,
    text: f.q?.slice(0, 200) || undefined,
    sort: ['updated', 'headline'].includes(f.sort ?? '') ? f.sort as DeskQuery['sort'] : 'newest',
    page: f.page ?? 1, limit: 25,
  };
  const list = await listDeskArticles(deps, query);
  const counts = await input.commentCounts(list.articles.map((a) => a.id));
  return {
    list, sections, people, sort: query.sort ?? 'newest', mayDelete: can(input.staff, 'article.delete'),
    comments: { counts, mayModerate: can(input.staff, 'comment.moderate') },
  };
}
