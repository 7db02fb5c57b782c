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
   * The site around a page of one language's edition, by the address's language segment (/es/…; none: the
   * default's). 'default' when the segment names the default language, whose pages are at the root; undefined when
   * the site does not offer the language.
   */
  edition(req: FastifyRequest, segment: string | undefined): Promise<SiteView | 'default' | undefined>;
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

/**
 * Route options of a form whose only fields the page set itself (a hidden input, a button's value): nobody typed
 * them, so there is no field to show again. The handler calls assertForm first and the failure is a 422 page
 * saying what was wrong, never Ajv's 400; scripts/form-routes.ts counts such routes apart.
 */
export const HIDDEN_FORM = { attachValidation: true } as const;

interface FieldSchema {
  title?: string;
  /** The catalogue key of the label the page shows for the field, so a message in another language names it so. */
  labelKey?: string;
  /** The message for any failure of this field, where the form had its own words before it had a schema. */
  errorMessage?: string;
  type?: string;
  minimum?: number;
  maximum?: number;
}

/** What a failure asks the person to do, one of `errors.invalid_form`'s cases in the catalogues. */
type FormRule =
  | 'whole_number'
  | 'whole_number_min'
  | 'whole_number_max'
  | 'required'
  | 'too_long'
  | 'too_many'
  | 'choice'
  | 'own'
  | 'other';

/** What to fix, in words for the person at the form rather than Ajv's (English; the catalogues word each rule). */
const ENGLISH: Record<FormRule, (label: string, limit: unknown) => string> = {
  whole_number: (label) => `${label}: give a whole number.`,
  whole_number_min: (label, limit) => `${label}: give a whole number, at least ${limit}.`,
  whole_number_max: (label, limit) => `${label}: give a whole number, at most ${limit}.`,
  required: (label) => `${label}: fill this in.`,
  too_long: (label, limit) => `${label}: at most ${limit} characters.`,
  too_many: (label, limit) => `${label}: choose at most ${limit}.`,
  choice: (label) => `${label}: choose one of the values the form offers.`,
  own: () => '',
  other: (label) => `${label}: this is not a value the form accepts.`,
};

/** The rule a failure broke, and the figure it names, if any. */
function ruleOf(
  failure: { keyword: string; params: Record<string, unknown> },
  field: FieldSchema | undefined,
): { rule: FormRule; limit?: unknown } {
  const { keyword, params } = failure;
  if (field?.type === 'integer' || field?.type === 'number') {
    if (keyword === 'minimum') return { rule: 'whole_number_min', limit: field.minimum };
    if (keyword === 'maximum') return { rule: 'whole_number_max', limit: field.maximum };
    return { rule: 'whole_number' };
  }
  if (keyword === 'required' || keyword === 'minLength') return { rule: 'required' };
  if (keyword === 'maxLength') return { rule: 'too_long', limit: params.limit };
  if (keyword === 'maxItems') return { rule: 'too_many', limit: params.limit };
  if (keyword === 'const' || keyword === 'enum' || keyword === 'anyOf') return { rule: 'choice' };
  return { rule: 'other' };
}

/**
 * A form that failed its schema, as the 422 a service would throw: the field at fault and what to fix, so a
 * route's one catch shows the form again with the message beside the field. Undefined when the form passed. Its
 * values (rule, label, limit) let the page's language word it (`errors.invalid_form`).
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
  const { rule, limit } = field?.errorMessage
    ? { rule: 'own' as const, limit: undefined }
    : ruleOf({ keyword: first.keyword, params: first.params as Record<string, unknown> }, field);
  const message = field?.errorMessage ?? ENGLISH[rule](label, limit);
  // A field with its own words keeps them (`ownWords`) in every language until the catalogues word that field.
  const values: Record<string, string | number> = { rule, label, ...(rule === 'own' && { ownWords: message }) };
  if (typeof limit === 'number') values.limit = limit;
  if (field?.labelKey && rule !== 'own') values.labelKey = field.labelKey;
  return new AppError({ status: 422, code: 'invalid_form', message, field: name || undefined, values });
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
