// The archive's index: every month with published articles, by year, newest first.
import { Layout } from '../layout.tsx';
import { archiveMonthPath, type SiteView } from '../site.ts';

export interface ArchiveIndexView {
  site: SiteView;
  /** YYYY-MM and how many articles. */
  months: { month: string; count: number }[];
}

const monthName = (site: SiteView, month: string) =>
  new Intl.DateTimeFormat(site.settings.language, { month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-15T00:00:00Z`));

/** "January 2019" in the site's language. */
export const monthTitle = (site: SiteView, year: number, month: number) =>
  new Intl.DateTimeFormat(site.settings.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 15)));

export function ArchiveIndexPage({ site, months }: ArchiveIndexView) {
  const years = [...new Set(months.map((m) => m.month.slice(0, 4)))];
  return (
    <Layout site={site} title="Archive" path="/archive">
      <h1 class="list-title">Archive</h1>
      {months.length === 0 && <p>Nothing has been published yet.</p>}
      {years.map((year) => (
        <section aria-labelledby={`y${year}`} class="archive-year">
          <h2 id={`y${year}`}>{year}</h2>
          <ul class="archive-months">
            {months.filter((m) => m.month.startsWith(year)).map((m) => (
              <li><a href={archiveMonthPath(year, m.month.slice(5))}>{monthName(site, m.month)}</a> <span class="count">({m.count.toLocaleString('en')})</span></li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
