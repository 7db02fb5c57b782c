// What an exported comment becomes, worked out from the export alone: its text, formatted as the site stores it,
// and the fingerprint a later run compares. For a big export the reading thread works it out beside the import
// (wxr-thread.ts: 3.6 s of the main thread's time for 100,000 comments) and readWxrFile hands it over here. It
// imports only the formatter and the body conversion, so the thread loads no database code.
import { formatImportedText, type FormattedComment } from '../../platform/html/comment-text.ts';
import { fingerprint } from './fingerprint.ts';
import { commentToText } from './wordpress-body.ts';
import type { WxrComment, WxrItem } from './wxr.ts';

export interface ConvertedComment {
  /** Whether the comment had no text left to import (it is reported as skipped). */
  empty: boolean;
  formatted: FormattedComment;
  hash: string;
}

export function convertComment(comment: WxrComment): ConvertedComment {
  const text = commentToText(comment.content);
  return { empty: !text, formatted: formatImportedText(text), hash: fingerprint({ ...comment, line: undefined }) };
}

// A conversion made ahead by the reading thread rides on its comment under a key of this module's own: gone with
// the comment, and never part of a fingerprint (JSON leaves symbol keys out).
const AHEAD = Symbol('converted ahead');
type Carrier = WxrComment & { [AHEAD]?: ConvertedComment };

/** Keeps the conversions the reading thread made of an item's comments, in their order. */
export function keepConverted(item: WxrItem, conversions: ConvertedComment[]): void {
  for (const [i, comment] of item.comments.entries()) (comment as Carrier)[AHEAD] = conversions[i];
}

/** The conversion the reading thread made of this comment, if it made one. */
export const convertedAhead = (comment: WxrComment): ConvertedComment | undefined => (comment as Carrier)[AHEAD];

/** The comment's conversion: the one made ahead, or made now. */
export const convertedComment = (comment: WxrComment): ConvertedComment =>
  convertedAhead(comment) ?? convertComment(comment);
