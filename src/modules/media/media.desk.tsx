// The desk's media library: upload a photo with its caption, credit and alt text, and see what is there.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { deskSession } from '../../http/desk-guard.ts';
import { AppError } from '../../platform/errors.ts';
import { DeskLayout, FormToken } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import type { SiteView } from '../../web/site.ts';
import { authorize } from '../people/index.ts';
import { listMedia, uploadMedia } from './media.service.ts';

interface Ctx {
  deps: Deps;
  site: (req: FastifyRequest) => Promise<SiteView>;
}

/** Multipart parts as @fastify/multipart attaches them (attachFieldsToBody: true). */
type Part = { value?: unknown; filename?: string; toBuffer?: () => Promise<Buffer> };
type UploadBody = Partial<Record<'file' | 'caption' | 'credit' | 'alt', Part>>;

const field = (part: Part | undefined): string => (typeof part?.value === 'string' ? part.value : '');

export function registerMediaDesk(app: FastifyInstance, ctx: Ctx): void {
  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, notice?: string, error?: AppError, typed: Record<string, string> = {}) => {
    const session = deskSession(req);
    authorize(session.staff, 'article.create');
    const items = await listMedia(ctx.deps, { limit: 60, offset: 0 });
    // The message sits beside the field at fault (the file, unless a text field is named), tied to it for screen readers.
    const at = error ? (['caption', 'credit', 'alt'].includes(error.field ?? '') ? error.field! : 'file') : undefined;
    const problem = (name: string) => (at === name ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${name}-error` } : {});
    const message = (name: string) => at === name && <strong id={`${name}-error`} class="field-error">{error!.message}</strong>;
    if (error?.headers) reply.headers(error.headers);
    return reply.code(status).type('text/html; charset=utf-8').send(renderDocument(
      <DeskLayout site={await ctx.site(req)} title="Media library" session={session} token={req.deskToken} notice={notice} error={error && 'The photo was not saved: see below.'}>
        <form method="post" action="/admin/media" enctype="multipart/form-data" class="desk-form narrow">
          <FormToken token={req.deskToken} />
          <p class={`field${at === 'file' ? ' has-error' : ''}`}><label for="file">Photo (JPEG, PNG, WebP or AVIF, up to {Math.round(ctx.deps.config.mediaMaxBytes / 1048576)} MB and {Math.round(ctx.deps.config.mediaMaxPixels / 1_000_000)} megapixels)</label>
            <input id="file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif" required {...problem('file')} />{message('file')}</p>
          <p class={`field${at === 'alt' ? ' has-error' : ''}`}><label for="alt">Alt text (what the photo shows)</label><input id="alt" name="alt" maxLength={1000} value={typed.alt ?? ''} {...problem('alt')} />{message('alt')}</p>
          <p class={`field${at === 'caption' ? ' has-error' : ''}`}><label for="caption">Caption</label><input id="caption" name="caption" maxLength={1000} value={typed.caption ?? ''} {...problem('caption')} />{message('caption')}</p>
          <p class={`field${at === 'credit' ? ' has-error' : ''}`}><label for="credit">Credit</label><input id="credit" name="credit" maxLength={200} value={typed.credit ?? ''} {...problem('credit')} />{message('credit')}</p>
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
    const typed = { caption: field(body.caption), credit: field(body.credit), alt: field(body.alt) };
    try {
      await uploadMedia(ctx.deps, {
        staff: deskSession(req).staff, bytes: file?.toBuffer ? await file.toBuffer() : Buffer.alloc(0),
        originalName: file?.filename ?? '', ...typed,
      });
      return reply.redirect('/admin/media?done=1', 303);
    } catch (error) {
      // A refused photo (too large, not an image, damaged, too many pixels) or a busy server: the form again, with why.
      if (!(error instanceof AppError) || ![413, 422, 503].includes(error.status)) throw error;
      return page(req, reply, error.status, undefined, error, typed);
    }
  });
}
