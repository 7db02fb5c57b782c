// The desk's article editor: the form's values for an article, everything the form offers to choose from, and a
// save from the form (the button pressed, the newsroom's time zone, a photo chosen from the library).
import type { Deps } from '../../deps.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { instantToWallTime, wallTimeToInstant } from '../../platform/zoned-time.ts';
import {
  findMedia,
  findMediaByIds,
  findMediaByUrls,
  searchMedia,
  uploadMedia,
  type MediaItem,
  type MediaPage,
} from '../media/index.ts';
import { listUsers } from '../people/index.ts';
import { authorize, can, type Staff } from '../permissions/index.ts';
import { listSections, type Section } from '../sections/index.ts';
import { getSettings } from '../settings/index.ts';
import type { Article, ArticleTranslation } from './article.ts';
import { siteLanguages } from './article-language.ts';
import { missingLanguages } from './translation.service.ts';
import { featuredImageInput, imageWarningsFor } from './article-images.ts';
import { discardAutosave, findAutosave, type Autosave } from './autosave.service.ts';
import { photoLine } from './body-format.ts';

/** Photos on one page of the editor's picker. */
const PICKER_PAGE = 12;
import {
  assertCanEdit,
  createArticle,
  findArticleForStaff,
  listDeskArticles,
  updateArticle,
  type ArticleInput,
  type DeskQuery,
  type SavedArticle,
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
  imageCaption: string;
  imageCredit: string;
  imageAlt: string;
  commentStatus: string;
  /** '1' when ticked, '0' when shown unticked, '' when the form did not show the box (only editors and admins see it). */
  pinned: string;
  publishAt: string;
  version: string;
  /**
   * The featured photo: a library photo's id, 'current' to keep the article's own (whatever it is), '' for none.
   * Its address, width and height always come from the stored photo.
   */
  mediaId: string;
  /** The photo picker's search (words of a caption or credit) and page. */
  photoQuery: string;
  photoPage: string;
  /** What a photo uploaded from the editor is for: 'featured' or 'body'; and its words. */
  photoUse: string;
  photoAlt: string;
  photoCaption: string;
  photoCredit: string;
  /** The article's language (BCP 47): the site's default for a new article. */
  language: string;
}

/**
 * The form's values for a saved article (or a new one, by its writer), times in the newsroom's time zone, the
 * language the site's default unless the article has its own.
 */
export function articleFormValues(
  article: Article | undefined,
  staff: Staff,
  site: { timeZone: string; language: string },
): ArticleFormValues {
  const { timeZone } = site;
  const img = article?.featuredImage;
  return {
    language: article?.language ?? site.language,
    headline: article?.headline ?? '',
    subheadline: article?.subheadline ?? '',
    slug: article?.slug ?? '',
    body: article?.bodySource ?? '',
    excerpt: article?.excerpt ?? '',
    dateline: article?.dateline ?? '',
    sourceCredit: article?.sourceCredit ?? '',
    authors: article ? article.authors.map((a) => a.id) : [staff.id],
    section: article?.section?.slug ?? '',
    tags: article?.tags.map((t) => t.name).join(', ') ?? '',
    imageCaption: img?.caption ?? '',
    imageCredit: img?.credit ?? '',
    imageAlt: img?.alt ?? '',
    commentStatus: article?.commentSetting ?? 'default',
    pinned: article?.pinned ? '1' : '',
    publishAt: article?.publishedAt ? instantToWallTime(article.publishedAt, timeZone) : '',
    version: article ? String(article.version) : '',
    mediaId: img ? 'current' : '',
    photoQuery: '',
    photoPage: '',
    photoUse: 'featured',
    photoAlt: '',
    photoCaption: '',
    photoCredit: '',
  };
}

export interface EditorChoices {
  sections: Section[];
  people: { id: string; name: string }[];
  /** A page of the media library for the photo picker, searched as the form asks. */
  library: MediaPage;
  /** The article's featured photo as the library knows it (undefined for none, or one from elsewhere). */
  currentPhoto?: MediaItem;
  /** The photo the form has chosen, when it is not on the picker's page. */
  chosenPhoto?: MediaItem;
  /** What the staff member's role lets the form offer. */
  mayPublish: boolean;
  mayPin: boolean;
  mayDelete: boolean;
  /** May record updates and corrections readers see on a published article. */
  mayCorrect: boolean;
  /** A saved article's live private preview links, and whether it can have one now (not public, not in the trash). */
  previews: PreviewLink[];
  previewable: boolean;
  /** The person's unsaved text of this article (or of a new one) from an autosave, to offer back. */
  autosave?: Autosave;
  /** Images the article still takes from other sites, and why each was not copied into the library. */
  imageWarnings: { url: string; reason: string; message: string }[];
  /** The languages the site publishes in (default first); the desk names them in its own language. */
  languages: string[];
  /** A saved article's translations (every status), each with its language (the site's default when it has none). */
  translations: (Omit<ArticleTranslation, 'language'> & { language: string })[];
  /** The site's languages the story has no article in yet. */
  missingLanguages: string[];
}

/**
 * What the editor offers to choose from (sections, bylines, the library's latest photos, the buttons of a role) and
 * what it says of a saved article (its preview links, the images it could not copy: `imageCodes` from the last save).
 */
export async function loadEditorChoices(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'translations'>,
  input: {
    staff: Staff;
    article?: Article;
    imageCodes?: string[];
    values?: Pick<ArticleFormValues, 'mediaId' | 'photoQuery' | 'photoPage'>;
    offerAutosave?: boolean;
  },
): Promise<EditorChoices> {
  const { staff, article, values } = input;
  authorize(staff, 'article.create');
  const featuredUrl = article?.featuredImage?.url;
  const chosenId = values?.mediaId && isId(values.mediaId) ? values.mediaId : undefined;
  const [sections, people, library, previews, [currentPhoto], [chosen], autosave, settings, missing] =
    await Promise.all([
      listSections(deps.db),
      listUsers(deps.db),
      searchMedia(deps, { text: values?.photoQuery, page: Number(values?.photoPage) || 1, perPage: PICKER_PAGE }),
      article ? listPreviewLinks(deps, { staff, article }) : [],
      featuredUrl?.startsWith('/media/') ? findMediaByUrls(deps, [featuredUrl]) : [],
      chosenId ? findMediaByIds(deps, [chosenId]) : [],
      input.offerAutosave ? findAutosave(deps, { staff, article }) : undefined,
      getSettings(deps),
      article ? missingLanguages(deps, article) : [],
    ]);
  const chosenPhoto = chosen && !library.items.some((m) => m.id === chosen.id) ? chosen : undefined;
  return {
    sections,
    people,
    library,
    currentPhoto,
    chosenPhoto,
    previews,
    autosave,
    languages: siteLanguages(settings).all,
    translations: (article?.translations ?? []).map((t) => ({ ...t, language: t.language ?? settings.language })),
    missingLanguages: missing,
    mayPublish: can(staff, 'article.publish'),
    mayPin: can(staff, 'article.pin'),
    mayDelete: can(staff, 'article.delete'),
    mayCorrect: can(staff, 'article.correct'),
    previewable: article ? previewable(article.status) : false,
    imageWarnings: article
      ? imageWarningsFor(
          { featuredImageUrl: article.featuredImage?.url, body: article.bodySource },
          deps.config.publicUrl,
          input.imageCodes,
        )
      : [],
  };
}

/** An article the staff member may edit; 404 for an id that names none. */
export async function findEditableArticle(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; id: string },
): Promise<Article> {
  const article = isId(input.id) ? await findArticleForStaff(deps, input.id) : undefined;
  if (!article) throw notFound('There is no article with that id.', 'article');
  assertCanEdit(input.staff, article);
  return article;
}

/** The form's values as the article service's input, for the button pressed; the featured image is decided by the caller. */
function editorInput(
  v: ArticleFormValues,
  opts: {
    action: string;
    timeZone: string;
    creating: boolean;
    now: Date;
    featuredImage: ArticleInput['featuredImage'];
  },
): ArticleInput {
  const { action, creating } = opts;
  let publishAt: string | undefined;
  if (v.publishAt.trim() !== '') {
    const at = wallTimeToInstant(v.publishAt.trim(), opts.timeZone);
    if (!at) throw invalid('publishAt', 'invalid_time', 'Give the publication time as a date and a time.');
    publishAt = at.toISOString();
  }
  const status =
    action === 'publish'
      ? publishAt && Date.parse(publishAt) > opts.now.getTime()
        ? 'scheduled'
        : 'published'
      : action === 'schedule'
        ? 'scheduled'
        : action === 'unpublish'
          ? 'draft'
          : action === 'submit'
            ? 'pending'
            : creating
              ? 'draft'
              : undefined;
  if (action === 'schedule' && !publishAt)
    throw invalid('publishAt', 'schedule_needs_time', 'Choose the publication time to schedule the article.');
  return {
    headline: v.headline,
    subheadline: v.subheadline,
    body: v.body,
    excerpt: v.excerpt,
    dateline: v.dateline,
    sourceCredit: v.sourceCredit,
    ...(v.slug.trim() !== '' && { slug: v.slug.trim() }),
    authors: v.authors,
    section: v.section || null,
    tags: v.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    featuredImage: opts.featuredImage,
    ...(v.language.trim() !== '' && { language: v.language.trim() }),
    commentStatus: (['open', 'closed', 'default'].includes(v.commentStatus)
      ? v.commentStatus
      : 'default') as ArticleInput['commentStatus'],
    // Only a form that showed the box (editors, admins) says anything about pinning.
    ...(v.pinned !== '' && { pinned: v.pinned === '1' }),
    ...(status && { status }),
    ...(publishAt && (status === 'scheduled' || status === 'published' || !creating) && { publishAt }),
    ...(v.version && { version: Number(v.version) }),
  };
}

/**
 * The featured image the form asks for. A library photo brings its address, size and sizes from the stored photo;
 * its words are the person's, except where they left a field empty, or (choosing another photo) left it as the
 * article had it: then the new photo's own words come with it.
 */
async function chosenFeaturedImage(
  deps: Pick<Deps, 'db'>,
  current: Article | undefined,
  v: ArticleFormValues,
): Promise<ArticleInput['featuredImage']> {
  const had = current?.featuredImage;
  if (v.mediaId === 'current') {
    return had ? { ...featuredImageInput(had), alt: v.imageAlt, caption: v.imageCaption, credit: v.imageCredit } : null;
  }
  if (v.mediaId === '') return null;
  const chosen = isId(v.mediaId) ? await findMedia(deps, v.mediaId) : undefined;
  if (!chosen)
    throw invalid('mediaId', 'unknown_media', 'That photo is no longer in the media library: choose another.');
  const switched = chosen.url !== had?.url;
  const word = (typed: string, old: string | undefined, own: string) =>
    typed.trim() === '' || (switched && typed === (old ?? '')) ? own : typed;
  Object.assign(v, {
    imageAlt: word(v.imageAlt, had?.alt, chosen.alt),
    imageCaption: word(v.imageCaption, had?.caption, chosen.caption),
    imageCredit: word(v.imageCredit, had?.credit, chosen.credit),
  });
  return {
    url: chosen.url,
    width: chosen.width,
    height: chosen.height,
    srcset: chosen.srcset,
    alt: v.imageAlt,
    caption: v.imageCaption,
    credit: v.imageCredit,
  };
}

/** A photo sent with the editor's form (its file field). */
export interface EditorUpload {
  bytes: Buffer;
  originalName: string;
}

/** Buttons of the photo picker: they change the form, not the article. */
const isPhotoAction = (action: string) =>
  action === 'upload' ||
  action === 'photos' ||
  /^photos-\d{1,5}$/.test(action) ||
  /^insert-[0-9A-Za-z-]{1,64}$/.test(action);

/** What a press of the editor's buttons did: the article saved, or the form to show again (a photo button). */
export type EditorResult = { saved: SavedArticle } | { values: ArticleFormValues; notice?: EditorNotice };

/** What a photo button did, for the desk to say in the editor's language (nothing is saved yet, in every case). */
export type EditorNotice = { kind: 'uploaded_body' | 'uploaded_featured' } | { kind: 'inserted'; photo: string };

/**
 * Applies the editor's form: first a photo sent with it (stored in the library, then made the featured photo or put
 * at the end of the body), then the button pressed. Save, publish, schedule, unpublish and submit save the article
 * (creating it, or changing `current`); the picker's buttons (upload, find, pages, put in the body) answer the form's
 * values to show again, nothing saved. `values` changes in place, so a refused save shows what was made of it.
 */
export async function saveFromEditor(
  deps: Deps,
  input: {
    staff: Staff;
    current?: Article;
    values: ArticleFormValues;
    action: string;
    timeZone: string;
    upload?: EditorUpload;
  },
): Promise<EditorResult> {
  const { values, current, action, staff } = input;
  let notice: EditorNotice | undefined;
  if (input.upload && input.upload.bytes.length > 0) {
    const photo = await uploadMedia(deps, {
      staff,
      bytes: input.upload.bytes,
      originalName: input.upload.originalName,
      alt: values.photoAlt,
      caption: values.photoCaption,
      credit: values.photoCredit,
    });
    if (values.photoUse === 'body') {
      values.body = `${values.body.trimEnd()}${values.body.trim() ? '\n\n' : ''}${photoLine(photo.id)}\n`;
      notice = { kind: 'uploaded_body' };
    } else {
      Object.assign(values, {
        mediaId: photo.id,
        imageAlt: photo.alt,
        imageCaption: photo.caption,
        imageCredit: photo.credit,
      });
      notice = { kind: 'uploaded_featured' };
    }
    Object.assign(values, { photoAlt: '', photoCaption: '', photoCredit: '', photoQuery: '', photoPage: '' });
  } else if (action === 'upload') {
    throw invalid('photoFile', 'file_required', 'Choose a photo to upload.');
  }
  if (isPhotoAction(action)) {
    authorize(staff, 'article.create');
    if (action.startsWith('photos-')) values.photoPage = action.slice('photos-'.length);
    if (action === 'photos') values.photoPage = '';
    if (action.startsWith('insert-')) {
      const photo = await findMedia(deps, action.slice('insert-'.length));
      if (!photo)
        throw invalid('mediaId', 'unknown_media', 'That photo is no longer in the media library: choose another.');
      values.body = `${values.body.trimEnd()}${values.body.trim() ? '\n\n' : ''}${photoLine(photo.id)}\n`;
      notice = { kind: 'inserted', photo: photo.caption || photo.originalName };
    }
    return { values, notice };
  }
  const featuredImage = await chosenFeaturedImage(deps, current, values);
  const article = editorInput(values, {
    action,
    timeZone: input.timeZone,
    creating: !current,
    now: deps.clock.now(),
    featuredImage,
  });
  const saved = current
    ? await updateArticle(deps, { staff, id: current.id, changes: article })
    : await createArticle(deps, { staff, article });
  // Saved: the autosave slot has nothing left to offer.
  await discardAutosave(deps, { staff, articleId: current ? current.id : 'new' });
  return { saved };
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

export async function loadDeskList(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; filters: DeskListFilters; commentCounts: CommentCounter },
) {
  authorize(input.staff, 'article.create');
  const f = input.filters;
  const [sections, people] = await Promise.all([listSections(deps.db), listUsers(deps.db)]);
  const query: DeskQuery = {
    status: ['draft', 'pending', 'scheduled', 'published', 'trash'].includes(f.status ?? '')
      ? (f.status as DeskQuery['status'])
      : undefined,
    sectionId: sections.find((s) => s.slug === f.section)?.id,
    authorId: people.find((p) => p.id === f.author)?.id,
    text: f.q?.slice(0, 200) || undefined,
    sort: ['updated', 'headline'].includes(f.sort ?? '') ? (f.sort as DeskQuery['sort']) : 'newest',
    page: f.page ?? 1,
    limit: 25,
  };
  const list = await listDeskArticles(deps, query);
  const counts = await input.commentCounts(list.articles.map((a) => a.id));
  return {
    list,
    sections,
    people,
    sort: query.sort ?? 'newest',
    mayDelete: can(input.staff, 'article.delete'),
    comments: { counts, mayModerate: can(input.staff, 'comment.moderate') },
  };
}
