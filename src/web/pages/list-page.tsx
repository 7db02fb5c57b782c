// Home, section, tag and author pages: a heading, a lead story on the home page, then the latest.
import type { Article } from '../../modules/articles/index.ts';
import { ArticleCard } from '../article-card.tsx';
import { Layout, type PageFeed } from '../layout.tsx';
import { Pagination } from '../pagination.tsx';
import type { SiteView } from '../site.ts';

interface ListPageProps {
  site: SiteView;
  title: string;
  /** Shown under the heading (a section's description, an author's bio). */
  intro?: string;
  path: string;
  articles: Article[];
  page: number;
  pages: number;
  /** More pages follow than `pages` counts. */
  morePages?: boolean;
  home?: boolean;
  /** An author's portrait beside their bio. */
  photo?: string;
  /** The list's own feed (a section's, a tag's, an author's); the site's is on every page. */
  feed?: PageFeed;
  jsonLd?: Record<string, unknown>;
}

export function ListPage({
  site,
  title,
  intro,
  path,
  articles,
  page,
  pages,
  morePages,
  home,
  photo,
  feed,
  jsonLd,
}: ListPageProps) {
  const withLead = home && page === 1 && articles.length > 0;
  const [lead, ...rest] = withLead ? articles : [undefined, ...articles];
  const canonical = page === 1 ? path : `${path}?page=${page}`;
  return (
    <Layout
      site={site}
      title={home && page === 1 ? site.settings.name : title}
      description={intro || undefined}
      path={canonical}
      feeds={feed ? [feed] : []}
      jsonLd={jsonLd}
    >
      <h1 class={home ? 'visually-hidden' : 'list-title'}>
        {home ? site.i18n.t('list.homeHeading', { site: site.settings.name }) : title}
      </h1>
      {!home && (intro || photo) && (
        <div class="list-intro">
          {photo && <img class="portrait" src={photo} alt="" width={96} height={96} />}
          {intro && <p>{intro}</p>}
        </div>
      )}
      {articles.length === 0 && <p>{site.i18n.t('list.empty')}</p>}
      {lead && (
        <section aria-label={site.i18n.t('list.lead')}>
          <ArticleCard site={site} article={lead} lead />
        </section>
      )}
      {rest.length > 0 && (
        <section aria-labelledby="latest-title">
          <h2 id="latest-title" class={home ? 'section-title' : 'visually-hidden'}>
            {site.i18n.t('list.latest')}
          </h2>
          <div class="card-list">
            {rest.map((a) => (
              <ArticleCard site={site} article={a!} />
            ))}
          </div>
        </section>
      )}
      <Pagination site={site} path={path} page={page} pages={pages} more={morePages} />
    </Layout>
  );
}
