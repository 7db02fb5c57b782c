// A language's edition of the reader site: the default language's pages at the root (/, /sections/harbour,
// /rss.xml), every other site language's under its tag (/es/, /es/sections/harbour, /es/rss.xml). The routes of the
// lists, the archive, search and feeds are registered once for each prefix, and read the page's edition here.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { SiteView } from '../web/site.ts';
import type { PageContext } from './page-context.ts';

/** The prefixes a route of every edition is registered under: the default's root, and one language's segment. */
export const EDITION_PREFIXES = ['', '/:lang'] as const;

/** The language segment of an edition's address, among a route's params. */
export const EditionParam = { lang: Type.Optional(Type.String({ maxLength: 35 })) };

/** The articles a page of the edition lists: those in its language (and those with none, in the default's). */
export const editionLanguage = (site: SiteView) =>
  // A site in one language lists every article: no filter for the lists' indexes to carry.
  site.languages.length <= 1
    ? undefined
    : {
        tag: site.edition.language,
        isDefault: site.edition.prefix === '',
      };

/**
 * The site around the page of the address's edition; undefined when the reply is already made: the default language
 * named in the address moves to the root (301), and a language the site does not offer is the 404 page (which still
 * tries the old addresses a WordPress import left, as any unknown address does).
 */
export async function editionSite(
  ctx: PageContext,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<SiteView | undefined> {
  const lang = (req.params as { lang?: string }).lang;
  const found = await ctx.edition(req, lang);
  if (found === 'default') {
    await reply.redirect(req.url.slice(`/${lang}`.length) || '/', 301);
    return undefined;
  }
  if (!found) {
    await reply.callNotFound();
    return undefined;
  }
  return found;
}
