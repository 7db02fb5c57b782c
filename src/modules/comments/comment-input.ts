// Checks on what a reader submits: lengths, control characters, a real email, a web address.
import { invalid } from '../../platform/errors.ts';
import { cleanText, hasControlCharacters, removeInvisibleFormatting } from '../../platform/text.ts';

export interface CommentSubmission {
  name: string;
  email: string;
  website?: string;
  body: string;
  parentId?: string;
}

export const COMMENT_LIMITS = { name: 80, email: 254, website: 300, body: 5000 } as const;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Returns the submission cleaned, or throws a 422 naming the first field to fix. */
export function checkCommentSubmission(
  input: CommentSubmission,
): Required<Omit<CommentSubmission, 'parentId'>> & { parentId?: string } {
  // Invisible format characters go before anything else: a name of only those is no name.
  const name = cleanText(removeInvisibleFormatting(input.name ?? ''));
  const email = cleanText(input.email ?? '').toLowerCase();
  const website = cleanText(input.website ?? '');
  const body = cleanText(input.body ?? '');
  if (name === '') throw invalid('name', 'name_required', 'Please give your name.');
  if (name.length > COMMENT_LIMITS.name)
    throw invalid({
      field: 'name',
      code: 'name_too_long',
      message: `Your name must be at most ${COMMENT_LIMITS.name} characters.`,
      values: {
        max: COMMENT_LIMITS.name,
      },
    });
  if (/\n/.test(name) || hasControlCharacters(name))
    throw invalid('name', 'control_characters', 'Your name contains line breaks or control characters; remove them.');
  if (email === '') throw invalid('email', 'email_required', 'Please give your email address. It is never shown.');
  if (email.length > COMMENT_LIMITS.email || !EMAIL.test(email))
    throw invalid('email', 'invalid_email', 'Please give a valid email address, such as name@example.org.');
  if (website !== '') {
    if (website.length > COMMENT_LIMITS.website)
      throw invalid({
        field: 'website',
        code: 'website_too_long',
        message: `The website address must be at most ${COMMENT_LIMITS.website} characters.`,
        values: { max: COMMENT_LIMITS.website },
      });
    let url: URL | undefined;
    try {
      url = new URL(website);
    } catch {
      /* reported below */
    }
    if (
      !url ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      hasControlCharacters(website) ||
      /\s/.test(website)
    ) {
      throw invalid(
        'website',
        'invalid_website',
        'The website must be a web address starting with http:// or https://.',
      );
    }
  }
  checkCommentBody(body);
  return { name, email, website, body, ...(input.parentId ? { parentId: input.parentId } : {}) };
}

/** Words for the body's messages: a reader's comment, or a staff member's reply. */
const BODY_WORDS = {
  comment: { empty: 'Please write a comment.', noun: 'Your comment' },
  reply: { empty: 'Write your reply.', noun: 'Your reply' },
} as const;

/** Returns a comment's text cleaned, or throws a 422 on the body field (posting, editing and staff replies share it). */
export function checkCommentBody(text: string, words: keyof typeof BODY_WORDS = 'comment'): string {
  const { empty, noun } = BODY_WORDS[words];
  const body = cleanText(text ?? '');
  if (body === '') throw invalid({ field: 'body', code: 'body_required', message: empty, values: { words } });
  if (body.length > COMMENT_LIMITS.body)
    throw invalid({
      field: 'body',
      code: 'body_too_long',
      message: `${noun} must be at most ${COMMENT_LIMITS.body} characters (it has ${body.length}).`,
      values: { words, max: COMMENT_LIMITS.body, length: body.length },
    });
  if (hasControlCharacters(body))
    throw invalid({
      field: 'body',
      code: 'control_characters',
      message: `${noun} contains control characters; remove them.`,
      values: { words },
    });
  return body;
}
