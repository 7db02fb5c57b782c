// Maps a feed's articles or comments to the feed document's view data: absolute addresses, plain-text titles,
// permanent ids, and the newest change as the feed's own time.
import { withAbsoluteUrls, htmlToText } from '../../platform/html/sanitizer.ts';
import { excerpt } from '../../platform/text.ts';
import { datelineText } from '../../web/article-body.tsx';
import { articleEntryHtml } from '../../web/feed-entry.tsx';
import type { FeedEntryView, FeedView } from '../../web/feed-document.ts';
import {
  absoluteUrl,
  articleCommentsBase,
  articlePath,
  authorPath,
  commentPermalink,
  editionPath,
  feedPath,
  sectionPath,
  SITE_COMMENTS_BASE,
  tagPath,
  type SiteView,
} from '../../web/site.ts';
import type { ArticleFeed, CommentFeed } from './feed.service.ts';

/** Feed readers take JPEG, PNG and GIF logos. */
const RSS_IMAGE = /\.(jpe?g|png|gif)$/i;

const newest = (entries: FeedEntryView[], fallback: Date) =>
  entries.reduce(
    (max, e) => (e.updated.getTime() > max.getTime() ? e.updated : max),
    entries.length ? new Date(0) : fallback,
  );

/** What a channel says about itself: its base (the feeds' addresses), its page, title and description. */
interface ChannelInput {
  base: string;
  pageUrl: string;
  title: string;
  description: string;
  entries: FeedEntryView[];
}

function channel(site: SiteView, input: ChannelInput, now: Date): FeedView {
  const { base, pageUrl, title, description, entries } = input;
  const logo = site.settings.logo;
  return {
    title,
    description,
    // The feed speaks its edition's language: /es/rss.xml is the Spanish articles' feed.
    language: site.edition.language,
    pageUrl,
    rssUrl: absoluteUrl(site, feedPath(editionPath(site, base), 'rss')),
    atomUrl: absoluteUrl(site, feedPath(editionPath(site, base), 'atom')),
    updated: newest(entries, now),
    publisher: { name: site.settings.name, url: absoluteUrl(site, '/') },
    ...(logo && RSS_IMAGE.test(logo.url) && { logo: absoluteUrl(site, logo.url) }),
    icon: absoluteUrl(site, site.assets.icon),
    entries,
  };
}

/** The base of a list's addresses (its page, and its feeds under it). */
function listBase(feed: ArticleFeed): string {
  if (feed.kind === 'section') return sectionPath(feed.slug!);
  if (feed.kind === 'tag') return tagPath(feed.slug!);
  if (feed.kind === 'author') return authorPath(feed.slug!);
  return '/';
}

export function articleFeedView(site: SiteView, feed: ArticleFeed, now: Date): FeedView {
  const entries = feed.entries.map(({ article, updates, enclosures }): FeedEntryView => {
    const url = absoluteUrl(site, articlePath(article.slug));
    const summary = article.dateline ? `${datelineText(article.dateline)} – ${article.excerpt}` : article.excerpt;
    return {
      id: `urn:uuid:${article.id}`,
      title: article.headline,
      url,
      published: article.publishedAt ?? article.createdAt,
      updated: article.modifiedAt,
      summary,
      contentHtml: withAbsoluteUrls(
        articleEntryHtml({ article, updates, url, fullText: feed.fullText, i18n: site.i18n }),
        url,
      ),
      // A wire story without staff bylines is credited to its agency (dc:creator, Atom author).
      authors:
        article.authors.length > 0
          ? article.authors.map((a) => ({ name: a.name, url: absoluteUrl(site, authorPath(a.slug)) }))
          : article.sourceCredit
            ? [{ name: article.sourceCredit }]
            : [],
      categories: [
        ...(article.section
          ? [{ name: article.section.name, term: article.section.slug, scheme: absoluteUrl(site, '/sections/') }]
          : []),
        ...article.tags.map((t) => ({ name: t.name, term: t.slug, scheme: absoluteUrl(site, '/tags/') })),
      ],
      enclosures: enclosures.map((e) => ({ ...e, url: absoluteUrl(site, e.url) })),
      commentsUrl: `${url}#comments`,
    };
  });
  const base = listBase(feed);
  const name = feed.kind === 'tag' ? site.i18n.t('list.tagged', { tag: feed.name }) : feed.name;
  const title =
    feed.kind === 'site'
      ? site.settings.name
      : site.i18n.t('layout.pageTitle', { title: name, site: site.settings.name });
  return channel(
    site,
    { base, pageUrl: absoluteUrl(site, editionPath(site, base)), title, description: feed.description, entries },
    now,
  );
}

export function commentFeedView(site: SiteView, feed: CommentFeed, now: Date): FeedView {
  const entries = feed.comments.map(({ comment, article }): FeedEntryView => {
    const url = absoluteUrl(site, commentPermalink(comment.id));
    const text = htmlToText(comment.bodyHtml);
    return {
      id: `urn:uuid:${comment.id}`,
      title: feed.article
        ? site.i18n.t('feed.commentBy', { name: comment.authorName })
        : site.i18n.t('feed.commentOn', { name: comment.authorName, headline: article.headline }),
      url,
      published: comment.createdAt,
      updated: comment.editedAt ?? comment.createdAt,
      summary: excerpt(text, 280),
      contentHtml: withAbsoluteUrls(comment.bodyHtml, url),
      authors: [{ name: comment.authorName }],
      categories: [],
      enclosures: [],
      commentsUrl: `${absoluteUrl(site, articlePath(article.slug))}#comments`,
    };
  });
  if (feed.article) {
    const page = `${absoluteUrl(site, articlePath(feed.article.slug))}#comments`;
    return channel(
      site,
      {
        base: articleCommentsBase(feed.article.slug),
        pageUrl: page,
        title: site.i18n.t('layout.pageTitle', {
          title: site.i18n.t('article.commentsFeed', { headline: feed.article.headline }),
          site: site.settings.name,
        }),
        description: site.i18n.t('feed.articleComments', { headline: feed.article.headline }),
        entries,
      },
      now,
    );
  }
  return channel(
    site,
    {
      base: SITE_COMMENTS_BASE,
      pageUrl: absoluteUrl(site, '/'),
      title: site.i18n.t('layout.pageTitle', { title: site.i18n.t('feed.comments'), site: site.settings.name }),
      description: site.i18n.t('feed.siteComments', { site: site.settings.name }),
      entries,
    },
    now,
  );
}
