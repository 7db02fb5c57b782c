// JSON shapes of the site settings API: every setting as read, and the ones a PATCH may change.
import { Type } from 'typebox';
import { DISCUSSION_RULES, type DiscussionRule } from './discussion-rules.ts';

const ruleSchema = (rule: DiscussionRule) => {
  const description = rule.help;
  if (rule.kind === 'count') return Type.Integer({ minimum: rule.min, maximum: rule.max, description });
  if (rule.kind === 'seconds')
    return Type.Number({
      minimum: rule.min,
      maximum: rule.max,
      description: `${description} To the millisecond (0.05).`,
    });
  if (rule.kind === 'list')
    return Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 5000, description });
  if (rule.kind === 'onOff') return Type.Boolean({ description });
  return Type.Boolean({ description: `${description} true: the newest comments; false: the oldest.` });
};

/** The settings a PATCH may change (the logo and card image are uploads, made at the desk). */
const editable = {
  name: Type.String({ minLength: 1, maxLength: 120, description: "The site's name." }),
  description: Type.String({ maxLength: 300, description: 'One line about the site.' }),
  language: Type.String({
    maxLength: 35,
    description:
      "The site's default language, a BCP 47 tag such as en or es-CU with a catalogue; one of `languages` when the site has several.",
  }),
  languages: Type.Array(Type.String({ maxLength: 35 }), {
    minItems: 1,
    maxItems: 20,
    description:
      "Every language the site publishes in (each with a catalogue), the default among them; read back with the default first. The default's pages are at /, each other's under /{tag}/ (/es/, /es/sections/…, /es/rss.xml).",
  }),
  timeZone: Type.String({
    maxLength: 100,
    description: 'IANA time zone the newsroom dates its pages in, e.g. America/Havana.',
  }),
  feedFullText: Type.Boolean({
    description: "Feeds carry each article's full text; false: the excerpt, the picture and a link.",
  }),
  feedItems: Type.Integer({ minimum: 1, maximum: 100, description: 'Articles (or comments) in each feed.' }),
  ...Object.fromEntries(DISCUSSION_RULES.map((rule) => [rule.key, ruleSchema(rule)])),
};

const SiteImageJson = Type.Union([
  Type.Object({ url: Type.String(), width: Type.Integer(), height: Type.Integer(), alt: Type.String() }),
  Type.Null(),
]);

export const SettingsJson = Type.Object(
  {
    ...editable,
    logo: SiteImageJson,
    cardImage: SiteImageJson,
  },
  { description: 'Every site setting, with its current value (defaults for those never set).' },
);

export const SettingsPatch = Type.Partial(Type.Object(editable), {
  additionalProperties: false,
  minProperties: 1,
  description: 'The settings to change; the others stay as they are. Changes are audited and apply at once.',
});
