// The one error type the newsroom's code throws; the HTTP layer turns it into JSON or a page.

/** Everything an error may say: what went wrong, where, and the figures for the catalogue's wording of it. */
export interface AppErrorOptions {
  status: number;
  /** Stable snake_case code clients can rely on. */
  code: string;
  message: string;
  /** The field at fault, so a form shows the message beside it. */
  field?: string;
  headers?: Record<string, string>;
  /** The figures and names in the message, for the catalogue's own wording of it (`errors.<code>`). */
  values?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly headers?: Record<string, string>;
  readonly values?: Record<string, string | number>;

  /** `new AppError(404, 'not_found', 'No such page.')`, or with a field, headers or values, one options object. */
  constructor(status: number, code: string, message: string);
  constructor(options: AppErrorOptions);
  constructor(statusOrOptions: number | AppErrorOptions, code?: string, message?: string) {
    const options =
      typeof statusOrOptions === 'number'
        ? { status: statusOrOptions, code: code ?? 'error', message: message ?? '' }
        : statusOrOptions;
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.field = options.field;
    this.headers = options.headers;
    this.values = options.values;
  }
}

/**
 * A 404; `what` names the kind of thing that is missing, for the catalogue's wording (`errors.not_found`). Without it,
 * English keeps the message as written and other languages say a plain "not found".
 */
export const notFound = (message = 'Not found.', what?: string) =>
  new AppError({ status: 404, code: 'not_found', message, values: { what: what ?? 'other' } });
export const unauthorized = (message = 'Sign in or send a valid bearer token.') =>
  new AppError({ status: 401, code: 'unauthorized', message, values: { kind: 'other' } });
/** A 403; `values.reason` names which refusal it is, for the catalogue's wording (`errors.forbidden`); as for notFound. */
export const forbidden = (
  message = 'You do not have the right to do this.',
  values?: Record<string, string | number>,
) => new AppError({ status: 403, code: 'forbidden', message, values: { reason: 'other', ...values } });
/** A 409: `conflict(code, message, field?)`, or with the message's figures, one options object. */
export function conflict(code: string, message: string, field?: string): AppError;
export function conflict(options: Omit<AppErrorOptions, 'status' | 'headers'>): AppError;
export function conflict(
  codeOrOptions: string | Omit<AppErrorOptions, 'status' | 'headers'>,
  message?: string,
  field?: string,
): AppError {
  if (typeof codeOrOptions !== 'string') return new AppError({ status: 409, ...codeOrOptions });
  return new AppError({ status: 409, code: codeOrOptions, message: message ?? '', field });
}

/** A 422 the form shows beside the field: `invalid(field, code, message)`, or with the message's figures, one object. */
export function invalid(field: string, code: string, message: string): AppError;
export function invalid(options: Omit<AppErrorOptions, 'status' | 'headers'> & { field: string }): AppError;
export function invalid(
  fieldOrOptions: string | (Omit<AppErrorOptions, 'status' | 'headers'> & { field: string }),
  code?: string,
  message?: string,
): AppError {
  if (typeof fieldOrOptions !== 'string') return new AppError({ status: 422, ...fieldOrOptions });
  return new AppError({ status: 422, code: code ?? 'invalid', message: message ?? '', field: fieldOrOptions });
}
