// Every correction the newsroom has published, newest first, each linking to the article it corrects.
import type { ListedCorrection } from '../../modules/updates/index.ts';
import { Layout } from '../layout.tsx';
import { Pagination } from '../pagination.tsx';
import { articlePath, CORRECTIONS_PATH, editionPath, formatDate, type SiteView } from '../site.ts';
import { collectionPage } from '../structured-data.tsx';

interface CorrectionsPageProps {
  site: SiteView;
  corrections: ListedCorrection[];
  page: number;
  pages: number;
}

export function CorrectionsPage({ site, corrections, page, pages }: CorrectionsPageProps) {
  const { i18n } = site;
  const description = i18n.t('corrections.description', { site: site.settings.name });
  // Each edition lists the corrections to its own language's articles (/es/corrections).
  const path = editionPath(site, CORRECTIONS_PATH);
  return (
    <Layout
      site={site}
      title={i18n.t('corrections.title')}
      description={description}
      path={page === 1 ? path : `${path}?page=${page}`}
      jsonLd={collectionPage(site, { name: i18n.t('corrections.title'), path, description })}
    >
      <h1 class="list-title">{i18n.t('corrections.title')}</h1>
      <p>{i18n.t('corrections.intro')}</p>
      {corrections.length === 0 ? (
        <p>{i18n.t('corrections.empty')}</p>
      ) : (
        <ol class="corrections">
          {corrections.map((c) => (
            <li>
              <p class="meta">
                <time datetime={c.createdAt.toISOString()}>{formatDate(site, c.createdAt, true)}</time>
              </p>
              <p>
                <a href={`${articlePath(c.article.slug)}#update-${c.id}`}>{c.article.headline}</a>
              </p>
              <p class="correction-note">{c.note}</p>
            </li>
          ))}
        </ol>
      )}
      <Pagination site={site} path={path} page={page} pages={pages} />
    </Layout>
  );
}
