// The desk's revision history: who changed what and when, a word-level comparison, and restore.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { deskSession } from '../../http/desk-guard.ts';
import { notFound } from '../../platform/errors.ts';
import { isId } from '../../platform/ids.ts';
import { DeskLayout, FormToken } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { formatDate } from '../../web/site.ts';
import { assertCanEdit, findArticleForStaff, updateArticle } from './article.service.ts';
import { compareRevisions, listRevisions, restoreInput } from './revisions.ts';
import type { PageContext } from '../../http/page-context.ts';


export function registerRevisionDesk(app: FastifyInstance, ctx: PageContext): void {
  const { deps } = ctx;

  const load = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const article = isId(req.params.id) ? await findArticleForStaff(deps, req.params.id) : undefined;
    if (!article) throw notFound('There is no article with that id.');
    assertCanEdit(deskSession(req).staff, article);
    return { article, revisions: await listRevisions(deps.db, article.id) };
  };

  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string; done?: string } }>('/articles/:id/revisions', async (req, reply) => {
    const { article, revisions } = await load(req);
    const site = await ctx.site(req);
    const to = revisions.find((r) => r.id === req.query.to) ?? revisions[0];
    const from = revisions.find((r) => r.id === req.query.from) ?? revisions[revisions.indexOf(to) + 1];
    const changes = from && to ? compareRevisions(from.snapshot, to.snapshot) : [];
    return reply.type('text/html; charset=utf-8').send(renderDocument(
      <DeskLayout site={site} title={`Revisions: ${article.headline}`} session={deskSession(req)} token={req.deskToken}
        notice={req.query.done === 'restored' ? 'The revision was restored as a new save.' : undefined}>
        <p><a href={`/admin/articles/${article.id}/edit`}>Back to the editor</a></p>
        <table class="desk-table">
          <thead><tr><th scope="col">Version</th><th scope="col">By</th><th scope="col">When</th><th scope="col">Compare</th><th scope="col">Restore</th></tr></thead>
          <tbody>
            {revisions.map((r, i) => (
              <tr>
                <td>{r.version}</td>
                <td>{r.editorName}</td>
                <td><time datetime={r.createdAt.toISOString()}>{formatDate(site, r.createdAt, true)}</time></td>
                <td>{revisions[i + 1] && <a href={`/admin/articles/${article.id}/revisions?from=${revisions[i + 1].id}&to=${r.id}`}>with version {revisions[i + 1].version}</a>}</td>
                <td>
                  {i > 0 && (
                    <form method="post" action={`/admin/articles/${article.id}/revisions/${r.id}/restore`} class="inline-form">
                      <FormToken token={req.deskToken} />
                      <button type="submit" class="secondary">Restore version {r.version}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {from && to && (
          <section aria-labelledby="changes-title">
            <h2 id="changes-title">Changes from version {from.version} ({from.editorName}) to version {to.version} ({to.editorName})</h2>
            {changes.length === 0 && <p>No differences in the article's fields.</p>}
            {changes.map((c) => (
              <div class="change">
                <h3>{c.label}</h3>
                <p class="diff">{c.parts.map((p) => (p.added ? <ins>{p.value}</ins> : p.removed ? <del>{p.value}</del> : <span>{p.value}</span>))}</p>
              </div>
            ))}
          </section>
        )}
      </DeskLayout>,
    ));
  });

  app.post<{ Params: { id: string; revisionId: string } }>('/articles/:id/revisions/:revisionId/restore', async (req, reply) => {
    const { article, revisions } = await load(req);
    const revision = revisions.find((r) => r.id === req.params.revisionId);
    if (!revision) throw notFound('There is no such revision of this article.');
    await updateArticle(deps, { staff: deskSession(req).staff, id: article.id, changes: restoreInput(revision.snapshot, article.version) });
    return reply.redirect(`/admin/articles/${article.id}/revisions?done=restored`, 303);
  });
}
