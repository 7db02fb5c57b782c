// The plain-HTML way for a reader to edit or delete their own comment: Edit and Delete links on their own view of
// the article lead here. Answers are per-reader, so never cached; errors (not theirs, too late) are 403 pages.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { assertForm, FORM, one, NoFields, type PageContext } from '../../http/page-context.ts';
import { AppError } from '../../platform/errors.ts';
import { articlePath, commentAnchor, commentPermalink } from '../../platform/paths.ts';
import { renderDocument } from '../../web/layout.tsx';
import { DeleteCommentPage, EditCommentPage } from '../../web/pages/comment-edit-page.tsx';
import { deleteOwnComment, editOwnComment, getOwnComment } from './comment-edit.service.ts';
import { COMMENTER_COOKIE } from './commenter-token.ts';

const Id = Type.Object({ id: Type.String({ maxLength: 1000 }) });
// The text's rules (required, its length) are the service's, with its messages.
const EditForm = Type.Object({
  comment: Type.Optional(Type.String({ maxLength: 100_000, title: 'Comment', labelKey: 'form.comment' })),
});

const privatePage = (reply: FastifyReply, status: number, body: string) =>
  reply
    .code(status)
    .header('cache-control', 'private, no-store')
    .header('x-robots-tag', 'noindex')
    .type('text/html; charset=utf-8')
    .send(body);

/** The Edit and Delete pages of a reader's own comment, and their forms' POSTs. */
export function registerCommentEditPages(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;
  // Pages take the cookie only: a token in a form or address could be copied out of a browser's history.
  const token = (req: FastifyRequest) => req.cookies[COMMENTER_COOKIE];

  app.get('/comments/:id/edit', { schema: { params: Id } }, async (req, reply) => {
    const own = await getOwnComment(deps, { id: req.params.id, token: token(req) });
    return privatePage(
      reply,
      200,
      renderDocument(
        <EditCommentPage site={await ctx.siteIn(req, own.article.language)} {...own} text={own.bodyText} />,
      ),
    );
  });

  app.post('/comments/:id/edit', { schema: { params: Id, body: EditForm }, ...FORM }, async (req, reply) => {
    const text = one(req.body?.comment);
    try {
      assertForm(req);
      const edited = await editOwnComment(deps, { id: req.params.id, token: token(req), body: text });
      // An approved comment may sit on another page of a long discussion: its permalink knows which.
      return reply.redirect(
        edited.status === 'approved'
          ? commentPermalink(edited.id)
          : `${articlePath(edited.article.slug)}#${commentAnchor(edited.id)}`,
        303,
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const own = await getOwnComment(deps, { id: req.params.id, token: token(req) });
      const site = await ctx.siteIn(req, own.article.language);
      return privatePage(
        reply,
        422,
        renderDocument(
          <EditCommentPage
            site={site}
            {...own}
            text={text}
            error={{ message: site.i18n.error(error), field: error.field }}
          />,
        ),
      );
    }
  });

  app.get('/comments/:id/delete', { schema: { params: Id } }, async (req, reply) => {
    const own = await getOwnComment(deps, { id: req.params.id, token: token(req) });
    return privatePage(
      reply,
      200,
      renderDocument(<DeleteCommentPage site={await ctx.siteIn(req, own.article.language)} {...own} />),
    );
  });

  app.post('/comments/:id/delete', { schema: { params: Id, body: NoFields } }, async (req, reply) => {
    const { articleSlug } = await deleteOwnComment(deps, { id: req.params.id, token: token(req) });
    return reply.redirect(`${articlePath(articleSlug)}#comments`, 303);
  });
}
