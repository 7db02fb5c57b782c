// What every page route is handed from app.ts, and the readers that take values out of an HTML form.
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import type { SiteView } from '../web/site.ts';

/** The one context of every HTML route, reader page or desk page. */
export interface PageContext {
  deps: Deps;
  /** What every page shows around its content: settings, sections, asset addresses. */
  site(req: FastifyRequest): Promise<SiteView>;
}

/** A form field as @fastify/formbody hands it over: absent, one value, or several for a repeated name. */
export type FormValue = string | string[] | undefined;

/** A urlencoded form body. */
export type FormFields = Record<string, FormValue>;

/** The field's value, the first one when the name was repeated; '' when absent or not text. */
export function one(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
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
