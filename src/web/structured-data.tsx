// schema.org JSON-LD for every kind of page: NewsArticle (Google's article rich results), the front page's
// WebSite and NewsMediaOrganization, list pages as CollectionPage, authors as ProfilePage.
import type { Article } from '../modules/articles/index.ts';
import type { ArticleUpdate } from '../modules/updates/index.ts';
import { datelineText } from './article-body.tsx';
import {
  absoluteUrl,
  articlePath,
  authorPath,
  commentPermalink,
  CORRECTIONS_PATH,
  defaultCardImage,
  editionPath,
  type SiteView,
} from './site.ts';

type Json = Record<string, unknown>;

/** Google shows at most 110 characters of a headline; longer ones are cut at a word, with an ellipsis. */
export const HEADLINE_MAX = 110;
export function structuredHeadline(headline: string): string {
  if (headline.length <= HEADLINE_MAX) return headline;
  const cut = headline.slice(0, HEADLINE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > HEADLINE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const organizationId = (site: SiteView) => `${absoluteUrl(site, '/')}#organization`;
const websiteId = (site: SiteView) => `${absoluteUrl(site, '/')}#website`;

/** The newsroom as the publisher of everything: its name, address and logo (uploaded in Settings, else the site icon). */
export function organization(site: SiteView): Json {
  const logo = site.settings.logo;
  return {
    '@type': 'NewsMediaOrganization',
    '@id': organizationId(site),
    name: site.settings.name,
    url: absoluteUrl(site, '/'),
    logo: logo
      ? { '@type': 'ImageObject', url: absoluteUrl(site, logo.url), width: logo.width, height: logo.height }
      : { '@type': 'ImageObject', url: absoluteUrl(site, site.assets.icon) },
    correctionsPolicy: absoluteUrl(site, editionPath(site, CORRECTIONS_PATH)),
  };
}

export interface StructuredComment {
  id: string;
  authorName: string;
  createdAt: Date;
  text: string;
}

/** The NewsArticle: everything Google's article rich results read, plus the discussion and the corrections. */
export function newsArticle(
  site: SiteView,
  article: Article,
  extra: { comments: StructuredComment[]; updates: ArticleUpdate[] },
): Json {
  const url = absoluteUrl(site, articlePath(article.slug));
  const photo = article.featuredImage;
  const fallback = defaultCardImage(site);
  const image = photo
    ? {
        '@type': 'ImageObject',
        url: absoluteUrl(site, photo.url),
        ...(photo.width && { width: photo.width }),
        ...(photo.height && { height: photo.height }),
        ...(photo.caption && { caption: photo.caption }),
        ...(photo.credit && { creditText: photo.credit }),
      }
    : fallback && {
        '@type': 'ImageObject',
        url: absoluteUrl(site, fallback.url),
        width: fallback.width,
        height: fallback.height,
      };
  const corrections = extra.updates.filter((u) => u.kind === 'correction');
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: structuredHeadline(article.headline),
    ...(article.subheadline && { alternativeHeadline: article.subheadline }),
    ...(article.excerpt && { description: article.excerpt }),
    ...(image && { image: [image] }),
    datePublished: (article.publishedAt ?? article.createdAt).toISOString(),
    dateModified: article.modifiedAt.toISOString(),
    // A wire story without a staff byline is the agency's: the author is the credited organisation.
    author:
      article.authors.length > 0
        ? article.authors.map((a) => ({ '@type': 'Person', name: a.name, url: absoluteUrl(site, authorPath(a.slug)) }))
        : article.sourceCredit
          ? [{ '@type': 'Organization', name: article.sourceCredit }]
          : [{ '@type': 'Organization', name: site.settings.name, url: absoluteUrl(site, '/') }],
    publisher: organization(site),
    ...(article.section && { articleSection: article.section.name }),
    ...(article.tags.length > 0 && { keywords: article.tags.map((t) => t.name) }),
    inLanguage: site.settings.language,
    isAccessibleForFree: true,
    ...(article.dateline && { dateline: datelineText(article.dateline) }),
    ...(article.sourceCredit && { sourceOrganization: { '@type': 'Organization', name: article.sourceCredit } }),
    commentCount: article.commentCount,
    discussionUrl: `${url}#comments`,
    ...(extra.comments.length > 0 && {
      comment: extra.comments.map((c) => ({
        '@type': 'Comment',
        url: absoluteUrl(site, commentPermalink(c.id)),
        author: { '@type': 'Person', name: c.authorName },
        datePublished: c.createdAt.toISOString(),
        text: c.text,
      })),
    }),
    ...(corrections.length > 0 && {
      correction: corrections.map((c) => ({
        '@type': 'CorrectionComment',
        text: c.note,
        datePublished: c.createdAt.toISOString(),
      })),
    }),
  };
}

/** The front page: the site and the newsroom behind it. */
export function websiteGraph(site: SiteView): Json {
  return {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'WebSite',
        '@id': websiteId(site),
        url: absoluteUrl(site, '/'),
        name: site.settings.name,
        description: site.settings.description,
        inLanguage: site.settings.language,
        publisher: { '@id': organizationId(site) },
      },
      organization(site),
    ],
  };
}

/** A section, a tag or the corrections: a page that lists articles. */
export function collectionPage(site: SiteView, page: { name: string; path: string; description?: string }): Json {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    '@id': absoluteUrl(site, page.path),
    url: absoluteUrl(site, page.path),
    name: page.name,
    ...(page.description && { description: page.description }),
    inLanguage: site.settings.language,
    isPartOf: { '@type': 'WebSite', '@id': websiteId(site), name: site.settings.name, url: absoluteUrl(site, '/') },
    publisher: organization(site),
  };
}

/** An author's page: the person, their bio and portrait. */
export function profilePage(
  site: SiteView,
  author: { name: string; slug: string; bio?: string; photo?: string },
): Json {
  const url = absoluteUrl(site, authorPath(author.slug));
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    '@id': url,
    url,
    name: author.name,
    inLanguage: site.settings.language,
    isPartOf: { '@type': 'WebSite', '@id': websiteId(site), name: site.settings.name, url: absoluteUrl(site, '/') },
    mainEntity: {
      '@type': 'Person',
      name: author.name,
      url,
      ...(author.bio && { description: author.bio }),
      ...(author.photo && { image: absoluteUrl(site, author.photo) }),
      worksFor: { '@id': organizationId(site) },
    },
  };
}

/**
 * JSON inside <script type="application/ld+json">: data the browser never runs, so the strict CSP allows it. "<" is
 * written as \u003c, so no text in it ("</script>", "<!--") can end the element or open a comment; U+2028/2029 are
 * escaped for old parsers.
 */
export const jsonLdText = (data: Json): string =>
  JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export function JsonLd({ data }: { data: Json }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />;
}
