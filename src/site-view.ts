// What every page shows around its content, loaded from the modules for the views in src/web, which import none:
// the site's settings and sections, the form limits, and the parts of the desk a staff member's role opens.
import { createHash } from 'node:crypto';
import type { Deps } from './deps.ts';
import { COMMENT_LIMITS, REPORT_REASON_MAX } from './modules/comments/index.ts';
import { can, type Staff } from './modules/permissions/index.ts';
import { listSections } from './modules/sections/index.ts';
import { getSettings, type SiteSettings } from './modules/settings/index.ts';
import { languageName } from './platform/i18n/language-names.ts';
import { languagePrefix } from './platform/paths.ts';
import type { DeskLink } from './web/desk/desk-layout.tsx';
import type { SiteView } from './web/site.ts';

/** The site around a page, read from the database. */
export async function loadSiteView(
  deps: Pick<Deps, 'db' | 'config' | 'translations'>,
  assets: SiteView['assets'],
): Promise<SiteView> {
  const [settings, sections] = await Promise.all([getSettings(deps), listSections(deps.db)]);
  const revision = createHash('sha1')
    .update(JSON.stringify([settings, sections, deps.config.publicUrl, assets, deps.translations.fingerprint]))
    .digest('base64url');
  return {
    revision,
    settings,
    sections,
    publicUrl: deps.config.publicUrl,
    assets,
    i18n: deps.translations.for(settings.language, settings.timeZone),
    edition: { language: settings.language, prefix: '' },
    languages: siteLanguageLinks(settings),
    limits: { comment: COMMENT_LIMITS, reportReason: REPORT_REASON_MAX },
  };
}

/** Each language of the site and its front page, for the language switcher. */
function siteLanguageLinks(settings: SiteSettings): SiteView['languages'] {
  return settings.languages.map((tag) => {
    const prefix = languagePrefix(tag, settings.language);
    return { tag, name: languageName(tag), home: `${prefix}/` };
  });
}

/**
 * The site around a page of one of its editions, named by the first segment of a reader address (/es/…): its
 * language's words and prefix. The default language named so answers 'default' (its pages are at the root), a
 * language the site does not offer undefined.
 */
export function siteViewIn(
  deps: Pick<Deps, 'translations'>,
  view: SiteView,
  segment: string,
): SiteView | 'default' | undefined {
  const { settings } = view;
  const tag = settings.languages.find((l) => l.toLowerCase() === segment.toLowerCase());
  if (!tag) return undefined;
  const prefix = languagePrefix(tag, settings.language);
  if (prefix === '') return 'default';
  return { ...view, i18n: deps.translations.for(tag, settings.timeZone), edition: { language: tag, prefix } };
}

/**
 * The site around a page, kept in memory rather than read for each page. Every change of settings, sections or
 * people moves the page cache's settingsChanges (a change of sections or people, or of settings pages show, drops
 * every page too), in this process and, through Redis, in every other: the next page reads the site again. The page
 * cache's maximum age bounds how long a lost message could leave it stale.
 */
export function siteViewLoader(
  deps: Pick<Deps, 'db' | 'config' | 'translations' | 'pageCache' | 'clock'>,
  assets: SiteView['assets'],
): () => Promise<SiteView> {
  let held: { view: Promise<SiteView>; changes: number; until: number } | undefined;
  return () => {
    const changes = deps.pageCache.settingsChanges;
    const now = deps.clock.now().getTime();
    if (!held || held.changes !== changes || held.until <= now) {
      // The count is taken before reading: a change that lands during the read makes the next page read again.
      const view = loadSiteView(deps, assets);
      const entry = { view, changes, until: now + deps.pageCache.maxAgeMs };
      held = entry;
      view.catch(() => {
        if (held === entry) held = undefined;
      });
    }
    return held.view;
  };
}

/** The desk's menu for one staff member: only the parts their role may use, labelled by catalogue keys. */
export function deskMenu(staff: Staff): DeskLink[] {
  const links: [DeskLink, boolean][] = [
    [{ href: '/admin/articles', label: 'desk.menu.articles' }, can(staff, 'article.create')],
    [{ href: '/admin/articles/new', label: 'desk.menu.newArticle' }, can(staff, 'article.create')],
    [{ href: '/admin/front-page', label: 'desk.menu.frontPage' }, can(staff, 'article.pin')],
    [{ href: '/admin/media', label: 'desk.menu.media' }, can(staff, 'article.create')],
    [{ href: '/admin/moderation', label: 'desk.menu.moderation' }, can(staff, 'comment.moderate')],
    [{ href: '/admin/people', label: 'desk.menu.people' }, can(staff, 'users.manage')],
    [{ href: '/admin/sections', label: 'desk.menu.sections' }, can(staff, 'sections.manage')],
    [{ href: '/admin/settings', label: 'desk.menu.settings' }, can(staff, 'settings.manage')],
    [{ href: '/admin/audit', label: 'desk.menu.audit' }, can(staff, 'users.manage')],
    [{ href: '/admin/import', label: 'desk.menu.import' }, can(staff, 'site.import')],
  ];
  return links.filter(([, allowed]) => allowed).map(([link]) => link);
}
