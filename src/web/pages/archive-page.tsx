// The archive's index: every month with published articles, by year, newest first.
import { Layout } from '../layout.tsx';
import { archiveMonthPath, editionPath, type SiteView } from '../site.ts';

export interface ArchiveIndexView {
  site: SiteView;
  /** YYYY-MM and how many articles. */
  months: { month: string; count: number }[];
}

const monthName = (site: SiteView, month: string) =>
  site.i18n.month(Number(month.slice(0, 4)), Number(month.slice(5, 7)));

/** "January 2019" in the page's language. */
export const monthTitle = (site: SiteView, year: number, month: number) => site.i18n.month(year, month, true);

export function ArchiveIndexPage({ site, months }: ArchiveIndexView) {
  const years = [...new Set(months.map((m) => m.month.slice(0, 4)))];
  return (
    <Layout site={site} title={site.i18n.t('archive.title')} path={editionPath(site, '/archive')}>
      <h1 class="list-title">{site.i18n.t('archive.title')}</h1>
      {months.length === 0 && <p>{site.i18n.t('archive.empty')}</p>}
      {years.map((year) => (
        <section aria-labelledby={`y${year}`} class="archive-year">
          <h2 id={`y${year}`}>{year}</h2>
          <ul class="archive-months">
            {months
              .filter((m) => m.month.startsWith(year))
              .map((m) => (
                <li>
                  <a href={editionPath(site, archiveMonthPath(year, m.month.slice(5)))}>{monthName(site, m.month)}</a>{' '}
                  <span class="count">{site.i18n.t('archive.count', { count: m.count })}</span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
