// An article in a list: the home page, a section, a tag, an author.
import type { Article } from '../modules/articles/index.ts';
import { articlePath, formatDate, type SiteView } from './site.ts';
import { Bylines } from './bylines.tsx';

export function ArticleCard({ site, article, lead = false }: { site: SiteView; article: Article; lead?: boolean }) {
  const image = article.featuredImage;
  const Heading = lead ? 'h2' : 'h3';
  return (
    <article class={lead ? 'card card-lead' : 'card'}>
      {/* The photo repeats the headline's link: hidden from screen readers and the tab order (biome.json). */}
      {image && (
        <a href={articlePath(article.slug)} tabIndex={-1} aria-hidden="true" class="card-image">
          <img
            src={image.url}
            alt=""
            width={image.width ?? undefined}
            height={image.height ?? undefined}
            loading={lead ? undefined : 'lazy'}
            decoding="async"
            {...(image.srcset
              ? {
                  srcset: image.srcset,
                  sizes: lead ? '(min-width: 48rem) 60vw, 100vw' : '(min-width: 48rem) 14rem, 6rem',
                }
              : {})}
          />
        </a>
      )}
      <div class="card-text">
        {article.section && <p class="kicker">{article.section.name}</p>}
        <Heading class="card-headline">
          <a href={articlePath(article.slug)}>{article.headline}</a>
        </Heading>
        {article.excerpt && <p class="excerpt">{article.excerpt}</p>}
        <p class="meta">
          <Bylines site={site} authors={article.authors} credit={article.sourceCredit} />
          {article.publishedAt && (
            <>
              {' '}
              · <time datetime={article.publishedAt.toISOString()}>{formatDate(site, article.publishedAt)}</time>
            </>
          )}
          {article.commentCount > 0 && (
            <>
              {' '}
              ·{' '}
              <a href={`${articlePath(article.slug)}#comments`}>
                {site.i18n.t('card.comments', { count: article.commentCount })}
              </a>
            </>
          )}
        </p>
      </div>
    </article>
  );
}
