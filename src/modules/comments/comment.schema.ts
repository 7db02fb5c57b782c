// The discussion's JSON shapes. A comment nests its replies, so it is a named, recursive schema.
import { Type } from 'typebox';
import { COMMENT_LIMITS } from './comment-input.ts';

export const CommentJsonSchema = {
  $id: 'Comment',
  type: 'object',
  required: [
    'id',
    'parentId',
    'depth',
    'authorName',
    'authorUrl',
    'bodyHtml',
    'createdAt',
    'featured',
    'byStaff',
    'replies',
  ],
  properties: {
    id: { type: 'string' },
    parentId: { type: ['string', 'null'] },
    depth: { type: 'integer' },
    authorName: { type: 'string' },
    authorUrl: { type: 'string', description: "The commenter's website, or empty." },
    bodyHtml: { type: 'string', description: 'Paragraphs and nofollow links only.' },
    createdAt: { type: 'string', format: 'date-time' },
    featured: {
      type: 'boolean',
      description: 'An editor\'s pick: the article page shows it again first, under "Editor\'s picks".',
    },
    byStaff: {
      type: 'boolean',
      description: 'Written by a member of the newsroom\'s staff (the page shows a "Staff" badge).',
    },
    editedAt: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'When its text last changed after posting, or null.',
    },
    replies: { type: 'array', items: { $ref: 'Comment#' } },
  },
} as const;

export const DiscussionJson = Type.Object({
  commentCount: Type.Integer(),
  discussionOpen: Type.Boolean(),
  comments: Type.Array(Type.Ref('Comment'), { description: 'Top-level comments oldest first, replies nested.' }),
});

export const PostCommentBody = Type.Object(
  {
    name: Type.String({ maxLength: 1000 }),
    email: Type.String({ maxLength: 1000 }),
    website: Type.Optional(Type.String({ maxLength: 1000 })),
    body: Type.String({
      maxLength: COMMENT_LIMITS.body * 2,
      description: `Plain text, up to ${COMMENT_LIMITS.body} characters; blank lines separate paragraphs.`,
    }),
    parentId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    notifyReplies: Type.Optional(
      Type.Boolean({
        description:
          'Mail the commenter when someone replies (off unless true). Every such mail has a one-click unsubscribe link.',
      }),
    ),
    typingMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 86_400_000,
        description:
          'Milliseconds from when the reader first touched the form to sending it, if the client measures it. Implausibly fast posts are filed as spam; without it, this rule does not apply.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const PostedCommentJson = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  depth: Type.Integer(),
  status: Type.String({ description: 'approved, or pending when it waits for a moderator.' }),
  authorName: Type.String(),
  authorUrl: Type.String(),
  bodyHtml: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  editedAt: Type.Optional(
    Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'When its text last changed after posting.',
    }),
  ),
  commentToken: Type.Optional(
    Type.String({
      description:
        'Given to the poster only: send it as the X-Comment-Token header to edit (PATCH) or delete (DELETE) this comment ' +
        'while editableUntil has not passed. Browsers get the same token as an httpOnly cookie.',
    }),
  ),
  editableUntil: Type.Optional(
    Type.String({ format: 'date-time', description: 'Until when the poster may edit or delete it.' }),
  ),
});

export const ModerateCommentBody = Type.Object(
  {
    status: Type.Union([
      Type.Literal('approved'),
      Type.Literal('pending'),
      Type.Literal('spam'),
      Type.Literal('trash'),
    ]),
  },
  { additionalProperties: false, description: 'Staff (bearer token): approve, or mark as spam, pending or trash.' },
);

export const EditCommentBody = Type.Object(
  {
    body: Type.String({
      maxLength: COMMENT_LIMITS.body * 2,
      description: `The new text, plain, up to ${COMMENT_LIMITS.body} characters.`,
    }),
  },
  {
    additionalProperties: false,
    description:
      'New text: from its poster (X-Comment-Token header or cookie) within the edit window, the moderation rules on the words ' +
      'run again; or from staff (bearer token) at any time. The earlier text is kept as a revision.',
  },
);

export const ReportCommentBody = Type.Object(
  {
    reason: Type.String({ maxLength: 2000, description: 'What is wrong with the comment, up to 500 characters.' }),
  },
  { additionalProperties: false },
);

export const ReportReceivedJson = Type.Object({
  commentId: Type.String(),
  message: Type.String(),
});

const Decision = Type.Object({
  status: Type.String({ description: 'The status this decision gave the comment.' }),
  rule: Type.String({
    description:
      'Stable code: passed, honeypot, blocked_ip, blocked_email, blocked_word, too_fast, duplicate, links, moderation_word, first_comment, reports, moderator, staff, author_deleted.',
  }),
  values: Type.Union([Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])), Type.Null()], {
    description:
      "What the rule's sentence says besides its code: e.g. links {links, limit}, moderation_word and blocked_word {word}, " +
      'blocked_ip {ip}, blocked_email {entry}, duplicate {minutes}, too_fast {sent, needed, characters} (seconds), ' +
      "reports {count}, moderator {action: changed|kept|replied, name, from, to}, staff {name}; afterEdit 'yes' when the " +
      "rules ran again on the author's edit. Null for decisions recorded before reasons had values: `reason` is then as stored.",
  }),
  reason: Type.String({
    description:
      "The reason as a sentence, in the language of Accept-Language when the site speaks it, else the site's language.",
  }),
  createdAt: Type.String({ format: 'date-time' }),
  staff: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], {
    description: 'The moderator, or null for an automatic decision.',
  }),
});

export const ModeratedCommentJson = Type.Object({
  id: Type.String(),
  articleId: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  authorName: Type.String(),
  authorEmail: Type.String(),
  authorUrl: Type.String(),
  bodyText: Type.String({ description: 'As the reader typed it.' }),
  bodyHtml: Type.String(),
  ip: Type.String(),
  userAgent: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  decisions: Type.Array(Decision, { description: 'Why the comment has had each of its statuses, oldest first.' }),
  reports: Type.Array(Type.Object({ reason: Type.String(), createdAt: Type.String({ format: 'date-time' }) })),
});
