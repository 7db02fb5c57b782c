// Every correction the newsroom has published, newest first, each linking to the article it corrects.
import type { ListedCorrection } from '../../modules/updates/index.ts';
import { Layout } from '../layout.tsx';
import { Pagination } from '../pagination.tsx';
import { articlePath, CORRECTIONS_PATH, formatDate, type SiteView } from '../site.ts';
import { collectionPage } from '../structured-data.tsx';

interface CorrectionsPageProps {
  site: SiteView;
  corrections: ListedCorrection[];
  page: number;
  pages: number;
}

export function CorrectionsPage({ site, corrections, page, pages }: CorrectionsPageProps) {
  const description = `Errors ${site.settings.name} has corrected in its published articles, newest first.`;
  return (
    <Layout site={site} title="Corrections" description={description} path={page === 1 ? CORRECTIONS_PATH : `${CORRECTIONS_PATH}?page=${page}`}
      jsonLd={collectionPage(site, { name: 'Corrections', path: CORRECTIONS_PATH, description })}>
      <h1 class="list-title">Corrections</h1>
      <p>When we get something wrong, we correct it in the article and say so there. Every correction is listed here, newest first.</p>
      {corrections.length === 0 ? <p>No corrections have been published.</p> : (
        <ol class="corrections">
          {corrections.map((c) => (
            <li>
              <p class="meta"><time datetime={c.createdAt.toISOString()}>{formatDate(site, c.createdAt, true)}</time></p>
              <p><a href={`${articlePath(c.article.slug)}#update-${c.id}`}>{c.article.headline}</a></p>
              <p class="correction-note">{c.note}</p>
            </li>
          ))}
        </ol>
      )}
      <Pagination path={CORRECTIONS_PATH} page={page} pages={pages} />
    </Layout>
  );
}
