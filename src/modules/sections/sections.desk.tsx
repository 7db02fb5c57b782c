// The desk page for sections and tags: rename, merge, delete, create.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deskSession } from '../../http/desk-guard.ts';
import { AppError } from '../../platform/errors.ts';
import { DeskLayout, FormToken } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { authorize } from '../permissions/index.ts';
import { createTerm, deleteTerm, listTermsWithCounts, mergeTerm, renameTerm, setSectionDiscussionDays, type TermKind, type TermWithCount } from './term-admin.ts';
import type { PageContext } from '../../http/page-context.ts';


const KINDS: Record<string, TermKind> = { sections: 'section', tags: 'tag' };

function TermTable({ kind, terms, token }: { kind: TermKind; terms: TermWithCount[]; token?: string }) {
  const base = `/admin/${kind}s`;
  return (
    <table class="desk-table">
      <thead><tr><th scope="col">Name and address</th><th scope="col">Articles</th>{kind === 'section' && <th scope="col">Discussions close after</th>}<th scope="col">Merge into</th><th scope="col">Delete</th></tr></thead>
      <tbody>
        {terms.map((t) => (
          <tr>
            <td>
              <form method="post" action={`${base}/${t.id}/rename`} class="inline-form">
                <FormToken token={token} />
                <label class="visually-hidden" for={`name-${t.id}`}>Name of {t.name}</label>
                <input id={`name-${t.id}`} name="name" value={t.name} required maxLength={120} />{' '}
                <label class="visually-hidden" for={`slug-${t.id}`}>Address of {t.name}</label>
                <input id={`slug-${t.id}`} name="slug" value={t.slug} required maxLength={120} />{' '}
                <button type="submit" class="secondary">Rename</button>
              </form>
            </td>
            <td>{t.articles}</td>
            {kind === 'section' && (
              <td>
                <form method="post" action={`${base}/${t.id}/discussion`} class="inline-form">
                  <FormToken token={token} />
                  <label class="visually-hidden" for={`days-${t.id}`}>Days before discussions close in {t.name} (empty: site default)</label>
                  <input id={`days-${t.id}`} name="days" inputMode="numeric" size={4} value={t.closeAfterDays ?? ''} placeholder="site" /> days{' '}
                  <button type="submit" class="secondary">Save</button>
                </form>
              </td>
            )}
            <td>
              {terms.length > 1 && (
                <form method="post" action={`${base}/${t.id}/merge`} class="inline-form">
                  <FormToken token={token} />
                  <label class="visually-hidden" for={`into-${t.id}`}>Merge {t.name} into</label>
                  <select id={`into-${t.id}`} name="into">{terms.filter((o) => o.id !== t.id).map((o) => <option value={o.id}>{o.name}</option>)}</select>{' '}
                  <button type="submit" class="secondary">Merge</button>
                </form>
              )}
            </td>
            <td>
              <form method="post" action={`${base}/${t.id}/delete`} class="inline-form">
                <FormToken token={token} />
                <button type="submit" class="danger" aria-label={`Delete ${t.name}`}>Delete</button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function registerSectionDesk(app: FastifyInstance, ctx: PageContext): void {
  const { deps } = ctx;
  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, notice?: string, error?: AppError) => {
    const session = deskSession(req);
    authorize(session.staff, 'sections.manage');
    const [sections, tags] = await Promise.all([listTermsWithCounts(deps.db, 'section'), listTermsWithCounts(deps.db, 'tag')]);
    return reply.code(status).type('text/html; charset=utf-8').send(renderDocument(
      <DeskLayout site={await ctx.site(req)} title="Sections and tags" session={session} token={req.deskToken} notice={notice} error={error?.message}>
        <p>Renaming or merging keeps old addresses working: they lead to the new place with a permanent redirect.</p>
        {(['section', 'tag'] as const).map((kind) => (
          <section aria-labelledby={`${kind}-title`}>
            <h2 id={`${kind}-title`}>{kind === 'section' ? 'Sections' : 'Tags'}</h2>
            <TermTable kind={kind} terms={kind === 'section' ? sections : tags} token={req.deskToken} />
            <form method="post" action={`/admin/${kind}s`} class="inline-form">
              <FormToken token={req.deskToken} />
              <label for={`new-${kind}`}>New {kind}</label>{' '}
              <input id={`new-${kind}`} name="name" required maxLength={120} />{' '}
              <button type="submit">Add</button>
            </form>
          </section>
        ))}
      </DeskLayout>,
    ));
  };

  const act = async (req: FastifyRequest, reply: FastifyReply, done: string, run: () => Promise<void>) => {
    try {
      await run();
      return reply.redirect(`/admin/sections?done=${done}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
      return page(req, reply, error.status, undefined, error);
    }
  };

  const NOTICES: Record<string, string> = { created: 'Added.', renamed: 'Renamed.', merged: 'Merged.', deleted: 'Deleted.', discussion: 'Saved.' };

  app.post<{ Params: { id: string }; Body: { days?: string } }>('/sections/:id/discussion', (req, reply) => {
    const raw = String(req.body?.days ?? '').trim();
    return act(req, reply, 'discussion', () => setSectionDiscussionDays(deps, {
      staff: deskSession(req).staff, ip: req.ip, id: req.params.id, days: raw === '' ? null : /^\d+$/.test(raw) ? Number(raw) : Number.NaN,
    }));
  });
  app.get<{ Querystring: { done?: string } }>('/sections', (req, reply) => page(req, reply, 200, NOTICES[req.query.done ?? '']));

  for (const [plural, kind] of Object.entries(KINDS)) {
    const who = (req: FastifyRequest) => ({ staff: deskSession(req).staff, ip: req.ip, kind });
    if (plural === 'tags') app.get('/tags', (_req, reply) => reply.redirect('/admin/sections', 303));
    app.post<{ Body: { name?: string } }>(`/${plural}`, (req, reply) =>
      act(req, reply, 'created', () => createTerm(deps, { ...who(req), name: String(req.body?.name ?? '') })));
    app.post<{ Params: { id: string }; Body: { name?: string; slug?: string } }>(`/${plural}/:id/rename`, (req, reply) =>
      act(req, reply, 'renamed', () => renameTerm(deps, { ...who(req), id: req.params.id, name: String(req.body?.name ?? ''), slug: String(req.body?.slug ?? '') })));
    app.post<{ Params: { id: string }; Body: { into?: string } }>(`/${plural}/:id/merge`, (req, reply) =>
      act(req, reply, 'merged', () => mergeTerm(deps, { ...who(req), id: req.params.id, intoId: String(req.body?.into ?? '') })));
    app.post<{ Params: { id: string } }>(`/${plural}/:id/delete`, (req, reply) =>
      act(req, reply, 'deleted', () => deleteTerm(deps, { ...who(req), id: req.params.id })));
  }
}
