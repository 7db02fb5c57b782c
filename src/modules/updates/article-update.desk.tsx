// The desk's updates and corrections of an article: record one (without JavaScript), or take one back.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { assertForm, FORM, NoFields, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n/translator.ts';
import { ArticleUpdatesPage } from '../../web/desk/article-updates-form.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { NOTE_MAX } from './article-update.ts';
import { loadArticleUpdates, recordArticleUpdate, removeArticleUpdate } from './article-update.service.ts';

// A Map, so a name like ?done=constructor shows no notice.
const NOTICES = new Map<string, MessageKey>(
  Object.entries({
    update: 'desk.notice.updateRecorded',
    correction: 'desk.notice.correctionRecorded',
    removed: 'desk.notice.updateRemoved',
  } as const),
);

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const UpdateIds = Type.Object({ id: Type.String({ maxLength: 64 }), updateId: Type.String({ maxLength: 64 }) });
const Done = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });
// The note's rules (required, its length) are the service's, with its messages.
const UpdateForm = Type.Object({
  kind: Type.Union([Type.Literal('update'), Type.Literal('correction')], {
    title: 'Kind',
    errorMessage: 'Choose whether this is an update or a correction.',
  }),
  note: Type.Optional(Type.String({ maxLength: 100_000, title: 'What changed' })),
});

export function registerArticleUpdateDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;
  const config = { permission: 'article.correct' } as const;

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: {
      id: string;
      status: number;
      values?: { kind: string; note: string };
      notice?: MessageKey;
      error?: AppError;
    },
  ) => {
    const { article, updates } = await loadArticleUpdates(deps, { staff: deskSession(req).staff, id: view.id });
    const chrome = await ctx.desk(req);
    return sendHtml(
      reply,
      view.status,
      renderDocument(
        <ArticleUpdatesPage
          chrome={chrome}
          notice={view.notice && chrome.i18n.t(view.notice)}
          error={view.error && { message: chrome.i18n.error(view.error), field: view.error.field }}
          article={{
            id: article.id,
            slug: article.slug,
            headline: article.headline,
            published: article.status === 'published',
          }}
          updates={updates}
          values={view.values ?? { kind: 'update', note: '' }}
          noteMax={NOTE_MAX}
        />,
      ),
    );
  };

  app.get(
    '/articles/:id/updates',
    { schema: { params: Id, querystring: Done }, attachValidation: true, config },
    async (req, reply) =>
      page(req, reply, { id: req.params.id, status: 200, notice: NOTICES.get(queryOrDefaults(req).done ?? '') }),
  );

  app.post(
    '/articles/:id/updates',
    { schema: { params: Id, body: UpdateForm }, ...FORM, config },
    async (req, reply) => {
      const body = (req.body ?? {}) as { kind?: unknown; note?: string };
      const values = { kind: typeof body.kind === 'string' ? body.kind : '', note: body.note ?? '' };
      try {
        assertForm(req);
        await recordArticleUpdate(deps, {
          staff: deskSession(req).staff,
          articleId: req.params.id,
          kind: req.body.kind,
          note: values.note,
          ip: req.ip,
        });
        return reply.redirect(`/admin/articles/${req.params.id}/updates?done=${req.body.kind}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
        return page(req, reply, { id: req.params.id, status: error.status, values, error });
      }
    },
  );

  app.post(
    '/articles/:id/updates/:updateId/delete',
    { schema: { params: UpdateIds, body: NoFields }, config },
    async (req, reply) => {
      await removeArticleUpdate(deps, {
        staff: deskSession(req).staff,
        articleId: req.params.id,
        updateId: req.params.updateId,
        ip: req.ip,
      });
      return reply.redirect(`/admin/articles/${req.params.id}/updates?done=removed`, 303);
    },
  );
}
