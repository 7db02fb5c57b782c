// The article's JSON shapes: what clients send and what they get back.
import { Type } from 'typebox';

const Time = Type.String({ format: 'date-time' });

export const FeaturedImageJson = Type.Object({
  url: Type.String({ maxLength: 2000 }),
  caption: Type.String(),
  credit: Type.String(),
  alt: Type.String(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
});

export const ArticleJson = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    url: Type.String({ description: 'Absolute address of the article page.' }),
    headline: Type.String(),
    subheadline: Type.String(),
    bodyHtml: Type.String({ description: 'Sanitized HTML.' }),
    excerpt: Type.String(),
    dateline: Type.String(),
    sourceCredit: Type.String(),
    byline: Type.String({
      description:
        'The byline as readers see it: "By A and B", or "By dpa" for a wire story without staff authors; empty with neither.',
    }),
    authors: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), slug: Type.String() })),
    section: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]),
    tags: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })),
    featuredImage: Type.Union([FeaturedImageJson, Type.Null()]),
    language: Type.String({
      description: "BCP 47 tag of the article's language (the site's default language unless one was chosen).",
    }),
    translations: Type.Array(
      Type.Object({
        id: Type.String(),
        language: Type.String({ description: 'BCP 47 tag.' }),
        slug: Type.String(),
        url: Type.String({ description: 'Absolute address of the translation.' }),
        headline: Type.String(),
        status: Type.String({ description: 'Always published here; staff responses list drafts too.' }),
      }),
      {
        description:
          'The articles that translate this one, one per language (its translation group). Readers are shown the published ones.',
      },
    ),
    status: Type.Union([
      Type.Literal('draft'),
      Type.Literal('pending'),
      Type.Literal('scheduled'),
      Type.Literal('published'),
      Type.Literal('trash'),
    ]),
    publishedAt: Type.Union([Time, Type.Null()]),
    updatedAt: Time,
    modifiedAt: Type.String({
      format: 'date-time',
      description:
        'When readers last saw the content change (a real edit, an update or a correction; never a comment): dateModified.',
    }),
    commentStatus: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('default')]),
    discussionOpen: Type.Boolean({ description: 'Whether readers can comment right now.' }),
    discussionClosesAt: Type.Union([Time, Type.Null()]),
    commentCount: Type.Integer({ description: 'Approved comments.' }),
    pinned: Type.Boolean({ description: 'Shown before every other article on the front page.' }),
    version: Type.Integer({ description: 'Send it back with PATCH to detect a conflicting edit.' }),
  },
  { $id: 'Article' },
);

export const StaffArticleJson = Type.Object(
  {
    ...ArticleJson.properties,
    body: Type.String({ description: 'The Markdown source.' }),
  },
  { $id: 'StaffArticle' },
);

export const ArticleWarningJson = Type.Object({
  code: Type.String({
    description: 'Stable snake_case: why, e.g. private_address, timeout, too_large, not_an_image, not_https.',
  }),
  url: Type.String({ description: 'The image address as written in the article.' }),
  message: Type.String({ description: 'What happened and what the page will do, for the writer.' }),
});

/** A saved article (POST, PATCH) with what did not stop the save but needs the writer's attention. */
export const SavedArticleJson = Type.Object({
  ...StaffArticleJson.properties,
  warnings: Type.Array(ArticleWarningJson, {
    description:
      'Images on other sites are copied into the media library on save and the article is rewritten to the copies; ' +
      "an image that could not be copied is left as written, and the page will not show it (the Content-Security-Policy only allows the site's own images). Empty when all is well.",
  }),
});

export const ArticleListJson = Type.Object({
  articles: Type.Array(Type.Ref('Article')),
  page: Type.Integer(),
  limit: Type.Integer(),
  total: Type.Integer(),
  pages: Type.Integer(),
});

export const ListQuery = Type.Object(
  {
    section: Type.Optional(Type.String({ maxLength: 200, description: 'Section slug.' })),
    tag: Type.Optional(Type.String({ maxLength: 200, description: 'Tag slug.' })),
    author: Type.Optional(Type.String({ maxLength: 200, description: 'Author slug.' })),
    page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

const ImageInput = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2000 }),
    caption: Type.Optional(Type.String({ maxLength: 1000 })),
    credit: Type.Optional(Type.String({ maxLength: 200 })),
    alt: Type.String({ maxLength: 1000 }),
    width: Type.Optional(Type.Integer({ minimum: 1, maximum: 20000 })),
    height: Type.Optional(Type.Integer({ minimum: 1, maximum: 20000 })),
  },
  { additionalProperties: false },
);

const articleFields = {
  headline: Type.String({ minLength: 1, maxLength: 300 }),
  subheadline: Type.String({ maxLength: 500 }),
  slug: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 200000, description: 'Markdown; pasted HTML is sanitized.' }),
  excerpt: Type.String({ maxLength: 1000 }),
  dateline: Type.String({ maxLength: 120, description: 'Opens the body, e.g. "HAVANA TIMES –".' }),
  sourceCredit: Type.String({ maxLength: 120, description: 'Wire service credited, e.g. dpa.' }),
  authors: Type.Array(Type.String({ maxLength: 254 }), {
    maxItems: 20,
    description:
      'Staff ids, slugs or emails. Empty for a wire story with a sourceCredit: its byline reads from the credit ("By dpa").',
  }),
  section: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  tags: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 }),
  featuredImage: Type.Union([ImageInput, Type.Null()]),
  status: Type.Union(
    [Type.Literal('draft'), Type.Literal('pending'), Type.Literal('scheduled'), Type.Literal('published')],
    { description: 'pending: submitted for review.' },
  ),
  publishAt: Type.String({ format: 'date-time' }),
  commentStatus: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('default')]),
  pinned: Type.Boolean({ description: 'Pin to the top of the front page (editors and admins).' }),
  language: Type.Union([Type.String({ maxLength: 35 }), Type.Null()], {
    description:
      'BCP 47 tag of a language the site publishes in (422 otherwise); null or absent follows the site default. Link translations in the editor.',
  }),
};

export const CreateArticleBody = Type.Object(
  {
    ...articleFields,
    subheadline: Type.Optional(articleFields.subheadline),
    slug: Type.Optional(articleFields.slug),
    excerpt: Type.Optional(articleFields.excerpt),
    dateline: Type.Optional(articleFields.dateline),
    sourceCredit: Type.Optional(articleFields.sourceCredit),
    authors: Type.Optional(articleFields.authors),
    section: Type.Optional(articleFields.section),
    tags: Type.Optional(articleFields.tags),
    featuredImage: Type.Optional(articleFields.featuredImage),
    status: Type.Optional(articleFields.status),
    publishAt: Type.Optional(articleFields.publishAt),
    commentStatus: Type.Optional(articleFields.commentStatus),
    pinned: Type.Optional(articleFields.pinned),
    language: Type.Optional(articleFields.language),
  },
  { additionalProperties: false },
);

// Type.Partial makes a new object schema: the option goes on it, or unknown properties pass silently.
export const UpdateArticleBody = Type.Partial(
  Type.Object({
    ...articleFields,
    version: Type.Integer({
      minimum: 1,
      description: 'The version you edited; a newer one on the server is a 409 conflict.',
    }),
  }),
  { additionalProperties: false },
);
