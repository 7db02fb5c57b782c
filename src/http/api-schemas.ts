// Shapes shared by every JSON endpoint: the error envelope, and how routes name them.
import { Type } from 'typebox';

export const ErrorJson = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable snake_case code, e.g. discussion_closed.' }),
      message: Type.String({ description: 'What went wrong and how to fix it.' }),
      field: Type.Optional(Type.String({ description: 'The request field at fault, if one is.' })),
    }),
  },
  { $id: 'Error', description: 'Every error answer has this shape.' },
);

const errorRef = Type.Ref('Error');

/** Response entries for the errors a route can answer with. */
export function errors(...statuses: number[]): Record<number, typeof errorRef> {
  return Object.fromEntries(statuses.map((s) => [s, errorRef]));
}

export const bearerSecurity = [{ bearerAuth: [] as string[] }];
