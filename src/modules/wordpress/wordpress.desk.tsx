// The desk's WordPress import (admins): upload an export (streamed to a temporary file), optionally as a
// dry run, and read the report. The same service as `dateline import wordpress`, one import at a time.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { diskUploadRoute } from '../../http/disk-upload.ts';
import { assertForm, FORM, type PageContext, partValue, TextPart } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { ImportPage } from '../../web/desk/import-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { importRunning, importWordPress } from './wordpress-import.service.ts';
import type { ImportReport } from './wordpress-report.ts';

// The file itself is on disk by the time the form is checked (req.diskUpload); the box is ticked or absent.
const ImportForm = Type.Object({ dryRun: Type.Optional(TextPart(Type.Literal('1', { title: 'Dry run' }))) });

const running = () =>
  new AppError(409, 'import_running', 'Another WordPress import is running. Wait for it to finish, then try again.');

/**
 * Refuses a second import before anything else runs, the session check included: a request that waited for
 * the database behind a running import's batch would otherwise start a second import after it.
 */
export function refuseWhileImporting(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    if (req.method === 'POST' && req.routeOptions.url === '/admin/import' && importRunning()) throw running();
  });
}

export function registerWordPressDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const maxMb = Math.round(ctx.deps.config.importMaxBytes / 1048576);
  // Checked as soon as the session is known: only an admin's file is ever written to disk.
  const config = { permission: 'site.import' } as const;

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: { status: number; report?: ImportReport; error?: AppError; dryRun?: boolean },
  ) => {
    const chrome = await ctx.desk(req);
    return sendHtml(
      reply,
      view.status,
      renderDocument(
        <ImportPage
          chrome={chrome}
          maxMb={maxMb}
          report={view.report}
          error={view.error && { message: chrome.i18n.error(view.error), field: view.error.field }}
          dryRun={view.dryRun}
        />,
      ),
    );
  };

  app.get('/import', { config }, async (req, reply) => page(req, reply, { status: 200 }));

  app.post(
    '/import',
    {
      schema: { body: ImportForm },
      ...FORM,
      config: {
        ...config,
        ...diskUploadRoute({
          maxBytes: ctx.deps.config.importMaxBytes,
          tooLarge: `The file is larger than ${maxMb} MB, the most the desk accepts (IMPORT_MAX_MB). Import it on the server with: dateline import wordpress FILE.xml`,
          values: { maxMb },
        }),
      },
    },
    async (req, reply) => {
      const dryRun = partValue(req.body?.dryRun) === '1';
      try {
        assertForm(req);
        const upload = req.diskUpload;
        if (!upload || upload.bytes === 0)
          throw invalid('file', 'export_required', 'Choose a WordPress export (.xml) to import.');
        if (importRunning()) throw running();
        const report = await importWordPress(ctx.deps, {
          file: upload.path,
          name: upload.filename || 'export.xml',
          dryRun,
          audit: { actor: deskSession(req).staff, ip: req.ip },
          routes: req.server.routeList,
        });
        return page(req, reply, { status: 200, report, dryRun: false });
      } catch (error) {
        if (!(error instanceof AppError) || ![409, 422].includes(error.status)) throw error;
        return page(req, reply, { status: error.status, error, dryRun });
      }
    },
  );
}
