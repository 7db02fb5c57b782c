// The desk's front page: editors choose the lead and the order of the top stories, without scripts (a button per
// move) or by dragging (front-page.js sends the whole order through the same form).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { assertForm, FORM, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { FrontPageDeskPage } from '../../web/desk/front-page-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { arrangeFrontPage, type FrontPageMove, loadFrontPageDesk, MAX_PLACED } from './front-page.service.ts';

const MOVES: readonly FrontPageMove[] = ['lead', 'up', 'down', 'add', 'remove', 'order'];
const Done = Type.Object({ done: Type.Optional(Type.Literal('1')) });
const ArrangeForm = Type.Object({
  arrangement: Type.String({
    maxLength: 2000,
    title: 'Arrangement',
    errorMessage: 'The form lost track of the front page. Reload the page and try again.',
  }),
  // "lead:<id>", "up:<id>"... from the button pressed, or "order" with the order fields as a drag left them.
  move: Type.String({ maxLength: 100, title: 'Move', errorMessage: 'Choose a move with one of the buttons.' }),
  order: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100, title: 'Order' })),
});

/** The button's move and the article it names; 422 for anything the form never sends. */
function parseMove(value: string): { move: FrontPageMove; articleId?: string } {
  const [move = '', articleId] = value.split(':', 2);
  const known = MOVES.find((m) => m === move);
  if (!known || (known === 'order') !== (articleId === undefined))
    throw invalid('move', 'front_page_move_invalid', 'Choose a move with one of the buttons.');
  return { move: known, ...(articleId !== undefined && { articleId }) };
}

export function registerFrontPageDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;
  const config = { permission: 'article.pin' } as const;

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: { status: number; saved?: boolean; error?: AppError },
  ) => {
    const [desk, chrome] = await Promise.all([
      loadFrontPageDesk(deps, { staff: deskSession(req).staff }),
      ctx.desk(req),
    ]);
    return sendHtml(
      reply,
      view.status,
      renderDocument(
        <FrontPageDeskPage
          chrome={chrome}
          {...desk}
          max={MAX_PLACED}
          notice={view.saved ? chrome.i18n.t('desk.notice.frontSaved') : undefined}
          error={view.error && chrome.i18n.error(view.error)}
        />,
      ),
    );
  };

  app.get('/front-page', { schema: { querystring: Done }, attachValidation: true, config }, async (req, reply) =>
    page(req, reply, { status: 200, saved: Boolean(queryOrDefaults(req).done) }),
  );

  app.post('/front-page', { schema: { body: ArrangeForm }, ...FORM, config }, async (req, reply) => {
    try {
      assertForm(req);
      const { move, articleId } = parseMove(req.body.move);
      await arrangeFrontPage(deps, {
        staff: deskSession(req).staff,
        arrangement: req.body.arrangement,
        move,
        articleId,
        order: req.body.order ?? [],
        ip: req.ip,
      });
      return reply.redirect('/admin/front-page?done=1', 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![404, 409, 422].includes(error.status)) throw error;
      return page(req, reply, { status: error.status, error });
    }
  });
}
