// The one error type the newsroom's code throws; the HTTP layer turns it into JSON or a page.
export class AppError extends Error {
  constructor(
    readonly status: number,
    /** Stable snake_case code clients can rely on. */
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
    /** The figures and names in the message, for the catalogue's own wording of it (`errors.<code>`). */
    readonly values?: Record<string, string | number>,
  ) {
    super(message);
  }
}

export const notFound = (message = 'Not found.') => new AppError(404, 'not_found', message);
export const unauthorized = (message = 'Sign in or send a valid bearer token.') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You do not have the right to do this.') => new AppError(403, 'forbidden', message);
export const conflict = (code: string, message: string, field?: string) => new AppError(409, code, message, field);
export const invalid = (field: string, code: string, message: string, values?: Record<string, string | number>) =>
  new AppError(422, code, message, field, undefined, values);
