// The article page: everything the reference page shows, then the discussion.
import type { Article } from '../../modules/articles/index.ts';
import type { CommentNode } from '../../modules/comments/index.ts';
import type { ArticleUpdate } from '../../modules/updates/index.ts';
import { bodyWithDateline } from '../article-body.tsx';
import { ArticleUpdates } from '../article-updates.tsx';
import { Bylines } from '../bylines.tsx';
import { type CommentFormState, type CommentFragments, Discussion } from '../discussion.tsx';
import { Layout } from '../layout.tsx';
import {
  absoluteUrl,
  archivePathOf,
  articleCommentsBase,
  articlePath,
  authorPath,
  defaultCardImage,
  formatDate,
  sectionPath,
  tagPath,
  type SiteView,
} from '../site.ts';
import type { SocialCard } from '../social-card.tsx';
import { JsonLd, newsArticle, type StructuredComment } from '../structured-data.tsx';
import { Slot } from '../page-slots.tsx';

interface ArticlePageProps {
  site: SiteView;
  article: Article;
  comments: CommentNode[];
  /** Editor's picks from the whole discussion, whichever page of it is shown. */
  picks?: CommentNode[];
  discussionOpen: boolean;
  form?: CommentFormState;
  /** A private preview of an unpublished article: marked as such, with no discussion. */
  preview?: boolean;
  paging?: { page: number; pages: number; defaultPage: number };
  /** Only on a reader's own, uncached page: their comments they may still edit or delete. */
  editable?: Set<string>;
  /** Updates and corrections, newest first. */
  updates?: ArticleUpdate[];
  /** The first approved comments, for the structured data. */
  firstComments?: StructuredComment[];
  /** What to read next, shown before the discussion. */
  more?: MoreToReadView;
  /** Its published translations, each named in its own language ("Leer en español"). */
  translations?: TranslationLink[];
  /** Where the comments' markup comes from (the page is then put together by assembleDocument). */
  fragments?: CommentFragments;
  /**
   * Rendered to be kept: the structured data and the discussion stand as slots (page-slots.tsx), which each view
   * fills with articleStructuredData and ArticleDiscussion.
   */
  slotted?: boolean;
}

export interface TranslationLink {
  /** BCP 47 tag of the translation's language. */
  language: string;
  path: string;
  /** The link's words, in the translation's language. */
  readIn: string;
}

/**
 * The head's alternates of an article written in several languages: each translation and the page itself by
 * language, and x-default for the one in the site's default language, which readers of any other language land on.
 */
function Alternates({
  site,
  self,
  translations,
}: {
  site: SiteView;
  self: TranslationLink;
  translations: TranslationLink[];
}) {
  if (translations.length === 0) return null;
  const all = [self, ...translations];
  const fallback = all.find((t) => t.language.toLowerCase() === site.settings.language.toLowerCase());
  return (
    <>
      {all.map((t) => (
        <link rel="alternate" hreflang={t.language} href={absoluteUrl(site, t.path)} />
      ))}
      {fallback && <link rel="alternate" hreflang="x-default" href={absoluteUrl(site, fallback.path)} />}
    </>
  );
}

/** The links to the article's translations, each in its own language. */
function TranslationLinks({ site, translations }: { site: SiteView; translations: TranslationLink[] }) {
  if (translations.length === 0) return null;
  return (
    <nav class="translations" aria-label={site.i18n.t('article.translationsNav')}>
      <ul>
        {translations.map((t) => (
          <li>
            <a href={t.path} lang={t.language} hreflang={t.language} rel="alternate">
              {t.readIn}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface MoreToReadView {
  /** The section the list comes from; otherwise the articles share its tags. */
  section: { name: string; slug: string } | null;
  articles: { path: string; headline: string; publishedAt: Date | null }[];
}

function MoreToRead({ site, more }: { site: SiteView; more: MoreToReadView }) {
  if (more.articles.length === 0) return null;
  return (
    <nav class="more-to-read" aria-labelledby="more-title">
      <h2 id="more-title">
        {more.section
          ? site.i18n.rich('article.moreIn', {
              section: more.section.name,
              a: (c) => <a href={sectionPath(more.section!.slug)}>{c}</a>,
            })
          : site.i18n.t('article.moreToRead')}
      </h2>
      <ul>
        {more.articles.map((a) => (
          <li>
            <a href={a.path}>{a.headline}</a>
            {a.publishedAt && (
              <>
                {' '}
                <time datetime={a.publishedAt.toISOString()}>{formatDate(site, a.publishedAt)}</time>
              </>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A change shown as "Updated" when it came well after publication (not the minutes of last fixes before going out). */
const UPDATED_AFTER_MS = 10 * 60_000;

/** The card a shared link to the article shows: its photo, else the site's default image. */
function articleCard(site: SiteView, article: Article): SocialCard {
  const photo = article.featuredImage;
  const fallback = defaultCardImage(site);
  return {
    type: 'article',
    title: article.headline,
    description: article.excerpt || site.settings.description,
    url: absoluteUrl(site, articlePath(article.slug)),
    image: photo
      ? { url: absoluteUrl(site, photo.url), width: photo.width, height: photo.height, alt: photo.alt }
      : fallback && { ...fallback, url: absoluteUrl(site, fallback.url) },
    article: {
      publishedTime: article.publishedAt ?? article.createdAt,
      modifiedTime: article.modifiedAt,
      section: article.section?.name,
      tags: article.tags.map((t) => t.name),
      authors: article.authors.map((a) => absoluteUrl(site, authorPath(a.slug))),
    },
  };
}

export function ArticlePage({
  site,
  article,
  comments,
  picks,
  discussionOpen,
  form,
  preview,
  paging,
  editable,
  updates = [],
  firstComments = [],
  more,
  translations = [],
  fragments,
  slotted,
}: ArticlePageProps) {
  const image = article.featuredImage;
  const updated =
    article.publishedAt && article.modifiedAt.getTime() - article.publishedAt.getTime() > UPDATED_AFTER_MS
      ? article.modifiedAt
      : undefined;
  return (
    <Layout
      site={site}
      title={article.headline}
      description={article.excerpt}
      path={articlePath(article.slug)}
      withScript={discussionOpen}
      head={
        preview ? undefined : (
          <Alternates
            site={site}
            self={{ language: site.i18n.language, path: articlePath(article.slug), readIn: '' }}
            translations={translations}
          />
        )
      }
      card={articleCard(site, article)}
      jsonLd={preview ? undefined : slotted ? 'slot' : newsArticle(site, article, { comments: firstComments, updates })}
      feeds={
        preview
          ? []
          : [
              {
                title: site.i18n.t('article.commentsFeed', { headline: article.headline }),
                base: articleCommentsBase(article.slug),
              },
            ]
      }
    >
      <article class="article">
        {preview && (
          <p class="notice" role="status">
            {site.i18n.t('article.preview', { status: article.status })}
          </p>
        )}
        <header class="article-header">
          {article.section && (
            <p class="kicker">
              <a href={sectionPath(article.section.slug)}>{article.section.name}</a>
            </p>
          )}
          <h1 class="headline">{article.headline}</h1>
          {article.subheadline && <p class="subheadline">{article.subheadline}</p>}
          <p class="meta">
            <Bylines site={site} authors={article.authors} credit={article.sourceCredit} />
            {article.publishedAt && (
              <>
                {' '}
                ·{' '}
                <a class="date-link" href={archivePathOf(site, article.publishedAt)}>
                  <time datetime={article.publishedAt.toISOString()}>
                    {formatDate(site, article.publishedAt, true)}
                  </time>
                </a>
              </>
            )}
            {updated && (
              <>
                {' '}
                ·{' '}
                <span class="updated">
                  {site.i18n.rich('article.updated', {
                    date: formatDate(site, updated, true),
                    time: (c) => <time datetime={updated.toISOString()}>{c}</time>,
                  })}
                </span>
              </>
            )}
          </p>
          {!preview && <TranslationLinks site={site} translations={translations} />}
        </header>
        <ArticleUpdates site={site} updates={updates} />
        {image && (
          <figure class="featured-image">
            <img
              src={image.url}
              alt={image.alt}
              width={image.width ?? undefined}
              height={image.height ?? undefined}
              fetchpriority="high"
              decoding="async"
              {...(image.srcset ? { srcset: image.srcset, sizes: '(min-width: 44rem) 42rem, 100vw' } : {})}
            />
            {(image.caption || image.credit) && (
              <figcaption>
                {image.caption}
                {image.credit && (
                  <>
                    {' '}
                    <span class="credit">{image.credit}</span>
                  </>
                )}
              </figcaption>
            )}
          </figure>
        )}
        <div class="article-body" dangerouslySetInnerHTML={{ __html: bodyWithDateline(article) }} />
        {article.sourceCredit && (
          <p class="source-credit">
            {site.i18n.rich('article.source', { credit: article.sourceCredit, span: (c) => <span>{c}</span> })}
          </p>
        )}
        {article.tags.length > 0 && (
          <ul class="tags" aria-label={site.i18n.t('article.tags')}>
            {article.tags.map((t) => (
              <li>
                <a href={tagPath(t.slug)} rel="tag">
                  {t.name}
                </a>
              </li>
            ))}
          </ul>
        )}
      </article>
      {more && <MoreToRead site={site} more={more} />}
      {!preview &&
        (slotted ? (
          <Slot name="discussion" />
        ) : (
          <ArticleDiscussion
            site={site}
            article={article}
            comments={comments}
            picks={picks}
            discussionOpen={discussionOpen}
            form={form}
            paging={paging}
            editable={editable}
            fragments={fragments}
          />
        ))}
    </Layout>
  );
}

/** The article's discussion, as its page shows it (the piece that fills the kept page's discussion slot). */
export function ArticleDiscussion(
  props: Pick<
    ArticlePageProps,
    'site' | 'article' | 'comments' | 'picks' | 'discussionOpen' | 'form' | 'paging' | 'editable' | 'fragments'
  >,
) {
  const { site, article } = props;
  return (
    <Discussion
      site={site}
      slug={article.slug}
      headline={article.headline}
      count={article.commentCount}
      comments={props.comments}
      picks={props.picks}
      open={props.discussionOpen}
      form={props.form}
      paging={props.paging}
      editable={props.editable}
      fragments={props.fragments}
    />
  );
}

/** The article's structured data (the piece that fills the kept page's structured-data slot). */
export function ArticleStructuredData(props: Pick<ArticlePageProps, 'site' | 'article' | 'updates' | 'firstComments'>) {
  const { site, article } = props;
  return (
    <JsonLd data={newsArticle(site, article, { comments: props.firstComments ?? [], updates: props.updates ?? [] })} />
  );
}
