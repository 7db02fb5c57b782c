// A moderation decision's reason in the reader's language (the desk's, the API requester's): the rule's sentence from
// the catalogue with the values stored beside it. Rows without values (older ones, a person's own words) show as stored.
import type { MessageKey, Translator } from '../../platform/i18n/translator.ts';
import type { ReasonValues } from './phase.ts';

/** The reason of a decision as the translator's language says it; the stored sentence when the catalogue has none. */
export function decisionReason(
  i18n: Pick<Translator, 't'>,
  decision: { rule: string; reason: string; values: ReasonValues | null },
): string {
  if (!decision.values) return decision.reason;
  const { afterEdit, ...values } = decision.values;
  const key = `moderation.reason.${decision.rule}` as MessageKey;
  let text: string;
  try {
    text = i18n.t(key, values);
  } catch {
    // Values that do not fit the message (a row written by another version): the English as it was written.
    return decision.reason;
  }
  // A rule the catalogue does not know formats as its own key.
  if (text === key) return decision.reason;
  return afterEdit === 'yes' ? i18n.t('moderation.reason.afterEdit', { reason: text }) : text;
}
