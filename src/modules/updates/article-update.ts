// An update or a correction the newsroom records on a published article, and the rules for its note.
import type { ArticleUpdateKind } from '../../platform/db/tables.ts';
import { invalid } from '../../platform/errors.ts';
import { hasControlCharacters } from '../../platform/text.ts';

export type { ArticleUpdateKind };

export interface ArticleUpdate {
  id: string;
  articleId: string;
  kind: ArticleUpdateKind;
  /** Plain text, one paragraph. */
  note: string;
  createdAt: Date;
  editorName: string;
}

/** A correction together with the article it corrects, for the /corrections page. */
export interface ListedCorrection extends ArticleUpdate {
  article: { slug: string; headline: string };
}

export const NOTE_MAX = 1000;

export const isUpdateKind = (value: unknown): value is ArticleUpdateKind =>
  value === 'update' || value === 'correction';

/** The note as it will be shown: whitespace runs made single spaces; refused when empty, too long or unprintable. */
export function checkNote(raw: string): string {
  const note = raw.replace(/\s+/g, ' ').trim();
  if (note === '') throw invalid('note', 'note_required', 'Write what changed, e.g. "adds the minister\'s statement".');
  if (note.length > NOTE_MAX)
    throw invalid({
      field: 'note',
      code: 'note_too_long',
      message: `The note must be at most ${NOTE_MAX} characters (it has ${note.length}).`,
      values: {
        max: NOTE_MAX,
        length: note.length,
      },
    });
  if (hasControlCharacters(note))
    throw invalid('note', 'control_characters', 'The note contains control characters; remove them.');
  return note;
}
