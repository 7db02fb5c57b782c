// The desk page for sections and tags (editors): rename, merge, delete, create.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { assertForm, FORM, NoFields, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import type { MessageKey } from '../../platform/i18n/translator.ts';
import { AppError } from '../../platform/errors.ts';
import { SectionsPage } from '../../web/desk/sections-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import {
  createTerm,
  deleteTerm,
  listTerms,
  mergeTerm,
  renameTerm,
  setSectionDiscussionDays,
  type TermKind,
} from './term-admin.service.ts';

const KINDS: Record<string, TermKind> = { sections: 'section', tags: 'tag' };
// A map, so a name like ?done=constructor shows no notice.
const NOTICES = new Map<string, MessageKey>(
  Object.entries({
    created: 'desk.sections.notice.created',
    renamed: 'desk.sections.notice.renamed',
    merged: 'desk.sections.notice.merged',
    deleted: 'desk.sections.notice.deleted',
    discussion: 'desk.sections.notice.discussion',
  } as const),
);

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Name = Type.String({ maxLength: 1000, title: 'Name' });
const NewTermForm = Type.Object({ name: Name });
const RenameForm = Type.Object({ name: Name, slug: Type.String({ maxLength: 1000, title: 'Address' }) });
const MergeForm = Type.Object({ into: Type.String({ maxLength: 64, title: 'Merge into' }) });
// Empty follows the site's setting; the service checks the number's range.
const DaysForm = Type.Object({
  days: Type.Optional(
    Type.Union([Type.Literal(''), Type.Integer({ minimum: 0 })], {
      title: 'Days',
      errorMessage: 'Give a whole number of days (0 keeps discussions open), or leave it empty for the site default.',
    }),
  ),
});
const Done = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });

export function registerSectionDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { deps } = ctx;
  const config = { permission: 'sections.manage' } as const;

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: { status: number; notice?: MessageKey; error?: { problem: AppError; form?: string } },
  ) => {
    const { sections, tags } = await listTerms(deps, { staff: deskSession(req).staff });
    const chrome = await ctx.desk(req);
    const { problem, form } = view.error ?? {};
    return sendHtml(
      reply,
      view.status,
      renderDocument(
        <SectionsPage
          chrome={chrome}
          sections={sections}
          tags={tags}
          notice={view.notice && chrome.i18n.t(view.notice)}
          error={problem && { message: chrome.i18n.error(problem), field: problem.field, form }}
        />,
      ),
    );
  };

  /** Every form on the page: run the change, then back to the page saying what was done, or the page with why not. */
  const act = async (
    req: FastifyRequest,
    reply: FastifyReply,
    change: { done: string; run: () => Promise<void>; form?: string },
  ) => {
    const { done, run, form } = change;
    try {
      assertForm(req);
      await run();
      return reply.redirect(`/admin/sections?done=${done}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
      return page(req, reply, { status: error.status, error: { problem: error, form } });
    }
  };

  app.get('/sections', { schema: { querystring: Done }, attachValidation: true, config }, (req, reply) =>
    page(req, reply, { status: 200, notice: NOTICES.get(queryOrDefaults(req).done ?? '') }),
  );

  app.post('/sections/:id/discussion', { schema: { params: Id, body: DaysForm }, ...FORM, config }, (req, reply) =>
    act(req, reply, {
      done: 'discussion',
      run: () => {
        const days = req.body.days;
        return setSectionDiscussionDays(deps, {
          staff: deskSession(req).staff,
          ip: req.ip,
          id: req.params.id,
          days: days === '' || days === undefined ? null : days,
        });
      },
      form: `discussion:${req.params.id}`,
    }),
  );

  for (const [plural, kind] of Object.entries(KINDS)) {
    const who = (req: FastifyRequest) => ({ staff: deskSession(req).staff, ip: req.ip, kind });
    // Tags share the sections page; a tag's own address leads there (it needs only a signed-in session).
    if (plural === 'tags') app.get('/tags', (_req, reply) => reply.redirect('/admin/sections', 303));
    app.post(`/${plural}`, { schema: { body: NewTermForm }, ...FORM, config }, (req, reply) =>
      act(req, reply, {
        done: 'created',
        run: () => createTerm(deps, { ...who(req), name: req.body.name }),
        form: `new:${kind}`,
      }),
    );
    app.post(`/${plural}/:id/rename`, { schema: { params: Id, body: RenameForm }, ...FORM, config }, (req, reply) =>
      act(req, reply, {
        done: 'renamed',
        run: () => renameTerm(deps, { ...who(req), id: req.params.id, name: req.body.name, slug: req.body.slug }),
        form: `rename:${req.params.id}`,
      }),
    );
    app.post(`/${plural}/:id/merge`, { schema: { params: Id, body: MergeForm }, ...FORM, config }, (req, reply) =>
      act(req, reply, {
        done: 'merged',
        run: () => mergeTerm(deps, { ...who(req), id: req.params.id, intoId: req.body.into }),
        form: `merge:${req.params.id}`,
      }),
    );
    app.post(`/${plural}/:id/delete`, { schema: { params: Id, body: NoFields }, config }, (req, reply) =>
      act(req, reply, { done: 'deleted', run: () => deleteTerm(deps, { ...who(req), id: req.params.id }) }),
    );
  }
}
