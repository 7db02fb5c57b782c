// The desk's moderation pages: the queues, one comment's decision, decisions on a selection, featuring, staff replies,
// text corrections and bans from a comment.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Static, type TObject, Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { assertForm, FORM, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import type { MessageKey, Translator } from '../../platform/i18n/translator.ts';
import {
  ModerationQueuePage,
  queueUrl,
  type BanFormState,
  type EditFormState,
  type ReplyFormState,
} from '../../web/desk/moderation-queue.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { answerPendingComment, editCommentText, featureComment, replyAsStaff } from '../comments/index.ts';
import type { Staff } from '../permissions/index.ts';
import { banCommenter, decisionReason } from '../moderation/index.ts';
import { BanFields } from './moderation-bans.desk.tsx';
import {
  getQueueSnapshot,
  listModerationQueue,
  moderateComments,
  MODERATION_ACTIONS,
  QUEUES,
  type ModerationAction,
  type Queue,
  type QueueFilters,
} from './moderation-queue.service.ts';

const PAGE_SIZE = 20;
const queueOf = (v: unknown): Queue => (QUEUES.includes(v as Queue) ? (v as Queue) : 'pending');
const pageOf = (v: unknown): number => (typeof v === 'string' && /^[1-9]\d{0,4}$/.test(v) ? Number(v) : 1);

// The notices of the steps that are not decisions, by the `done` the step redirects with (a map: ?done=constructor is none).
const NOTICES = new Map<string, MessageKey>([
  ['edited', 'desk.moderation.notice.edited'],
  ['ban', 'desk.moderation.notice.ban'],
  ['feature', 'desk.moderation.notice.feature'],
  ['unfeature', 'desk.moderation.notice.unfeature'],
  ['reply', 'desk.moderation.notice.reply'],
  ['answer', 'desk.moderation.notice.answer'],
]);

/** The fields set by the page itself whose refusal has its own words (the schema's errorMessage), in the catalogue. */
const OWN_WORDS = new Map<string, MessageKey>([
  ['action', 'desk.moderation.refusal.action'],
  ['featured', 'desk.moderation.refusal.feature'],
]);

/** A refusal in the desk's language. */
function refusal(i18n: Translator, error: AppError): string {
  const own = error.code === 'invalid_form' && error.values?.rule === 'own' && OWN_WORDS.get(error.field ?? '');
  return own ? i18n.t(own) : i18n.error(error);
}

const QueueName = Type.Union(QUEUES.map((q) => Type.Literal(q)));
const PageNumber = Type.Integer({ minimum: 1, maximum: 99_999 });
// Filters: one article's comments, and a search by words, email or address.
const Filters = {
  article: Type.Optional(Type.String({ maxLength: 64 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
};
const QueueQuery = Type.Object({
  queue: Type.Optional(QueueName),
  page: Type.Optional(PageNumber),
  ...Filters,
  done: Type.Optional(Type.String({ maxLength: 100 })),
  n: Type.Optional(Type.Integer({ minimum: 0 })),
  skipped: Type.Optional(Type.Integer({ minimum: 0 })),
});
const SnapshotQuery = Type.Object({ queue: Type.Optional(QueueName), page: Type.Optional(PageNumber), ...Filters });
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** The hidden fields every form on the queue page sends: where to go back to. Tolerant: a stale page falls back. */
const Back = {
  queue: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.String({ maxLength: 10 })),
  ...Filters,
};
const Action = Type.Union(
  MODERATION_ACTIONS.map((a) => Type.Literal(a)),
  { title: 'Action', errorMessage: 'Choose what to do with the selected comments.' },
);
const DecideForm = Type.Object({ ...Back, action: Action });
const BulkForm = Type.Object({
  ...Back,
  action: Action,
  ids: Type.Optional(
    Type.Array(Type.String({ maxLength: 64 }), {
      maxItems: 1000,
      title: 'Selection',
      labelKey: 'desk.moderation.selection',
    }),
  ),
});
const FeatureForm = Type.Object({
  ...Back,
  featured: Type.Union([Type.Literal('1'), Type.Literal('0')], {
    title: 'Featured',
    errorMessage: 'Choose Feature or Unfeature.',
  }),
});
const TextForm = Type.Object({
  ...Back,
  body: Type.String({ maxLength: 100_000, title: 'Text', labelKey: 'desk.moderation.text' }),
});
const BanForm = Type.Object({ ...Back, ...BanFields, commentId: Type.Optional(Type.String({ maxLength: 64 })) });

/** The summary shown after a decision, read back from the redirect's query, in the desk's language. */
function noticeOf(i18n: Translator, q: Static<typeof QueueQuery>): string | undefined {
  const step = NOTICES.get(q.done ?? '');
  if (step) return i18n.t(step);
  const action = MODERATION_ACTIONS.find((a) => a === q.done);
  if (!action) return undefined;
  return i18n.t('desk.moderation.notice.decided', { n: q.n ?? 0, action, skipped: q.skipped ?? 0 });
}

export function registerModerationDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;
  const config = { permission: 'comment.moderate' } as const;

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: {
      queue: Queue;
      page: number;
      filters?: QueueFilters;
      status?: number;
      /** The redirect's query, which says what was done. */
      done?: Static<typeof QueueQuery>;
      error?: AppError;
      ban?: BanFormState;
      reply?: ReplyFormState;
      edit?: EditFormState;
    },
  ) => {
    const { staff } = deskSession(req);
    const list = await listModerationQueue(deps, {
      staff,
      queue: view.queue,
      page: view.page,
      limit: PAGE_SIZE,
      filters: view.filters,
    });
    const chrome = await ctx.desk(req);
    // Each reason in the desk's language, from its rule's code and values (older rows and people's words as stored).
    const items = list.items.map((item) => ({
      ...item,
      why: item.why.map((w) => ({ ...w, reason: decisionReason(chrome.i18n, w) })),
    }));
    // The refused form's message beside its field is the refusal's, in the desk's language.
    const said = view.error && refusal(chrome.i18n, view.error);
    const message = { message: said ?? '' };
    return sendHtml(
      reply,
      view.status ?? 200,
      renderDocument(
        <ModerationQueuePage
          chrome={chrome}
          list={{ ...list, items }}
          staffName={staff.name}
          notice={view.done && noticeOf(chrome.i18n, view.done)}
          error={said}
          ban={view.ban && { ...view.ban, ...message }}
          reply={view.reply && { ...view.reply, ...message }}
          edit={view.edit && { ...view.edit, ...message }}
        />,
      ),
    );
  };

  app.get(
    '/moderation',
    { schema: { querystring: QueueQuery }, attachValidation: true, config },
    async (req, reply) => {
      const query = queryOrDefaults(req);
      return page(req, reply, {
        queue: query.queue ?? 'pending',
        page: query.page ?? 1,
        filters: { article: query.article, q: query.q },
        done: query,
      });
    },
  );

  type View = Parameters<typeof page>[2];

  /**
   * Every form on the queue page: run the step, then go back to the queue the moderator came from with what was
   * done (`done=...` becomes the notice), or, when the form or the step is refused (409 or 422), show that queue
   * again with the message and what the form needs to show it again.
   */
  const queueForm = <B extends TObject>(
    body: B,
    step: (staff: Staff, fields: Static<B>, req: FastifyRequest<{ Params: { id?: string } }>) => Promise<string>,
    refused: (
      error: AppError,
      fields: Static<B>,
      req: FastifyRequest<{ Params: { id?: string } }>,
    ) => Partial<View> = () => ({}),
  ) => ({
    schema: { body } as { body: B; params?: typeof Id },
    ...FORM,
    config,
    handler: async (req: FastifyRequest<{ Params: { id?: string } }>, reply: FastifyReply) => {
      const fields = (req.body ?? {}) as Static<B> & { queue?: string; page?: string; article?: string; q?: string };
      const queue = queueOf(fields.queue);
      const at = pageOf(fields.page);
      const filters = {
        article: typeof fields.article === 'string' ? fields.article : undefined,
        q: typeof fields.q === 'string' ? fields.q : undefined,
      };
      try {
        assertForm(req);
        return reply.redirect(
          `${queueUrl(queue, at, filters)}&done=${await step(deskSession(req).staff, fields, req)}`,
          303,
        );
      } catch (error) {
        if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
        return page(req, reply, {
          queue,
          page: at,
          filters,
          status: error.status,
          error,
          ...refused(error, fields, req),
        });
      }
    },
  });

  const commentId = (req: FastifyRequest<{ Params: { id?: string } }>) => req.params.id ?? '';
  const decided = (action: ModerationAction, result: { changed: number; skipped: number }) =>
    `${action}&n=${result.changed}${result.skipped ? `&skipped=${result.skipped}` : ''}`;

  app.post('/moderation/comments/:id', {
    ...queueForm(DecideForm, async (staff, fields, req) =>
      decided(fields.action, await moderateComments(deps, { staff, ids: [commentId(req)], action: fields.action })),
    ),
    schema: { params: Id, body: DecideForm },
  });

  app.post(
    '/moderation/bulk',
    queueForm(BulkForm, async (staff, fields) =>
      decided(
        fields.action,
        await moderateComments(deps, {
          staff,
          ids: (fields.ids ?? []).filter((id) => id !== ''),
          action: fields.action,
        }),
      ),
    ),
  );

  // The queue's script asks this every few seconds: the counts of every tab and what the page it shows would list now.
  app.get(
    '/moderation/counts.json',
    { schema: { querystring: SnapshotQuery }, attachValidation: true, config },
    async (req, reply) => {
      const query = queryOrDefaults(req);
      const snapshot = await getQueueSnapshot(deps, {
        staff: deskSession(req).staff,
        queue: query.queue ?? 'pending',
        page: query.page ?? 1,
        limit: PAGE_SIZE,
        filters: { article: query.article, q: query.q },
      });
      return reply.header('cache-control', 'no-store').send(snapshot);
    },
  );

  app.post('/moderation/comments/:id/feature', {
    ...queueForm(FeatureForm, async (staff, fields, req) => {
      await featureComment(deps, { staff, id: commentId(req), featured: fields.featured === '1', ip: req.ip });
      return fields.featured === '1' ? 'feature' : 'unfeature';
    }),
    schema: { params: Id, body: FeatureForm },
  });

  app.post('/moderation/comments/:id/reply', {
    ...queueForm(
      TextForm,
      async (staff, fields, req) => {
        await replyAsStaff(deps, { staff, parentId: commentId(req), body: fields.body, ip: req.ip });
        return 'reply';
      },
      (error, fields, req) => ({
        reply: { commentId: commentId(req), body: fields.body ?? '', message: error.message },
      }),
    ),
    schema: { params: Id, body: TextForm },
  });

  // A pending comment answered from the queue: approved and the reply published in one step.
  app.post('/moderation/comments/:id/answer', {
    ...queueForm(
      TextForm,
      async (staff, fields, req) => {
        await answerPendingComment(deps, { staff, parentId: commentId(req), body: fields.body, ip: req.ip });
        return 'answer';
      },
      (error, fields, req) => ({
        reply: { commentId: commentId(req), body: fields.body ?? '', message: error.message },
      }),
    ),
    schema: { params: Id, body: TextForm },
  });

  // A moderator corrects a comment's text (a slur, a phone number): kept as a revision, audited, status unchanged.
  app.post('/moderation/comments/:id/text', {
    ...queueForm(
      TextForm,
      async (staff, fields, req) => {
        await editCommentText(deps, { staff, id: commentId(req), body: fields.body, ip: req.ip });
        return `edited#mod-${encodeURIComponent(commentId(req))}`;
      },
      (error, fields, req) => ({
        edit: { commentId: commentId(req), body: fields.body ?? '', message: error.message },
      }),
    ),
    schema: { params: Id, body: TextForm },
  });

  app.post(
    '/moderation/ban',
    queueForm(
      BanForm,
      async (staff, fields, req) => {
        await banCommenter(deps, {
          staff,
          email: fields.email ?? '',
          ip: fields.ip ?? '',
          reason: fields.reason ?? '',
          from: req.ip,
        });
        return 'ban';
      },
      (error, fields) => ({
        ban: {
          email: fields.email ?? '',
          ip: fields.ip ?? '',
          reason: fields.reason ?? '',
          commentId: fields.commentId ?? '',
          field: error.field,
          message: error.message,
        },
      }),
    ),
  );
}
