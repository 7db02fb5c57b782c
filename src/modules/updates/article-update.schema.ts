// The JSON shapes of updates and corrections.
import { Type } from 'typebox';
import { NOTE_MAX } from './article-update.ts';

const Kind = Type.Union([Type.Literal('update'), Type.Literal('correction')], {
  description: 'update: news added since publication; correction: an error put right.',
});

export const ArticleUpdateJson = Type.Object(
  {
    id: Type.String(),
    kind: Kind,
    note: Type.String({ description: 'Plain text, e.g. "adds the minister\'s statement".' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'ArticleUpdate' },
);

export const ArticleUpdateListJson = Type.Object({
  updates: Type.Array(Type.Ref('ArticleUpdate'), { description: 'Newest first.' }),
});

export const RecordUpdateBody = Type.Object(
  {
    kind: Kind,
    note: Type.String({ minLength: 1, maxLength: NOTE_MAX }),
  },
  { additionalProperties: false },
);
