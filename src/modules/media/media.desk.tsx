// The media library at the desk: upload a photo with its caption, credit and alt text, find it by its words, change
// them, see which articles use it, and delete it when none does.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import {
  assertForm,
  FORM,
  NoFields,
  one,
  type PageContext,
  partValue,
  queryOrDefaults,
  TextPart,
} from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import type { MessageKey, Translator } from '../../platform/i18n/translator.ts';
import { MediaLibraryPage } from '../../web/desk/media-library-page.tsx';
import { MediaPhotoPage } from '../../web/desk/media-photo-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import {
  deleteMedia,
  loadMediaDetail,
  searchMedia,
  updateMediaText,
  uploadMedia,
  type PhotoUsesOf,
} from './media.service.ts';

/** The file part as @fastify/multipart attaches it (attachFieldsToBody: true); its bytes are read on demand. */
type FilePart = { filename?: string; toBuffer?: () => Promise<Buffer> };

const UploadForm = Type.Object({
  file: Type.Optional(Type.Unknown()),
  alt: Type.Optional(TextPart(Type.String({ maxLength: 10_000, title: 'Alt text' }))),
  caption: Type.Optional(TextPart(Type.String({ maxLength: 10_000, title: 'Caption' }))),
  credit: Type.Optional(TextPart(Type.String({ maxLength: 10_000, title: 'Credit' }))),
});

const LibraryQuery = Type.Object({
  done: Type.Optional(Type.String({ maxLength: 20 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 99_999 })),
});
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const PhotoQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });
const WordsForm = Type.Object({
  alt: Type.Optional(Type.String({ maxLength: 10_000, title: 'Alt text' })),
  caption: Type.Optional(Type.String({ maxLength: 10_000, title: 'Caption' })),
  credit: Type.Optional(Type.String({ maxLength: 10_000, title: 'Credit' })),
});

/** Photos on one page of the library. */
const PER_PAGE = 24;

const NOTICES = new Map<string, MessageKey>(
  Object.entries({
    uploaded: 'desk.notice.mediaUploaded',
    deleted: 'desk.notice.mediaDeleted',
    saved: 'desk.notice.saved',
  } as const),
);

/** A refusal as the page shows it, in the desk's language. */
const shown = (i18n: Translator, error: AppError | undefined) =>
  error && { message: i18n.error(error), field: error.field };

/** `usesOf` answers which articles show a photo: articles sit above the library, so app.ts hands it in. */
export function registerMediaDesk(root: FastifyInstance, ctx: PageContext, follow: { usesOf: PhotoUsesOf }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const config = { permission: 'article.create' } as const;

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: {
      status: number;
      notice?: MessageKey;
      error?: AppError;
      typed?: Record<string, string>;
      q?: string;
      page?: number;
    },
  ) => {
    const [library, chrome] = await Promise.all([
      searchMedia(ctx.deps, { text: view.q, page: view.page, perPage: PER_PAGE }),
      ctx.desk(req),
    ]);
    const { mediaMaxBytes, mediaMaxPixels } = ctx.deps.config;
    if (view.error?.headers) reply.headers(view.error.headers);
    return sendHtml(
      reply,
      view.status,
      renderDocument(
        <MediaLibraryPage
          chrome={chrome}
          library={library}
          maxMb={Math.round(mediaMaxBytes / 1048576)}
          maxMegapixels={Math.round(mediaMaxPixels / 1_000_000)}
          notice={view.notice && chrome.i18n.t(view.notice)}
          error={shown(chrome.i18n, view.error)}
          typed={view.typed}
        />,
      ),
    );
  };

  app.get('/media', { schema: { querystring: LibraryQuery }, attachValidation: true, config }, async (req, reply) => {
    const q = queryOrDefaults(req);
    return page(req, reply, {
      status: 200,
      notice: NOTICES.get(q.done === '1' ? 'uploaded' : (q.done ?? '')),
      q: q.q,
      page: q.page,
    });
  });

  app.post('/media', { schema: { body: UploadForm }, ...FORM, config }, async (req, reply) => {
    const body = req.body ?? {};
    const file = body.file as FilePart | undefined;
    const typed = { caption: partValue(body.caption), credit: partValue(body.credit), alt: partValue(body.alt) };
    try {
      assertForm(req);
      await uploadMedia(ctx.deps, {
        staff: deskSession(req).staff,
        bytes: file?.toBuffer ? await file.toBuffer() : Buffer.alloc(0),
        originalName: file?.filename ?? '',
        ...typed,
      });
      return reply.redirect('/admin/media?done=uploaded', 303);
    } catch (error) {
      // A refused photo (too large, not an image, damaged, too many pixels) or a busy server: the form again, with why.
      if (!(error instanceof AppError) || ![413, 422, 503].includes(error.status)) throw error;
      return page(req, reply, { status: error.status, error, typed });
    }
  });

  const photoPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: {
      id: string;
      status: number;
      notice?: MessageKey;
      error?: AppError;
      typed?: { caption: string; credit: string; alt: string };
    },
  ) => {
    const { item, uses, mayChange } = await loadMediaDetail(ctx.deps, {
      staff: deskSession(req).staff,
      id: view.id,
      usesOf: follow.usesOf,
    });
    const chrome = await ctx.desk(req);
    return sendHtml(
      reply,
      view.status,
      renderDocument(
        <MediaPhotoPage
          chrome={chrome}
          item={item}
          uses={uses}
          mayChange={mayChange}
          notice={view.notice && chrome.i18n.t(view.notice)}
          error={shown(chrome.i18n, view.error)}
          typed={view.typed}
        />,
      ),
    );
  };

  app.get(
    '/media/:id',
    { schema: { params: Id, querystring: PhotoQuery }, attachValidation: true, config },
    async (req, reply) =>
      photoPage(req, reply, { id: req.params.id, status: 200, notice: NOTICES.get(queryOrDefaults(req).done ?? '') }),
  );

  app.post('/media/:id', { schema: { params: Id, body: WordsForm }, ...FORM, config }, async (req, reply) => {
    const body = req.body ?? {};
    const typed = { caption: one(body.caption), credit: one(body.credit), alt: one(body.alt) };
    try {
      assertForm(req);
      await updateMediaText(ctx.deps, { staff: deskSession(req).staff, id: req.params.id, ...typed });
      return reply.redirect(`/admin/media/${req.params.id}?done=saved`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return photoPage(req, reply, { id: req.params.id, status: 422, error, typed });
    }
  });

  app.post('/media/:id/delete', { schema: { params: Id, body: NoFields }, config }, async (req, reply) => {
    try {
      await deleteMedia(ctx.deps, { staff: deskSession(req).staff, id: req.params.id, usesOf: follow.usesOf });
      return reply.redirect('/admin/media?done=deleted', 303);
    } catch (error) {
      // In use: the photo's page again, saying which articles use it.
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      return photoPage(req, reply, { id: req.params.id, status: 409, error });
    }
  });
}
