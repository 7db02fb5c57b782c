// The desk's moderation pages: the queues, one comment's decision, decisions on a selection, and bans.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deskSession } from '../../http/desk-guard.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import { DeskLayout } from '../../web/desk/desk-layout.tsx';
import { ModerationQueue, queueUrl, type BanFormState, type EditFormState, type ReplyFormState } from '../../web/desk/moderation-queue.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { editCommentText, featureComment, replyAsStaff } from '../comments/index.ts';
import { authorize } from '../permissions/index.ts';
import { banCommenter } from '../moderation/index.ts';
import { one, many, type PageContext } from '../../http/page-context.ts';
import {
  getQueueSnapshot, listModerationQueue, moderateComments, MODERATION_ACTIONS, QUEUES, type ModerationAction, type Queue,
} from './moderation-queue.service.ts';

type Fields = Record<string, string | string[] | undefined>;

const PAGE_SIZE = 20;
const queueOf = (v: unknown): Queue => (QUEUES.includes(v as Queue) ? v as Queue : 'pending');
const pageOf = (v: unknown): number => (typeof v === 'string' && /^[1-9]\d{0,4}$/.test(v) ? Number(v) : 1);
const actionOf = (v: string): ModerationAction | undefined => (MODERATION_ACTIONS.includes(v as ModerationAction) ? v as ModerationAction : undefined);

const DONE: Record<ModerationAction, string> = {
  approve: 'approved', trash: 'moved to the trash', spam: 'marked as spam', restore: 'restored to the pending queue',
};

/** The summary shown after a decision, read back from the redirect's query. */
function noticeOf(q: Record<string, string | undefined>): string | undefined {
  if (q.done === 'edited') return 'Comment text saved; the earlier text is kept in its history.';
  if (q.done === 'ban') return 'Banned: their posts are refused from now on. Lift a ban on the list of banned commenters.';
  if (q.done === 'feature') return 'Featured: the comment now shows first, under “Editor\'s picks”, on the article page.';
  if (q.done === 'unfeature') return 'No longer featured: it shows in the thread only.';
  if (q.done === 'reply') return 'Your reply is published under the comment, with a Staff badge.';
  const action = actionOf(q.done ?? '');
  if (!action) return undefined;
  const n = Number(q.n ?? 0);
  const skipped = Number(q.skipped ?? 0);
  return `${n} ${n === 1 ? 'comment' : 'comments'} ${DONE[action]}.`
    + (skipped > 0 ? ` ${skipped} skipped: gone, or changed by someone else at the same moment.` : '');
}

export function registerModerationDesk(app: FastifyInstance, ctx: PageContext): void {
  const { deps } = ctx;

  const page = async (req: FastifyRequest, reply: FastifyReply, view: {
    queue: Queue; page: number; status?: number; notice?: string; error?: string; ban?: BanFormState; reply?: ReplyFormState; edit?: EditFormState;
  }) => {
    const session = deskSession(req);
    authorize(session.staff, 'comment.moderate');
    const [site, list] = await Promise.all([
      ctx.site(req), listModerationQueue(deps, { staff: session.staff, queue: view.queue, page: view.page, limit: PAGE_SIZE }),
    ]);
    return sendHtml(reply, view.status ?? 200, renderDocument(
      <DeskLayout site={site} title="Moderation" session={session} token={req.deskToken} notice={view.notice} error={view.error}
        scripts={[site.assets.moderationScript]}>
        <ModerationQueue site={site} token={req.deskToken} list={list} ban={view.ban} reply={view.reply} edit={view.edit} staffName={session.staff.name} />
      </DeskLayout>,
    ));
  };

  app.get<{ Querystring: Record<string, string | undefined> }>('/moderation', async (req, reply) =>
    page(req, reply, { queue: queueOf(req.query.queue), page: pageOf(req.query.page), notice: noticeOf(req.query) }));

  type View = Parameters<typeof page>[2];
  type QueueRoute = { Params: { id?: string }; Body: Fields };
  type QueueRequest = FastifyRequest<QueueRoute>;

  /**
   * Every form on the queue page: run the step, then go back to the queue the moderator came from with what was
   * done (`done=...` becomes the notice), or, when the step is refused (409 or 422), show that queue again with
   * the message and what the form needs to show it again.
   */
  const queueForm = (
    step: (staff: ReturnType<typeof deskSession>['staff'], body: Fields, req: QueueRequest) => Promise<string>,
    refused: (error: AppError, body: Fields, req: QueueRequest) => Partial<View> = () => ({}),
  ) => async (req: QueueRequest, reply: FastifyReply) => {
    const { staff } = deskSession(req);
    authorize(staff, 'comment.moderate');
    const body = req.body ?? {};
    const queue = queueOf(one(body.queue));
    const at = pageOf(one(body.page));
    try {
      return reply.redirect(`${queueUrl(queue, at)}&done=${await step(staff, body, req)}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
      return page(req, reply, { queue, page: at, status: error.status, error: error.message, ...refused(error, body, req) });
    }
  };

  const decide = (ids: (req: QueueRequest) => string[]) => queueForm(async (staff, body, req) => {
    const action = actionOf(one(body.action));
    if (!action) throw new AppError(422, 'unknown_action', 'Choose what to do with the selected comments.', 'action');
    const { changed, skipped } = await moderateComments(deps, { staff, ids: ids(req), action });
    return `${action}&n=${changed}${skipped ? `&skipped=${skipped}` : ''}`;
  });
  const commentId = (req: QueueRequest) => req.params.id ?? '';

  app.post<QueueRoute>('/moderation/comments/:id', decide((req) => [commentId(req)]));
  app.post<QueueRoute>('/moderation/bulk', decide((req) => many(req.body?.ids)));

  // The queue's script asks this every few seconds: the counts of every tab and what the page it shows would list now.
  app.get<{ Querystring: Record<string, string | undefined> }>('/moderation/counts.json', async (req, reply) => {
    const snapshot = await getQueueSnapshot(deps, { staff: deskSession(req).staff, queue: queueOf(req.query.queue), page: pageOf(req.query.page), limit: PAGE_SIZE });
    return reply.header('cache-control', 'no-store').send(snapshot);
  });

  app.post<QueueRoute>('/moderation/comments/:id/feature', queueForm(async (staff, body, req) => {
    const featured = one(body.featured);
    if (featured !== '1' && featured !== '0') throw new AppError(422, 'invalid_featured', 'Choose Feature or Unfeature.', 'featured');
    await featureComment(deps, { staff, id: commentId(req), featured: featured === '1', ip: req.ip });
    return featured === '1' ? 'feature' : 'unfeature';
  }));

  app.post<QueueRoute>('/moderation/comments/:id/reply', queueForm(async (staff, body, req) => {
    await replyAsStaff(deps, { staff, parentId: commentId(req), body: one(body.body), ip: req.ip });
    return 'reply';
  }, (error, body, req) => ({ reply: { commentId: commentId(req), body: one(body.body), message: error.message } })));

  // A moderator corrects a comment's text (a slur, a phone number): kept as a revision, audited, status unchanged.
  app.post<QueueRoute>('/moderation/comments/:id/text', queueForm(async (staff, body, req) => {
    await editCommentText(deps, { staff, id: commentId(req), body: one(body.body), ip: req.ip });
    return `edited#mod-${encodeURIComponent(commentId(req))}`;
  }, (error, body, req) => ({ edit: { commentId: commentId(req), body: one(body.body), message: error.message } })));

  app.post<QueueRoute>('/moderation/ban', queueForm(async (staff, body, req) => {
    await banCommenter(deps, { staff, email: one(body.email), ip: one(body.ip), reason: one(body.reason), from: req.ip });
    return 'ban';
  }, (error, body) => ({
    ban: { email: one(body.email), ip: one(body.ip), reason: one(body.reason), commentId: one(body.commentId), field: error.field, message: error.message },
  })));
}
