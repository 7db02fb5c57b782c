// The page shell: head, masthead with the sections, footer. Every page renders inside it.
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { absoluteUrl, defaultCardImage, editionPath, feedPath, sectionPath, type SiteView } from './site.ts';
import { SocialMeta, type SocialCard } from './social-card.tsx';
import { JsonLd } from './structured-data.tsx';
import { Slot } from './page-slots.tsx';

/** A feed a page names in its head, by the base of its addresses (see feedPath). */
export interface PageFeed {
  title: string;
  base: string;
}

interface LayoutProps {
  site: SiteView;
  title: string;
  description?: string;
  /** Path of the page's canonical URL. */
  path?: string;
  /** Extra head elements (robots rules). */
  head?: ComponentChildren;
  /** What a shared link shows; pages without one get a website card with the site's default image. */
  card?: SocialCard;
  /** The page's schema.org description; 'slot' keeps its place for each view to fill (page-slots.tsx). */
  jsonLd?: Record<string, unknown> | 'slot';
  /** The page's own feeds, named after the site's (which every page names). */
  feeds?: PageFeed[];
  withScript?: boolean;
  children: ComponentChildren;
}

export function Layout({
  site,
  title,
  description,
  path,
  head,
  card,
  jsonLd,
  feeds = [],
  withScript,
  children,
}: LayoutProps) {
  const { i18n } = site;
  const fullTitle =
    title === site.settings.name ? title : i18n.t('layout.pageTitle', { title, site: site.settings.name });
  const fallbackImage = defaultCardImage(site);
  const pageCard: SocialCard = card ?? {
    type: 'website',
    title: fullTitle,
    description: description ?? site.settings.description,
    url: absoluteUrl(site, path ?? '/'),
    image: fallbackImage && { ...fallbackImage, url: absoluteUrl(site, fallbackImage.url) },
  };
  // The site's feeds of the page's edition: /rss.xml for the default language, /es/rss.xml for Spanish.
  const allFeeds = [{ title: site.settings.name, base: editionPath(site, '/') }, ...feeds];
  const home = editionPath(site, '/');
  const otherLanguages = site.languages.filter((l) => l.tag !== site.edition.language);
  // Left to right is the default: only a right-to-left language says its direction.
  return (
    <html lang={i18n.language} dir={i18n.dir === 'rtl' ? 'rtl' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description ?? site.settings.description} />
        {path !== undefined && <link rel="canonical" href={site.publicUrl + path} />}
        <link rel="icon" href={site.assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={site.assets.stylesheet} />
        {allFeeds.map((f) => (
          <>
            <link
              rel="alternate"
              type="application/rss+xml"
              title={i18n.t('layout.feedRss', { title: f.title })}
              href={feedPath(f.base, 'rss')}
            />
            <link
              rel="alternate"
              type="application/atom+xml"
              title={i18n.t('layout.feedAtom', { title: f.title })}
              href={feedPath(f.base, 'atom')}
            />
          </>
        ))}
        <SocialMeta site={site} card={pageCard} />
        {withScript && <script src={site.assets.script} defer />}
        {jsonLd === 'slot' ? <Slot name="structured-data" /> : jsonLd && <JsonLd data={jsonLd} />}
        {head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {i18n.t('layout.skipToContent')}
        </a>
        <header class="masthead">
          <div class="wrap">
            <a class="site-name" href={home}>
              {site.settings.name}
            </a>
            <p class="site-description">{site.settings.description}</p>
            {otherLanguages.length > 0 && (
              <nav class="languages" aria-label={i18n.t('layout.languagesNav')}>
                <ul>
                  {otherLanguages.map((l) => (
                    <li>
                      <a href={l.home} hreflang={l.tag} lang={l.tag}>
                        {l.name}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            <form class="masthead-search" action={editionPath(site, '/search')} method="get" role="search">
              <label for="masthead-q" class="visually-hidden">
                {i18n.t('layout.searchLabel')}
              </label>
              <input
                id="masthead-q"
                type="search"
                name="q"
                placeholder={i18n.t('layout.searchPlaceholder')}
                maxLength={200}
              />
              <button type="submit">{i18n.t('layout.searchButton')}</button>
            </form>
          </div>
          {site.sections.length > 0 && (
            <nav class="sections" aria-label={i18n.t('layout.sectionsNav')}>
              <ul class="wrap">
                {site.sections.map((s) => (
                  <li>
                    <a href={editionPath(site, sectionPath(s.slug))}>{s.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" class="wrap">
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <nav aria-label={i18n.t('layout.siteNav')}>
              <p class="footer-links">
                <a href={editionPath(site, '/archive')}>{i18n.t('layout.archive')}</a> ·{' '}
                <a href={editionPath(site, '/search')}>{i18n.t('layout.search')}</a>
              </p>
            </nav>
            <p>{i18n.t('layout.copyright', { site: site.settings.name })}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Renders a page component to a complete HTML document. */
export const renderDocument = (page: preact.VNode): string => `<!DOCTYPE html>\n${render(page)}`;
