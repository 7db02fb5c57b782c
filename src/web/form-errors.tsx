// How every form shows what was refused: a summary at the top that links to each failing field, the message beside
// the field, and the control marked invalid and described by that message, so the eye, the keyboard and a screen
// reader all land on what to fix. Messages are the service's or the schema's own words, with the field's title.
import type { VNode } from 'preact';

/** A refused form as a page shows it: what to fix and, when it is about one field, which (the form's field name). */
export interface FormProblem {
  message: string;
  field?: string;
  /** Which of a page's several forms was refused (`rename:<id>`), where the field's name alone does not say. */
  form?: string;
}

/** The problem if it belongs to this form of the page, for fieldErrors. */
export const problemOf = (problem: FormProblem | undefined, form: string): FormProblem | undefined =>
  problem?.form === form ? problem : undefined;

/** Where a form's fields are on the page: field name → the id of its control, for the summary's links. */
export type FieldIds = Readonly<Record<string, string>>;

const listOf = (problem: FormProblem | readonly FormProblem[] | string | undefined): FormProblem[] =>
  problem === undefined
    ? []
    : typeof problem === 'string'
      ? [{ message: problem }]
      : Array.isArray(problem)
        ? [...problem]
        : [problem as FormProblem];

/**
 * The summary at the top of a form. A problem about a field on this page links to its control (`href="#id"`); one
 * about the whole form (someone else saved first, a broken file) is said as it is.
 */
export function ErrorSummary({
  problem,
  ids = {},
  title = 'There is a problem',
}: {
  problem?: FormProblem | readonly FormProblem[] | string;
  ids?: FieldIds /** The heading, in the page's language. */;
  title?: string;
}) {
  const problems = listOf(problem);
  if (problems.length === 0) return null;
  const linked = problems.filter((p) => p.field && ids[p.field]);
  if (linked.length === 0)
    return (
      <p class="form-error" role="alert">
        {problems.map((p) => p.message).join(' ')}
      </p>
    );
  return (
    <div class="error-summary" role="alert">
      <p class="error-summary-title">{title}</p>
      <ul>
        {problems.map((p) =>
          p.field && ids[p.field] ? (
            <li>
              <a href={`#${ids[p.field]}`}>{p.message}</a>
            </li>
          ) : (
            <li>{p.message}</li>
          ),
        )}
      </ul>
    </div>
  );
}

/** What one form needs to mark its failing field: the control's attributes and the message beside it. */
export interface FieldErrors {
  /** aria-invalid and aria-describedby (after the hint the control already names) for the failing field's control. */
  control(field: string, hintId?: string): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string };
  /** The message beside the field: a paragraph, or an inline `strong` inside a line of its own. */
  message(field: string, options?: { inline?: boolean }): VNode | null;
}

/**
 * The field marks of one form. Message ids are `${prefix}${field}-error`: a prefix keeps them apart where one page
 * repeats a form (one per comment in the moderation queue).
 */
export function fieldErrors(problem: FormProblem | undefined, prefix = ''): FieldErrors {
  const failing = (field: string) => problem !== undefined && problem.field === field;
  const messageId = (field: string) => `${prefix}${field}-error`;
  return {
    control(field, hintId) {
      if (!failing(field)) return hintId ? { 'aria-describedby': hintId } : {};
      return {
        'aria-invalid': 'true' as const,
        'aria-describedby': hintId ? `${hintId} ${messageId(field)}` : messageId(field),
      };
    },
    message(field, options = {}) {
      if (!failing(field)) return null;
      return options.inline ? (
        <strong id={messageId(field)} class="field-error">
          {problem!.message}
        </strong>
      ) : (
        <p class="field-error" id={messageId(field)}>
          {problem!.message}
        </p>
      );
    },
  };
}
