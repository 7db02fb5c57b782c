// One place turns every error into an answer: JSON for the API and scripts, a page for people.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { renderDocument } from '../web/layout.tsx';
import { ErrorPage } from '../web/pages/error-page.tsx';
import type { SiteView } from '../web/site.ts';

export const wantsJson = (req: FastifyRequest): boolean =>
  req.url.startsWith('/api/') || /application\/json/.test(req.headers.accept ?? '');

/** Turns an Ajv validation error into the field it names. */
function validationField(error: FastifyError): string | undefined {
  const v = error.validation?.[0];
  if (!v) return undefined;
  const missing = (v.params as { missingProperty?: string })?.missingProperty;
  const pathField = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
  return [pathField, missing].filter(Boolean).join('.') || undefined;
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const field = validationField(error);
    const v = error.validation[0];
    return new AppError(400, 'invalid_request', `${field ?? error.validationContext ?? 'request'}: ${v?.message ?? 'is not valid'}.`, field);
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return new AppError(413, 'too_large', 'The request body is too large.');
  if (status === 415) return new AppError(415, 'unsupported_media_type', 'Send application/json (API) or a form (application/x-www-form-urlencoded).');
  if (status === 429) return new AppError(429, 'rate_limited', error.message || 'Too many requests: slow down and try again shortly.');
  // Fastify's own codes (FST_ERR_CTP_INVALID_JSON_BODY) are not ours to promise to clients.
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return new AppError(400, 'invalid_json', 'The request body is not valid JSON.');
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new AppError(400, 'empty_body', 'The request body is empty; send a JSON object.');
  if (status >= 400 && status < 500) return new AppError(status, (error.code ?? 'bad_request').toLowerCase(), error.message);
  return new AppError(500, 'internal_error', 'Something went wrong on our side. It has been logged.');
}

export interface ErrorPages {
  site(req: FastifyRequest): Promise<SiteView>;
  /** The helpful 404 page, shared with the not-found handler. */
  notFound(req: FastifyRequest): Promise<string>;
}

export function installErrorHandler(app: FastifyInstance, pages: ErrorPages): void {
  app.setErrorHandler(async (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) req.log.error({ err: error }, 'request failed');
    if (appError.headers) reply.headers(appError.headers);
    reply.status(appError.status).header('cache-control', 'no-store');
    if (wantsJson(req)) {
      return reply.send({ error: { code: appError.code, message: appError.message, ...(appError.field && { field: appError.field }) } });
    }
    let body: string | undefined;
    try {
      body = appError.status === 404
        ? await pages.notFound(req)
        : renderDocument(<ErrorPage site={await pages.site(req)} status={appError.status} message={appError.message} />);
    } catch {
      // The database may be the thing that failed: answer in plain text.
    }
    if (!body) return reply.type('text/plain; charset=utf-8').send(appError.message);
    return reply.type('text/html; charset=utf-8').send(body);
  });
}
