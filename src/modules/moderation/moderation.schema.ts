// JSON shapes of the moderators' ban list.
import { Type } from 'typebox';

export const BanBody = Type.Object(
  {
    email: Type.Optional(Type.String({ maxLength: 254, description: 'A whole email address.' })),
    ip: Type.Optional(
      Type.String({
        maxLength: 50,
        description: 'An address (203.0.113.7) or a CIDR range (203.0.113.0/24, 2001:db8::/32).',
      }),
    ),
    reason: Type.String({ maxLength: 1000, description: 'Why, for the other moderators; 1 to 500 characters.' }),
  },
  {
    additionalProperties: false,
    description: 'Give an email, an address or range, or both: either one matching refuses the post.',
  },
);

export const BanJson = Type.Object({
  id: Type.String(),
  email: Type.String(),
  ip: Type.String(),
  reason: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
