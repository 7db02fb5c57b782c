// The desk's WordPress import (admins): upload an export (streamed to a temporary file), optionally as a
// dry run, and read the report. The same service as `dateline import wordpress`, one import at a time.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deskSession } from '../../http/desk-guard.ts';
import { diskUploadRoute } from '../../http/disk-upload.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { DeskLayout, FormToken } from '../../web/desk/desk-layout.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { authorize } from '../permissions/index.ts';
import { importRunning, importWordPress } from './wordpress-import.service.ts';
import { REPORT_KINDS, type ImportReport } from './wordpress-report.ts';
import type { PageContext } from '../../http/page-context.ts';


type Part = { value?: unknown };
type ImportBody = Partial<Record<'dryRun', Part>>;

/** Lists on the result page stop here: a big site's report would otherwise be a page of megabytes. */
const SHOWN = 200;

const megabytes = (bytes: number) => Math.round(bytes / 1048576);

function ReportView({ report }: { report: ImportReport }) {
  const rest = (n: number) => (n > SHOWN ? <p>…and {n - SHOWN} more.</p> : null);
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">{report.dryRun ? 'Dry run: nothing was written' : 'Imported'} from {report.source || '(unknown site)'}</h2>
      <table class="desk-table">
        <caption>What the file held, by kind</caption>
        <thead><tr><th scope="col">kind</th><th scope="col">created</th><th scope="col">updated</th><th scope="col">unchanged</th><th scope="col">skipped</th></tr></thead>
        <tbody>
          {REPORT_KINDS.map((kind) => {
            const t = report.counts[kind];
            return <tr><th scope="row">{kind}</th><td>{t.created}</td><td>{t.updated}</td><td>{t.unchanged}</td><td>{t.skipped}</td></tr>;
          })}
        </tbody>
      </table>
      <p>Old addresses answering with a 301: {report.redirects}</p>
      {report.skipped.length > 0 && <>
        <h3>Skipped ({report.skipped.length})</h3>
        <ul>{report.skipped.slice(0, SHOWN).map((s) => <li>{s.kind} {s.id}: {s.reason}</li>)}</ul>
        {rest(report.skipped.length)}
      </>}
      {Object.keys(report.statuses).length > 0 && <>
        <h3>WordPress statuses</h3>
        <ul>{Object.entries(report.statuses).map(([label, n]) => <li>{label}: {n}</li>)}</ul>
      </>}
      {Object.keys(report.shortcodes).length > 0 && <>
        <h3>Shortcodes kept as text</h3>
        <ul>{Object.entries(report.shortcodes).map(([name, n]) => <li>[{name}] in {n} {n === 1 ? 'body' : 'bodies'}</li>)}</ul>
      </>}
      {report.keptUrls.length > 0 && <>
        <h3>Files left at their WordPress address ({report.keptUrls.length})</h3>
        <p>Copy wp-content/uploads to the server and run <code>dateline import wordpress FILE.xml --uploads-dir DIR</code> to bring them over.</p>
        <ul>{report.keptUrls.slice(0, SHOWN).map((u) => <li>{u}</li>)}</ul>
        {rest(report.keptUrls.length)}
      </>}
      {report.notes.length > 0 && <>
        <h3>Notes</h3>
        <ul>{report.notes.slice(0, SHOWN).map((n) => <li>{n}</li>)}</ul>
        {rest(report.notes.length)}
      </>}
    </section>
  );
}

/**
 * Refuses a second import before anything else runs, the session check included: on SQLite a running
 * import holds the one connection, and a request that waited for it would start a second import after.
 */
export function refuseWhileImporting(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    if (req.method === 'POST' && req.routeOptions.url === '/admin/import' && importRunning()) {
      throw new AppError(409, 'import_running', 'Another WordPress import is running. Wait for it to finish, then try again.');
    }
  });
}

export function registerWordPressDesk(app: FastifyInstance, ctx: PageContext): void {
  const maxMb = megabytes(ctx.deps.config.importMaxBytes);
  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, opts: { report?: ImportReport; error?: AppError; dryRun?: boolean } = {}) => {
    const session = deskSession(req);
    authorize(session.staff, 'site.import');
    return reply.code(status).type('text/html; charset=utf-8').send(renderDocument(
      <DeskLayout site={await ctx.site(req)} title="Import from WordPress" session={session} token={req.deskToken} error={opts.error?.message}>
        {opts.report && <ReportView report={opts.report} />}
        <form method="post" action="/admin/import" enctype="multipart/form-data" class="desk-form narrow">
          <FormToken token={req.deskToken} />
          <p class="field"><label for="file">WordPress export (Tools › Export in WordPress: an .xml file, up to {maxMb} MB)</label>
            <input id="file" name="file" type="file" accept=".xml,application/xml,text/xml" required
              {...(opts.error?.field === 'file' ? { 'aria-invalid': 'true' as const } : {})} /></p>
          <p class="field"><label class="check"><input type="checkbox" name="dryRun" value="1" checked={opts.dryRun ?? true} /> Dry run: report what would happen, write nothing</label></p>
          <p><small>Authors, categories, tags, posts, pages and comments come over in one step, or nothing does; running it again updates what changed.
            Images stay at their WordPress address (the command line can copy them). One import runs at a time; on SQLite the site pauses while it runs.</small></p>
          <p><button type="submit">{opts.report?.dryRun ? 'Check or import' : 'Import'}</button></p>
        </form>
      </DeskLayout>,
    ));
  };

  app.get('/import', async (req, reply) => page(req, reply, 200));

  app.post<{ Body: ImportBody }>('/import', {
    config: diskUploadRoute({
      maxBytes: ctx.deps.config.importMaxBytes,
      tooLarge: `The file is larger than ${maxMb} MB, the most the desk accepts (IMPORT_MAX_MB). Import it on the server with: dateline import wordpress FILE.xml`,
    }),
    // Before the upload is read: only an admin's file is written to disk.
    onRequest: async (req) => authorize(deskSession(req).staff, 'site.import'),
  }, async (req, reply) => {
    const dryRun = req.body?.dryRun?.value === '1';
    try {
      const upload = req.diskUpload;
      if (!upload || upload.bytes === 0) throw invalid('file', 'file_required', 'Choose a WordPress export (.xml) to import.');
      if (importRunning()) throw new AppError(409, 'import_running', 'Another WordPress import is running. Wait for it to finish, then try again.');
      const staff = deskSession(req).staff;
      const report = await importWordPress(ctx.deps, {
        file: upload.path, name: upload.filename || 'export.xml', dryRun, audit: { actor: staff, ip: req.ip },
      });
      return page(req, reply, 200, { report, dryRun: false });
    } catch (error) {
      if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
      return page(req, reply, error.status, { error, dryRun });
    }
  });
}
