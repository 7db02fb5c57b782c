// What every page route is handed from app.ts, and the readers that take values out of an HTML form: its schema's
// failure as the 422 the form shows beside the field, and the few fields no schema can type (multipart parts).
import type { FastifyError, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { Deps } from '../deps.ts';
import { AppError } from '../platform/errors.ts';
import type { DeskChrome } from '../web/desk/desk-layout.tsx';
import type { SiteView } from '../web/site.ts';

/** The one context of every HTML route, reader page or desk page. */
export interface PageContext {
  deps: Deps;
  /** What every page shows around its content: settings, sections, asset addresses. */
  site(req: FastifyRequest): Promise<SiteView>;
  /**
   * The site around a page written in a language of its own (an article, its discussion and the pages about its
   * comments): the same site, speaking that language (null: the site's default).
   */
  siteIn(req: FastifyRequest, language: string | null | undefined): Promise<SiteView>;
  /** What every desk page shows around its content: the site, who is signed in and their menu, the form token. */
  desk(req: FastifyRequest): Promise<DeskChrome>;
  /** The desk's shell for people not signed in (sign-in, passwords, first run): no menu, no form token. */
  deskSignedOut(req: FastifyRequest): Promise<DeskChrome>;
}

/** A form field as @fastify/formbody hands it over: absent, one value, or several for a repeated name. */
export type FormValue = string | string[] | undefined;

/** A urlencoded form body. */
export type FormFields = Record<string, FormValue>;

/** The field's value as typed (a number its schema coerced, as text), the first one when the name was repeated; '' when absent. */
export function one(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : typeof first === 'number' ? String(first) : '';
}

/** Every value of a repeated field (checkboxes, multiple selects), in the order sent. */
export function many(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** A text field of a multipart form (uploads), as @fastify/multipart attaches it: '' when absent. */
export function partValue(part: unknown): string {
  const value = (part as { value?: unknown } | undefined)?.value;
  return typeof value === 'string' ? value : '';
}

/** Route options of an HTML form: schema failures reach the handler (formError), so it can show the form again. */
export const FORM = { attachValidation: true } as const;

interface FieldSchema {
  title?: string;
  /** The message for any failure of this field, where the form had its own words before it had a schema. */
  errorMessage?: string;
  type?: string;
  minimum?: number;
  maximum?: number;
}

/** What to fix, in words for the person at the form rather than Ajv's. */
function fieldMessage(
  failure: { keyword: string; params: Record<string, unknown> },
  label: string,
  field: FieldSchema | undefined,
): string {
  const { keyword, params } = failure;
  if (field?.type === 'integer' || field?.type === 'number') {
    if (keyword === 'minimum') return `${label}: give a whole number, at least ${field.minimum}.`;
    if (keyword === 'maximum') return `${label}: give a whole number, at most ${field.maximum}.`;
    return `${label}: give a whole number.`;
  }
  if (keyword === 'required') return `${label}: fill this in.`;
  if (keyword === 'maxLength') return `${label}: at most ${params.limit} characters.`;
  if (keyword === 'minLength') return `${label}: fill this in.`;
  if (keyword === 'maxItems') return `${label}: choose at most ${params.limit}.`;
  if (keyword === 'const' || keyword === 'enum' || keyword === 'anyOf')
    return `${label}: choose one of the values the form offers.`;
  return `${label}: this is not a value the form accepts.`;
}

/**
 * A form that failed its schema, as the 422 a service would throw: the field at fault and what to fix, so a
 * route's one catch shows the form again with the message beside the field. Undefined when the form passed.
 */
export function formError(req: FastifyRequest): AppError | undefined {
  const failure = req.validationError as FastifyError | undefined;
  const first = failure?.validation?.[0];
  if (!failure || !first) return failure && new AppError(422, 'invalid_form', failure.message);
  const missing = (first.params as { missingProperty?: string }).missingProperty;
  const name = (first.instancePath.split('/')[1] ?? '') || missing || '';
  const schema = (req.routeOptions.schema?.[failure.validationContext === 'querystring' ? 'querystring' : 'body'] ??
    {}) as { properties?: Record<string, FieldSchema> };
  const field = schema.properties?.[name];
  const label = field?.title ?? name;
  const message =
    field?.errorMessage ??
    fieldMessage({ keyword: first.keyword, params: first.params as Record<string, unknown> }, label, field);
  return new AppError(422, 'invalid_form', message, name || undefined);
}

/** Throws formError(req) if the form failed its schema: call it first in a form route's try. */
export function assertForm(req: FastifyRequest): void {
  const error = formError(req);
  if (error) throw error;
}

/** A desk page's query, or none when it failed its schema: a hand-edited address shows the page as it opens. */
export const queryOrDefaults = <Q extends object>(req: { validationError?: Error; query: Q }): Partial<Q> =>
  req.validationError ? {} : req.query;

/** A text field of a multipart form as @fastify/multipart attaches it (attachFieldsToBody): its value in `value`. */
export const TextPart = <T extends TSchema>(value: T) => Type.Object({ value });

/** The body of a form with no fields but its token (a button): an empty form, or none at all. */
export const NoFields = Type.Union([Type.Object({}), Type.Null()]);
