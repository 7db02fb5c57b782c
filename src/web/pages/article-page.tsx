// The article page: everything the reference page shows, then the discussion.
import { render } from 'preact-render-to-string';
import type { Article } from '../../modules/articles/index.ts';
import type { CommentNode } from '../../modules/comments/index.ts';
import { Bylines } from '../bylines.tsx';
import { Discussion, type CommentFormState } from '../discussion.tsx';
import { Layout } from '../layout.tsx';
import { archivePathOf, articlePath, formatDate, sectionPath, tagPath, type SiteView } from '../site.ts';

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
  /** What to read next, shown before the discussion. */
  more?: MoreToReadView;
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
      <h2 id="more-title">{more.section ? <>More in <a href={sectionPath(more.section.slug)}>{more.section.name}</a></> : 'More to read'}</h2>
      <ul>
        {more.articles.map((a) => (
          <li><a href={a.path}>{a.headline}</a>{a.publishedAt && <> <time datetime={a.publishedAt.toISOString()}>{formatDate(site, a.publishedAt)}</time></>}</li>
        ))}
      </ul>
    </nav>
  );
}

/** The dateline opens the first paragraph, as on the printed page ("HAVANA TIMES – Russian President…"). */
function bodyWithDateline(article: Article): string {
  if (!article.dateline) return article.bodyHtml;
  const dateline = render(<span class="dateline">{article.dateline.replace(/\s*[–—-]\s*$/, '')} – </span>);
  return article.bodyHtml.startsWith('<p>') ? `<p>${dateline}${article.bodyHtml.slice(3)}` : `<p>${dateline}</p>${article.bodyHtml}`;
}

function structuredData(site: SiteView, article: Article): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    datePublished: article.publishedAt?.toISOString(),
    dateModified: article.updatedAt.toISOString(),
    author: article.authors.map((a) => ({ '@type': 'Person', name: a.name, url: `${site.publicUrl}/authors/${a.slug}` })),
    ...(article.featuredImage && { image: [new URL(article.featuredImage.url, site.publicUrl).href] }),
    commentCount: article.commentCount,
    publisher: { '@type': 'Organization', name: site.settings.name },
  };
  // "<" escaped so no string in the data can close the script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function ArticlePage({ site, article, comments, picks, discussionOpen, form, preview, paging, editable, more }: ArticlePageProps) {
  const image = article.featuredImage;
  return (
    <Layout site={site} title={article.headline} description={article.excerpt} path={articlePath(article.slug)} withScript={discussionOpen}
      head={<script type="application/ld+json" dangerouslySetInnerHTML={{ __html: structuredData(site, article) }} />}>
      <article class="article">
        {preview && <p class="notice" role="status">Preview: this article is {article.status}, readers cannot see it.</p>}
        <header class="article-header">
          {article.section && <p class="kicker"><a href={sectionPath(article.section.slug)}>{article.section.name}</a></p>}
          <h1 class="headline">{article.headline}</h1>
          {article.subheadline && <p class="subheadline">{article.subheadline}</p>}
          <p class="meta">
            <Bylines authors={article.authors} />
            {article.publishedAt && <> · <a class="date-link" href={archivePathOf(site, article.publishedAt)}><time datetime={article.publishedAt.toISOString()}>{formatDate(site, article.publishedAt, true)}</time></a></>}
          </p>
        </header>
        {image && (
          <figure class="featured-image">
            <img src={image.url} alt={image.alt} width={image.width ?? undefined} height={image.height ?? undefined} fetchpriority="high" decoding="async"
              {...(image.srcset ? { srcset: image.srcset, sizes: '(min-width: 44rem) 42rem, 100vw' } : {})} />
            {(image.caption || image.credit) && (
              <figcaption>
                {image.caption}
                {image.credit && <> <span class="credit">{image.credit}</span></>}
              </figcaption>
            )}
          </figure>
        )}
        <div class="article-body" dangerouslySetInnerHTML={{ __html: bodyWithDateline(article) }} />
        {article.sourceCredit && <p class="source-credit">Source: <span>{article.sourceCredit}</span></p>}
        {article.tags.length > 0 && (
          <ul class="tags" aria-label="Tags">
            {article.tags.map((t) => <li><a href={tagPath(t.slug)} rel="tag">{t.name}</a></li>)}
          </ul>
        )}
      </article>
      {more && <MoreToRead site={site} more={more} />}
      {!preview && (
        <Discussion site={site} slug={article.slug} headline={article.headline} count={article.commentCount}
          comments={comments} picks={picks} open={discussionOpen} form={form} paging={paging} editable={editable} />
      )}
    </Layout>
  );
}
