// A helpful page when something is missing or went wrong: say so, and offer a way on.
import type { Article } from '../../modules/articles/index.ts';
import { Layout } from '../layout.tsx';
import { articlePath, sectionPath, type SiteView } from '../site.ts';

export function NotFoundPage({ site, latest }: { site: SiteView; latest: Article[] }) {
  return (
    <Layout site={site} title="Page not found">
      <h1>We could not find that page</h1>
      <p>The address may be mistyped, or the article may have moved or been taken down. Try the <a href="/">front page</a>{site.sections.length > 0 && ' or one of the sections'}.</p>
      {site.sections.length > 0 && (
        <ul class="inline-list">{site.sections.map((s) => <li><a href={sectionPath(s.slug)}>{s.name}</a></li>)}</ul>
      )}
      {latest.length > 0 && (
        <>
          <h2>Latest stories</h2>
          <ul>{latest.map((a) => <li><a href={articlePath(a.slug)}>{a.headline}</a></li>)}</ul>
        </>
      )}
    </Layout>
  );
}

export function ErrorPage({ site, status, message }: { site: SiteView; status: number; message: string }) {
  return (
    <Layout site={site} title={status >= 500 ? 'Something went wrong' : 'We could not do that'}>
      <h1>{status >= 500 ? 'Something went wrong' : 'We could not do that'}</h1>
      <p>{message}</p>
      <p><a href="/">Back to the front page</a></p>
    </Layout>
  );
}
