// The page shell: head, masthead with the sections, footer. Every page renders inside it.
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { sectionPath, type SiteView } from './site.ts';

interface LayoutProps {
  site: SiteView;
  title: string;
  description?: string;
  /** Path of the page's canonical URL. */
  path?: string;
  /** Extra head elements (structured data, robots rules). */
  head?: ComponentChildren;
  withScript?: boolean;
  children: ComponentChildren;
}

export function Layout({ site, title, description, path, head, withScript, children }: LayoutProps) {
  const fullTitle = title === site.settings.name ? title : `${title} – ${site.settings.name}`;
  return (
    <html lang={site.settings.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description ?? site.settings.description} />
        {path !== undefined && <link rel="canonical" href={site.publicUrl + path} />}
        <link rel="icon" href={site.assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={site.assets.stylesheet} />
        {withScript && <script src={site.assets.script} defer />}
        {head}
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="masthead">
          <div class="wrap">
            <a class="site-name" href="/">{site.settings.name}</a>
            <p class="site-description">{site.settings.description}</p>
            <form class="masthead-search" action="/search" method="get" role="search">
              <label for="masthead-q" class="visually-hidden">Search the site</label>
              <input id="masthead-q" type="search" name="q" placeholder="Search" maxLength={200} />
              <button type="submit">Search</button>
            </form>
          </div>
          {site.sections.length > 0 && (
            <nav class="sections" aria-label="Sections">
              <ul class="wrap">
                {site.sections.map((s) => <li><a href={sectionPath(s.slug)}>{s.name}</a></li>)}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" class="wrap">{children}</main>
        <footer class="site-footer">
          <div class="wrap">
            <nav aria-label="Site">
              <p class="footer-links"><a href="/archive">Archive</a> · <a href="/search">Search</a></p>
            </nav>
            <p>© {site.settings.name}. Published with Dateline.</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Renders a page component to a complete HTML document. */
export const renderDocument = (page: preact.VNode): string => `<!DOCTYPE html>\n${render(page)}`;
