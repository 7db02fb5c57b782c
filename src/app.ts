// buildApp(deps): the whole site as a Fastify instance (pages, JSON API, assets), without listening.
import { isIP } from 'node:net';
import zlib from 'node:zlib';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerFactory,
} from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { Deps } from './deps.ts';
import { pingDatabase } from './platform/db/database.ts';
import { ErrorJson } from './http/api-schemas.ts';
import { COMPRESSIBLE } from './http/compression.ts';
import { registerStaticAssets } from './http/static-assets.ts';
import { installCrossSiteProtection } from './http/cross-site.ts';
import { installDeskGuard } from './http/desk-guard.ts';
import { installDiskUploadCleanup, onMultipartFile } from './http/disk-upload.ts';
import { answerClientError, BODY_LIMIT_BYTES, errorResponder } from './http/error-handler.tsx';
import { warnOfUntrustedProxy } from './http/proxy-warning.ts';
import { installStaffAuth } from './http/staff-auth.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import type { PageContext } from './http/page-context.ts';
import { editionLanguage } from './http/editions.ts';
import type { Translator } from './platform/i18n/translator.ts';
import type { SiteView } from './web/site.ts';
import { registerNotFound, renderNotFoundPage } from './http/not-found.tsx';
import { revalidationsOf, serverAnsweringRevalidations } from './http/revalidation.ts';
import { registerArticleApi } from './modules/articles/article.api.ts';
import { registerArticleDesk } from './modules/articles/article.desk.tsx';
import { registerFrontPageDesk } from './modules/articles/front-page.desk.tsx';
import { registerRevisionDesk } from './modules/articles/revision.desk.tsx';
import { registerAuditDesk } from './modules/audit/audit.desk.tsx';
import { registerSessionDesk } from './modules/sessions/session.desk.tsx';
import { registerSettingsDesk } from './modules/settings/settings.desk.tsx';
import { registerDiscussionSettingsDesk } from './modules/settings/discussion-settings.desk.tsx';
import { registerSettingsApi } from './modules/settings/settings.api.ts';
import { registerMediaDesk } from './modules/media/media.desk.tsx';
import { registerSectionDesk } from './modules/sections-desk/sections.desk.tsx';
import { PUBLIC_PEOPLE_PATHS, registerPeopleDesk } from './modules/people/people.desk.tsx';
import { PUBLIC_SETUP_PATHS, registerFirstRunDesk } from './modules/people/first-run.desk.tsx';
import { registerPersonDesk } from './modules/people/person.desk.tsx';
import { registerArticlePages } from './modules/articles/article.pages.tsx';
import { ArticleJson, StaffArticleJson } from './modules/articles/article.schema.ts';
import { registerCommentApi } from './modules/comments/comment.api.ts';
import { registerDiscussionPages } from './modules/comments/discussion.pages.tsx';
import { registerArchivePages } from './modules/articles/archive.pages.tsx';
import { registerSearchApi } from './modules/search/search.api.ts';
import { registerSearchPages } from './modules/search/search.pages.tsx';
import { registerCommentReportPages } from './modules/comments/comment-report.pages.tsx';
import { registerCommentEditPages } from './modules/comments/comment-edit.pages.tsx';
import { CommentJsonSchema } from './modules/comments/comment.schema.ts';
import { registerModerationApi } from './modules/moderation/moderation.api.ts';
import { registerModerationDesk } from './modules/moderation-desk/moderation-queue.desk.tsx';
import { registerNotificationPages } from './modules/notifications/notifications.pages.tsx';
import { registerBanDesk } from './modules/moderation-desk/moderation-bans.desk.tsx';
import { redirectLegacyUrl, registerLegacyRedirects } from './modules/wordpress/index.ts';
import {
  findPhotoUses,
  listArticleIdsShowing,
  findDiscussionToPost,
  listPublicArticles,
  reindexArticles,
  retuneSearch,
} from './modules/articles/index.ts';
import { countCommentsByArticle } from './modules/comments/index.ts';
import { authenticateToken, needsFirstAdmin } from './modules/people/index.ts';
import { authorize } from './modules/permissions/index.ts';
import { findSession } from './modules/sessions/index.ts';
import { refuseWhileImporting, registerWordPressDesk } from './modules/wordpress/wordpress.desk.tsx';
import { deskMenu, siteViewIn, siteViewLoader } from './site-view.ts';
import { ASSETS_DIR, assetUrls } from './web/assets.ts';
import { ArticleUpdateJson, registerArticleUpdateApi } from './modules/updates/article-update.api.ts';
import { registerArticleUpdateDesk } from './modules/updates/article-update.desk.tsx';
import { registerCorrectionPages } from './modules/updates/corrections.pages.tsx';
import { registerFeedPages } from './modules/syndication/feed.pages.ts';
import { registerSitemapPages } from './modules/syndication/sitemap.pages.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: { method: string; url: string }[];
  }
}

/** Builds the app on the given dependencies; the caller listens and closes. */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const { config } = deps;
  const assets = assetUrls();
  const siteView = siteViewLoader(deps, assets);
  const site = (_req: FastifyRequest) => siteView();
  const ctx: PageContext = {
    deps,
    site,
    edition: async (req, segment) => {
      const view = await site(req);
      return segment === undefined ? view : siteViewIn(deps, view, segment);
    },
    siteIn: async (req, language) => {
      const view = await site(req);
      if (!language || language.toLowerCase() === view.settings.language.toLowerCase()) return view;
      // The article's language names its edition when the site offers it (its nav leads to /es/…); else only its words.
      const edition = siteViewIn(deps, view, language);
      if (edition && edition !== 'default') return edition;
      return { ...view, i18n: deps.translations.for(language, view.settings.timeZone) };
    },
    desk: async (req) => {
      const view = await site(req);
      // The person's own desk language when they chose one the desk still speaks; else the site's.
      const chosen = req.deskSession?.language;
      const i18n =
        chosen && deps.translations.speaks(chosen) ? deps.translations.for(chosen, view.settings.timeZone) : view.i18n;
      return {
        site: view,
        i18n,
        user: req.deskSession && { name: req.deskSession.staff.name, menu: deskMenu(req.deskSession.staff) },
        token: req.deskToken,
      };
    },
    deskSignedOut: async (req) => {
      const view = await site(req);
      return { site: view, i18n: view.i18n };
    },
  };
  // The edge (src/http) imports no module: what its guards and error pages need from them is handed in here.
  // An error or a missing page under a language's edition (/es/…) answers in that language, as its pages do; one
  // under an article's address (its comment form refused as closed or too fast) in the article's language.
  const addressSite = async (req: FastifyRequest) => {
    const slug = /^\/articles\/([^/?#]+)/.exec(req.url)?.[1];
    const language = slug && (await publicArticleLanguage(deps, slug));
    if (language) return ctx.siteIn(req, language);
    const view = await site(req);
    const segment = /^\/([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)(?:[/?#]|$)/.exec(req.url)?.[1];
    const edition = segment ? siteViewIn(deps, view, segment) : undefined;
    return edition && edition !== 'default' ? edition : view;
  };
  const notFoundPage = {
    site: addressSite,
    latestStories: async (view: SiteView) =>
      (await listPublicArticles(deps, { page: 1, limit: 5, boundedTotal: true, language: editionLanguage(view) }))
        .articles,
    redirectLegacy: (req: FastifyRequest, reply: FastifyReply) => redirectLegacyUrl(deps, req, reply),
  };
  const apiWords = (req: FastifyRequest, error: Parameters<Translator['error']>[0]) => {
    const asked = deps.translations.asked(req.headers['accept-language']);
    return asked === undefined ? undefined : deps.translations.for(asked, 'UTC').error(error);
  };
  const answerError = errorResponder({
    site: addressSite,
    apiWords,
    notFound: (req) => renderNotFoundPage(notFoundPage, req),
  });
  const earlyRevalidations: FastifyServerFactory = (handler, options) =>
    serverAnsweringRevalidations(
      revalidationsOf(deps),
      handler,
      options as Parameters<typeof serverAnsweringRevalidations>[2],
    );
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    // Errors met before routing (a malformed or over-long address) and requests Node's parser refuses answer in
    // the same shape as every other error.
    frameworkErrors: answerError,
    clientErrorHandler: answerClientError,
    bodyLimit: BODY_LIMIT_BYTES,
    // errorMessage: a form field's own words for any failure; labelKey: the catalogue key of its label (src/http/page-context.ts, formError).
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        keywords: ['errorMessage', 'labelKey'],
      },
    },
    routerOptions: { ignoreTrailingSlash: true },
    // A current copy's revalidation is answered from the render cache before routing (src/http/revalidation.ts). Not
    // on a host name (HOST=localhost): given its own server, Fastify binds only the first of the name's addresses.
    serverFactory: isIP(config.host) !== 0 ? earlyRevalidations : undefined,
  });

  // Every route as registered, so tests can prove each staff route checks rights (see the role matrix test).
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  app.decorate('routeList', routes);
  installStaffAuth(app, { authenticate: (token) => authenticateToken(deps, token), authorize });
  warnOfUntrustedProxy(app, config.trustProxy);

  // Built once here, not per request.
  installSecurityHeaders(app, config.publicUrl.startsWith('https:'));
  // What is not compressed ahead (cached pages, assets) is compressed as it goes out: desk pages, JSON, feeds.
  // A fast brotli level, since this runs on every such response.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: COMPRESSIBLE,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: BODY_LIMIT_BYTES });
  await app.register(rateLimit, {
    global: false,
    ...(deps.redis ? { redis: deps.redis, nameSpace: 'dateline:ratelimit:' } : {}),
    // The wait travels as a value too, so the page's language words it (errors.rate_limited).
    errorResponseBuilder: (_req, ctx) => {
      const seconds = Math.ceil(ctx.ttl / 1000);
      return {
        statusCode: 429,
        code: 'rate_limited',
        message: `You are posting too fast. Wait ${seconds} seconds and try again.`,
        values: { seconds },
      };
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Dateline API',
        version: '1.0.0',
        description:
          'Articles and their reader discussion. Staff endpoints need a bearer token (dateline token create).',
      },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    // Pages are not API: only tagged (API) routes are documented.
    hideUntagged: true,
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  for (const schema of [ErrorJson, ArticleJson, StaffArticleJson, CommentJsonSchema, ArticleUpdateJson])
    app.addSchema(schema);

  await app.register(fastifyStatic, {
    root: config.mediaDir,
    prefix: '/media/',
    maxAge: '30d',
    decorateReply: false,
    index: false,
  });

  // One limiter, so an address has one budget for every way of posting a comment (form and API).
  const commentLimit = config.commentRateLimit
    ? app.rateLimit({ max: config.commentRateLimit.max, timeWindow: config.commentRateLimit.windowSeconds * 1000 })
    : undefined;

  installCrossSiteProtection(app, config.publicUrl);
  app.setErrorHandler(answerError);
  // After the error handler: a route keeps the handler in force when it is declared.
  registerStaticAssets(app, ASSETS_DIR, '/assets/');
  registerNotFound(app, notFoundPage);
  registerLegacyRedirects(app, deps);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/favicon.ico', { schema: { hide: true } }, (_req, reply) => reply.redirect(assets.icon, 301));
  app.get('/robots.txt', { schema: { hide: true } }, (_req, reply) =>
    reply.type('text/plain').send(`User-agent: *\nDisallow: /api/\n\nSitemap: ${config.publicUrl}/sitemap.xml\n`),
  );
  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    await pingDatabase(deps.db);
    return reply.header('cache-control', 'no-store').send({ ok: true });
  });

  registerArticlePages(app, ctx);
  registerSearchPages(app, ctx);
  registerArchivePages(app, ctx);
  registerDiscussionPages(app, ctx, commentLimit);
  registerCommentReportPages(app, ctx, commentLimit);
  registerNotificationPages(app, ctx);
  registerCommentEditPages(app, ctx);
  registerCorrectionPages(app, ctx);
  registerFeedPages(app, ctx);
  registerSitemapPages(app, ctx);
  registerArticleApi(app, deps);
  registerArticleUpdateApi(app, deps);
  registerSearchApi(app, deps);
  registerCommentApi(app, deps, commentLimit);
  registerModerationApi(app, deps);
  registerSettingsApi(app, deps, { languageChanged: (language) => retuneSearch(deps, language) });

  // The desk: its own encapsulated plugin, so its guard covers every route in it and nothing else.
  await app.register(
    async (desk) => {
      // Uploads only here, at the desk; one file per request, no bigger than the configured limit.
      // A route may ask for its file on disk instead, with its own limit (the WordPress import).
      await desk.register(multipart, {
        attachFieldsToBody: true,
        onFile: onMultipartFile,
        limits: { files: 1, fileSize: config.mediaMaxBytes, fields: 10 },
      });
      installDiskUploadCleanup(desk);
      refuseWhileImporting(desk);
      installDeskGuard(desk, {
        findSession: (token) => findSession(deps, token),
        authorize,
        publicPaths: ['/admin/sign-in', ...PUBLIC_PEOPLE_PATHS, ...PUBLIC_SETUP_PATHS],
      });
      // The sign-in page offers the first run while no admin can sign in (people sits above sessions).
      registerSessionDesk(desk, ctx, { needsFirstAdmin: () => needsFirstAdmin(deps) });
      registerFirstRunDesk(desk, ctx);
      // Search indexes bylines and follows the site's language: pages of modules below articles are told how to say so.
      registerPeopleDesk(desk, ctx, {
        bylineChanged: async (userId) => reindexArticles(deps.db, await listArticleIdsShowing(deps.db, { userId })),
      });
      registerPersonDesk(desk, ctx);
      registerArticleDesk(desk, ctx, { commentCounts: (ids) => countCommentsByArticle(deps, ids) });
      registerFrontPageDesk(desk, ctx);
      registerRevisionDesk(desk, ctx);
      registerArticleUpdateDesk(desk, ctx);
      registerAuditDesk(desk, ctx);
      registerSettingsDesk(desk, ctx, { languageChanged: (language) => retuneSearch(deps, language) });
      registerDiscussionSettingsDesk(desk, ctx);
      registerMediaDesk(desk, ctx, { usesOf: (url) => findPhotoUses(deps, { url }) });
      registerSectionDesk(desk, ctx);
      registerModerationDesk(desk, ctx);
      registerBanDesk(desk, ctx);
      registerWordPressDesk(desk, ctx);
    },
    { prefix: '/admin' },
  );

  return app;
}

/** The language of the published article at an address's slug (as sent, %-escaped), or undefined. */
async function publicArticleLanguage(deps: Deps, escapedSlug: string): Promise<string | null | undefined> {
  let slug: string;
  try {
    slug = decodeURIComponent(escapedSlug);
  } catch {
    return undefined;
  }
  // The one-row lookup posting makes (public or not, and its language), not the whole article with its relations.
  return (await findDiscussionToPost(deps, slug).catch(() => undefined))?.language;
}
