// The desk's media library: upload a photo with its caption, credit and alt text, and see what is there.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deskSession } from '../../http/desk-guard.ts';
import { AppError } from '../../platform/errors.ts';
import { DeskLayout, FormToken } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { authorize } from '../permissions/index.ts';
import { listMedia, uploadMedia } from './media.service.ts';
import { partValue, type PageContext } from '../../http/page-context.ts';


/** Multipart parts as @fastify/multipart attaches them (attachFieldsToBody: true). */
type Part = { value?: unknown; filename?: string; toBuffer?: () => Promise<Buffer> };
type UploadBody = Partial<Record<'file' | 'caption' | 'credit' | 'alt', Part>>;

export function registerMediaDesk(app: FastifyInstance, ctx: PageContext): void {
  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, notice?: string, error?: AppError) => {
    const session = deskSession(req);
    authorize(session.staff, 'article.create');
    const items = await listMedia(ctx.deps, { limit: 60, offset: 0 });
    return reply.code(status).type('text/html; charset=utf-8').send(renderDocument(
      <DeskLayout site={await ctx.site(req)} title="Media library" session={session} token={req.deskToken} notice={notice} error={error?.message}>
        <form method="post" action="/admin/media" enctype="multipart/form-data" class="desk-form narrow">
          <FormToken token={req.deskToken} />
          <p class="field"><label for="file">Photo (JPEG, PNG, WebP or AVIF, up to {Math.round(ctx.deps.config.mediaMaxBytes / 1048576)} MB)</label>
            <input id="file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif" required /></p>
          <p class="field"><label for="alt">Alt text (what the photo shows)</label><input id="alt" name="alt" maxLength={1000} /></p>
          <p class="field"><label for="caption">Caption</label><input id="caption" name="caption" maxLength={1000} /></p>
          <p class="field"><label for="credit">Credit</label><input id="credit" name="credit" maxLength={200} /></p>
          <p><button type="submit">Upload</button></p>
        </form>
        <ul class="media-grid">
          {items.map((m) => (
            <li>
              <img src={m.url} srcset={m.srcset} sizes="12rem" alt={m.alt} width={m.width} height={m.height} loading="lazy" />
              <p>{m.caption || m.originalName} <small>{m.credit} · {m.width}×{m.height}</small></p>
            </li>
          ))}
        </ul>
      </DeskLayout>,
    ));
  };

  app.get<{ Querystring: { done?: string } }>('/media', async (req, reply) => page(req, reply, 200, req.query.done ? 'Uploaded. Choose it as a featured image in the editor.' : undefined));

  app.post<{ Body: UploadBody }>('/media', async (req, reply) => {
    const body = req.body ?? {};
    const file = body.file;
    try {
      await uploadMedia(ctx.deps, {
        staff: deskSession(req).staff, bytes: file?.toBuffer ? await file.toBuffer() : Buffer.alloc(0),
        originalName: file?.filename ?? '', caption: partValue(body.caption), credit: partValue(body.credit), alt: partValue(body.alt),
      });
      return reply.redirect('/admin/media?done=1', 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![413, 422].includes(error.status)) throw error;
      return page(req, reply, error.status, undefined, error);
    }
  });
}
