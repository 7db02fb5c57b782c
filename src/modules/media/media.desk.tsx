// The media library at the desk: upload a photo with its caption, credit and alt text, and see what is there.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { assertForm, FORM, type PageContext, partValue, queryOrDefaults, TextPart } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import { MediaLibraryPage } from '../../web/desk/media-library-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { listMedia, uploadMedia } from './media.service.ts';

/** The file part as @fastify/multipart attaches it (attachFieldsToBody: true); its bytes are read on demand. */
type FilePart = { filename?: string; toBuffer?: () => Promise<Buffer> };

const UploadForm = Type.Object({
  file: Type.Optional(Type.Unknown()),
  alt: Type.Optional(TextPart(Type.String({ maxLength: 10_000, title: 'Alt text' }))),
  caption: Type.Optional(TextPart(Type.String({ maxLength: 10_000, title: 'Caption' }))),
  credit: Type.Optional(TextPart(Type.String({ maxLength: 10_000, title: 'Credit' }))),
});

const LibraryQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });

export function registerMediaDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const config = { permission: 'article.create' } as const;

  const page = async (req: FastifyRequest, reply: FastifyReply, view: { status: number; notice?: string; error?: AppError; typed?: Record<string, string> }) => {
    const items = await listMedia(ctx.deps, { limit: 60, offset: 0 });
    const { mediaMaxBytes, mediaMaxPixels } = ctx.deps.config;
    if (view.error?.headers) reply.headers(view.error.headers);
    return sendHtml(reply, view.status, renderDocument(
      <MediaLibraryPage chrome={await ctx.desk(req)} items={items} maxMb={Math.round(mediaMaxBytes / 1048576)} maxMegapixels={Math.round(mediaMaxPixels / 1_000_000)}
        notice={view.notice} error={view.error} typed={view.typed} />,
    ));
  };

  app.get('/media', { schema: { querystring: LibraryQuery }, attachValidation: true, config }, async (req, reply) =>
    page(req, reply, { status: 200, notice: queryOrDefaults(req).done ? 'Uploaded. Choose it as a featured image in the editor.' : undefined }));

  app.post('/media', { schema: { body: UploadForm }, ...FORM, config }, async (req, reply) => {
    const body = req.body ?? {};
    const file = body.file as FilePart | undefined;
    const typed = { caption: partValue(body.caption), credit: partValue(body.credit), alt: partValue(body.alt) };
    try {
      assertForm(req);
      await uploadMedia(ctx.deps, {
        staff: deskSession(req).staff, bytes: file?.toBuffer ? await file.toBuffer() : Buffer.alloc(0), originalName: file?.filename ?? '', ...typed,
      });
      return reply.redirect('/admin/media?done=1', 303);
    } catch (error) {
      // A refused photo (too large, not an image, damaged, too many pixels) or a busy server: the form again, with why.
      if (!(error instanceof AppError) || ![413, 422, 503].includes(error.status)) throw error;
      return page(req, reply, { status: error.status, error, typed });
    }
  });
}
