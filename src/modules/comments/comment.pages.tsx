// The comment form's POST: works as a plain HTML form, and answers JSON to the page's script.
import type { preHandlerAsyncHookHandler, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { render } from 'preact-render-to-string';
import { wantsJson } from '../../http/error-handler.tsx';
import { AppError, notFound } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { CommentItem, HELD_NOTICE } from '../../web/discussion.tsx';
import { articlePath, commentAnchor, commentPermalink, discussionHeading } from '../../web/site.ts';
import { findPublicArticle } from '../articles/index.ts';
import { renderArticle } from '../articles/article.pages.tsx';
import { one, type PageContext } from '../../http/page-context.ts';
import { locateComment, postComment } from './comment.service.ts';
import { commenterTokenFor, setCommenterCookie } from './commenter-token.ts';

interface CommentForm {
  name?: string;
  email?: string;
  website?: string;
  comment?: string;
  parentId?: string;
  /** The "Email me when someone replies" box: sent only when ticked. */
  notifyReplies?: string;
  fax?: string;
  /** Added by the page's script: milliseconds from first touching the form to sending it. */
  typingMs?: string;
}


export function registerCommentPages(app: FastifyInstance, ctx: PageContext, rateLimit: preHandlerAsyncHookHandler | undefined): void {
  const { deps } = ctx;

  app.get<{ Params: { id: string } }>('/comments/:id', async (req, reply) => {
    // Not a comment id (e.g. WordPress's old /comments/feed/): let the not-found path, which knows old addresses, answer.
    if (!isId(req.params.id)) return reply.callNotFound();
    const target = await locateComment(deps, req.params.id);
    if (!target) throw notFound('There is no published comment at this address.');
    const page = target.page === target.defaultPage ? '' : `?cpage=${target.page}`;
    return reply.header('cache-control', 'no-cache').redirect(`${articlePath(target.slug)}${page}#${commentAnchor(req.params.id)}`, 303);
  });

  app.post<{ Params: { slug: string }; Body: CommentForm }>('/articles/:slug/comments', {
    onRequest: rateLimit ? [rateLimit] : [],
    schema: { hide: true } as object,
  }, async (req, reply) => {
    const form = (req.body ?? {}) as CommentForm;
    const values = { name: one(form.name), email: one(form.email), website: one(form.website), body: one(form.comment) };
    const notifyReplies = one(form.notifyReplies) === '1';
    try {
      const owner = await commenterTokenFor(deps, req);
      const comment = await postComment(deps, {
        slug: req.params.slug, ...values, notifyReplies, parentId: one(form.parentId) || undefined, honeypot: one(form.fax),
        typingMs: /^\d{1,9}$/.test(one(form.typingMs)) ? Number(form.typingMs) : undefined, ip: req.ip, userAgent: req.headers['user-agent'] ?? '',
        authorKeyHash: owner.keyHash,
      });
      // This browser may now see its comment while it waits for a moderator, and change it for a while.
      setCommenterCookie(deps, reply, owner);
      if (wantsJson(req)) {
        const found = await findPublicArticle(deps, req.params.slug);
        const article = found && 'article' in found ? found.article : undefined;
        const site = await ctx.site(req);
        return reply.code(201).header('cache-control', 'no-store').send({
          id: comment.id, parentId: comment.parentId, status: comment.status, anchor: commentAnchor(comment.id),
          notice: comment.status === 'approved' ? undefined : HELD_NOTICE,
          heading: article ? discussionHeading(article.commentCount, article.headline) : undefined,
          // The poster's own comment, approved or waiting for a moderator (marked so), as their own view shows it.
          // Spam gets nothing: the bot learns nothing.
          html: comment.status === 'approved' || comment.status === 'pending'
            ? render(<CommentItem site={site} comment={{ ...comment, replies: [] }} open
              editable={site.settings.commentEditMinutes > 0 ? new Set([comment.id]) : undefined} />) : '',
        });
      }
      // Held for a moderator: say so on the form. Spam is not told anything (the bot learns nothing).
      // An approved comment may land on another page of a long discussion: its permalink knows which.
      if (comment.status === 'approved') return reply.redirect(commentPermalink(comment.id), 303);
      const target = comment.status === 'pending' ? '?comment=held#respond' : '#comments';
      return reply.redirect(`${articlePath(req.params.slug)}${target}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422 || wantsJson(req)) throw error;
      return showFormAgain(ctx, req, reply, { ...values, notifyReplies: notifyReplies ? '1' : '' }, error, one(form.parentId));
    }
  });
}

/** The article page again, with what the reader typed and the message beside the field to fix. */
async function showFormAgain(
  ctx: PageContext, req: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply,
  values: Record<string, string>, error: AppError, parentId: string,
) {
  const found = await findPublicArticle(ctx.deps, req.params.slug);
  if (!found || !('article' in found)) throw error;
  const page = await renderArticle(ctx, req, found.article, {
    values, error: { field: error.field === 'parentId' ? undefined : error.field, message: error.message },
    replyTo: parentId ? { id: parentId, authorName: '' } : undefined,
  });
  return reply.code(422).header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(page.body);
}
