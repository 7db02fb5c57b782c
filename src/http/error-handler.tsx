// One place turns every error into an answer: JSON for the API and scripts, a page for people. Fastify's own errors
// (a malformed or over-long address, bad JSON, a body too large, a type it cannot read) come here too, with stable
// codes of ours instead of its FST_ ones.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { renderDocument } from '../web/layout.tsx';
import { ErrorPage } from '../web/pages/error-page.tsx';
import type { SiteView } from '../web/site.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A form endpoint the page's own script calls (the editor's preview and autosave): every error, a form that
     * fails its schema included, answers JSON `{ error: { code, message, field } }`, whatever the Accept header. */
    scriptEndpoint?: boolean;
  }
}

export const wantsJson = (req: FastifyRequest): boolean =>
  req.url.startsWith('/api/') ||
  req.routeOptions?.config?.scriptEndpoint === true ||
  /application\/json/.test(req.headers.accept ?? '');

type Validation = NonNullable<FastifyError['validation']>[number];

/** The request field an Ajv error is about ("featuredImage.url"), with the unknown property it names, if any. */
function validationField(v: Validation): string | undefined {
  const params = v.params as { missingProperty?: string; additionalProperty?: string };
  const pathField = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
  return [pathField, params.missingProperty ?? params.additionalProperty].filter(Boolean).join('.') || undefined;
}

function validationError(error: FastifyError): AppError {
  const all = error.validation ?? [];
  // An unknown property is the likeliest mistake and the one Ajv's generic words explain worst: name it.
  const unknown = all.find((v) => v.keyword === 'additionalProperties');
  const v = unknown ?? all[0];
  const where = error.validationContext ?? 'request';
  if (unknown) {
    const parent = unknown.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const property = (unknown.params as { additionalProperty: string }).additionalProperty;
    const place = parent ? `${where}.${parent}` : where;
    return new AppError({
      status: 400,
      code: 'invalid_request',
      message: `${place}: unknown property \`${property}\`; remove it.`,
      field: validationField(unknown),
      values: { rule: 'unknown', where: place, property },
    });
  }
  const field = v && validationField(v);
  // The rule and its figure, for the catalogue's words (errors.invalid_request); English keeps Ajv's own.
  const params = (v?.params ?? {}) as { missingProperty?: string; limit?: unknown; type?: unknown };
  return new AppError({
    status: 400,
    code: 'invalid_request',
    message: `${field ?? where}: ${v?.message ?? 'is not valid'}.`,
    field,
    values: {
      rule: v && WORDED_RULES.has(v.keyword) ? v.keyword : 'other',
      field: field ?? where,
      property: params.missingProperty ?? '',
      limit: String(params.limit ?? ''),
      type: String(params.type ?? ''),
    },
  });
}

/** The Ajv keywords the catalogues word; any other keeps Ajv's English, or a plain "not valid" elsewhere. */
const WORDED_RULES = new Set(['required', 'maxLength', 'minLength', 'type', 'enum', 'minimum', 'maximum', 'maxItems']);

/** Stable codes and plain words for the errors Fastify and its plugins raise themselves. */
const FRAMEWORK: Record<string, [status: number, code: string, message: string]> = {
  FST_ERR_BAD_URL: [
    400,
    'invalid_address',
    'The address is not valid: it has a broken %-escape. Check the link, or type the address again.',
  ],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'address_too_long', 'A part of the address is too long.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'empty_body', 'The request body is empty; send a JSON object.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'unsupported_media_type',
    'Send application/json (API) or a form (application/x-www-form-urlencoded).',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    'invalid_content_length',
    'The request body is not as long as its Content-Length says.',
  ],
};

/** The largest body a request may carry (a form, a JSON document; uploads have limits of their own). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const tooLarge = () =>
  new AppError({
    status: 413,
    code: 'too_large',
    message: `What you sent is too large: at most ${BODY_LIMIT_BYTES / 1024 / 1024} MB.`,
    values: { max: BODY_LIMIT_BYTES / 1024 / 1024 },
  });

/** snake_case of the status's reason phrase: 405 → method_not_allowed. */
const statusCode = (status: number) =>
  (STATUS_CODES[status] ?? 'bad request')
    .toLowerCase()
    .replace(/[^a-z]+/g, '_')
    .replace(/^_|_$/g, '');

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) return validationError(error);
  const known = error.code ? FRAMEWORK[error.code] : undefined;
  if (known) return new AppError(...known);
  const status = error.statusCode ?? 500;
  if (status === 413) return tooLarge();
  if (status === 415) return new AppError(...FRAMEWORK.FST_ERR_CTP_INVALID_MEDIA_TYPE);
  if (status === 429) {
    // The rate limiter's answer (app.ts) carries the wait, for the catalogue's own wording of it.
    const { values } = error as { values?: Record<string, number> };
    const message = error.message || 'Too many requests: slow down and try again shortly.';
    return new AppError({ status: 429, code: 'rate_limited', message, values });
  }
  // A plugin's own code (FST_..., ERR_...) is not ours to promise to clients: the status names the error.
  if (status >= 400 && status < 500) {
    const code = error.code && /^[a-z][a-z0-9_]*$/.test(error.code) ? error.code : statusCode(status);
    return new AppError(status, code, error.message || STATUS_CODES[status] || 'Bad request.');
  }
  return new AppError(500, 'internal_error', 'Something went wrong on our side. It has been logged.');
}

export interface ErrorPages {
  site(req: FastifyRequest): Promise<SiteView>;
  /** The JSON API's refusals in the client's Accept-Language, when one is spoken here; undefined: as written. */
  apiWords(req: FastifyRequest, error: AppError): string | undefined;
  /** The helpful 404 page, shared with the not-found handler. */
  notFound(req: FastifyRequest): Promise<string>;
}

export type ErrorResponder = (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/** A refusal in the words of the page's language; as the service wrote it if the site cannot be read. */
async function translated(pages: ErrorPages, req: FastifyRequest, error: AppError): Promise<string> {
  try {
    return (await pages.site(req)).i18n.error(error);
  } catch {
    return error.message;
  }
}

/** The error page in the site's language. */
async function renderErrorPage(pages: ErrorPages, req: FastifyRequest, error: AppError): Promise<string> {
  const site = await pages.site(req);
  return renderDocument(<ErrorPage site={site} status={error.status} message={site.i18n.error(error)} />);
}

/**
 * The error handler: app.setErrorHandler for errors in routes and hooks, and Fastify's frameworkErrors for those it
 * meets before routing (a malformed or over-long address), where the request has no route yet.
 */
export function errorResponder(pages: ErrorPages): ErrorResponder {
  return async (error, req, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) req.log.error({ err: error }, 'request failed');
    if (appError.headers) reply.headers(appError.headers);
    reply.status(appError.status).header('cache-control', 'no-store');
    if (wantsJson(req)) {
      // The JSON API speaks English to programs unless the client asks for a language the site speaks; a reader's
      // form posted by script shows the message in the page's language.
      const message = req.url.startsWith('/api/')
        ? (pages.apiWords(req, appError) ?? appError.message)
        : await translated(pages, req, appError);
      if (req.url.startsWith('/api/')) {
        const vary = reply.getHeader('vary');
        reply.header('vary', vary ? `${vary}, accept-language` : 'accept-language');
      }
      const body = { error: { code: appError.code, message, ...(appError.field && { field: appError.field }) } };
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
    }
    let html: string | undefined;
    try {
      html = appError.status === 404 ? await pages.notFound(req) : await renderErrorPage(pages, req, appError);
    } catch {
      // The database may be the thing that failed: answer in plain text.
    }
    if (!html) return reply.type('text/plain; charset=utf-8').send(appError.message);
    return reply.type('text/html; charset=utf-8').send(html);
  };
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers too large, not HTTP at all) get the same
 * JSON shape, on the socket, and the connection is closed.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'The request headers are too large.']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request took too long to arrive.']
        : [400, 'bad_request', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
