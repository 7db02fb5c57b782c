// A helpful page when something is missing or went wrong: say so, and offer a way on.
import type { Article } from '../../modules/articles/index.ts';
import { Layout } from '../layout.tsx';
import { articlePath, sectionPath, type SiteView } from '../site.ts';

export function NotFoundPage({ site, latest }: { site: SiteView; latest: Article[] }) {
  return (
    <Layout site={site} title={site.i18n.t('error.notFoundTitle')}>
      <h1>{site.i18n.t('error.notFoundHeading')}</h1>
      <p>
        {site.i18n.rich('error.notFoundText', {
          a: (c) => <a href="/">{c}</a>,
          withSections: site.sections.length > 0 ? 'yes' : 'no',
        })}
      </p>
      {site.sections.length > 0 && (
        <ul class="inline-list">
          {site.sections.map((s) => (
            <li>
              <a href={sectionPath(s.slug)}>{s.name}</a>
            </li>
          ))}
        </ul>
      )}
      {latest.length > 0 && (
        <>
          <h2>{site.i18n.t('error.latest')}</h2>
          <ul>
            {latest.map((a) => (
              <li>
                <a href={articlePath(a.slug)}>{a.headline}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

export function ErrorPage({ site, status, message }: { site: SiteView; status: number; message: string }) {
  return (
    <Layout site={site} title={site.i18n.t(status >= 500 ? 'error.serverTitle' : 'error.clientTitle')}>
      <h1>{site.i18n.t(status >= 500 ? 'error.serverTitle' : 'error.clientTitle')}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{site.i18n.t('error.backHome')}</a>
      </p>
    </Layout>
  );
}
