// Settings → Discussion (admins): how discussions look and every moderation rule, each with what it does and its default.
import type { DiscussionRule } from '../../modules/settings/discussion-rules.ts';
import type { AppError } from '../../platform/errors.ts';
import type { MessageKey, Translator } from '../../platform/i18n/translator.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

/** A rule with its default value, which the page says in the desk's language. */
export type DiscussionRuleView = DiscussionRule & { defaultValue: number | boolean | string[] };

/** The form's values: stored settings (lists as arrays), or what the person typed (lists as text). */
export type DiscussionFormValues = Partial<Record<DiscussionRule['key'], string | number | boolean | string[]>>;

interface Props {
  chrome: DeskChrome;
  rules: readonly DiscussionRuleView[];
  values: DiscussionFormValues;
  notice?: string;
  error?: Pick<AppError, 'message' | 'field'>;
}

const on = (v: unknown) => v === true || v === '1' || v === 'true';
const asText = (v: unknown) => (Array.isArray(v) ? v.join('\n') : v === undefined ? '' : String(v));

/** A rule's default as the page says it: a number, on or off, the list, or which page comes first. */
function defaultText(i18n: Translator, rule: DiscussionRuleView): string {
  const value = rule.defaultValue;
  if (rule.kind === 'list')
    return Array.isArray(value) && value.length ? value.join(', ') : i18n.t('desk.discussion.none');
  if (rule.kind === 'onOff') return i18n.t(value ? 'desk.discussion.on' : 'desk.discussion.off');
  if (rule.kind === 'pageOrder') return i18n.t(value ? 'desk.discussion.newest' : 'desk.discussion.oldest');
  return i18n.number(Number(value));
}

function RuleField({
  i18n,
  rule,
  value,
  error,
}: {
  i18n: Translator;
  rule: DiscussionRuleView;
  value: unknown;
  error?: Props['error'];
}) {
  const id = rule.key;
  const { t } = i18n;
  const label = t(`desk.discussion.rule.${rule.key}` as MessageKey);
  const failed = error?.field === id;
  const aria = {
    'aria-describedby': `${id}-help${failed ? ` ${id}-error` : ''}`,
    ...(failed ? { 'aria-invalid': 'true' as const } : {}),
  };
  const help = (
    <small id={`${id}-help`}>
      {t(`desk.discussion.help.${rule.key}` as MessageKey)}{' '}
      {t('desk.discussion.default', { value: defaultText(i18n, rule) })}
    </small>
  );
  const message = failed && (
    <span class="field-error" id={`${id}-error`}>
      {error.message}
    </span>
  );
  if (rule.kind === 'onOff') {
    return (
      <div class={`field${failed ? ' has-error' : ''}`}>
        <label class="check">
          <input type="checkbox" id={id} name={id} value="1" checked={on(value)} {...aria} /> {label}
        </label>
        {help}
        {message}
      </div>
    );
  }
  return (
    <div class={`field${failed ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {rule.kind === 'list' && (
        <textarea id={id} name={id} rows={4} spellcheck={false} {...aria}>
          {asText(value)}
        </textarea>
      )}
      {rule.kind === 'pageOrder' && (
        <select id={id} name={id} {...aria}>
          <option value="newest" selected={on(value) || value === 'newest'}>
            {t('desk.discussion.newestOption')}
          </option>
          <option value="oldest" selected={value === false || value === 'oldest'}>
            {t('desk.discussion.oldestOption')}
          </option>
        </select>
      )}
      {(rule.kind === 'count' || rule.kind === 'seconds') && (
        <input
          id={id}
          name={id}
          inputMode={rule.kind === 'count' ? 'numeric' : 'decimal'}
          value={asText(value)}
          {...aria}
        />
      )}
      {help}
      {message}
    </div>
  );
}

export function DiscussionSettingsPage({ chrome, rules, values, notice, error }: Props) {
  const group = (name: DiscussionRule['group']) =>
    rules
      .filter((r) => r.group === name)
      .map((rule) => <RuleField i18n={chrome.i18n} rule={rule} value={values[rule.key]} error={error} />);
  const { t, rich } = chrome.i18n;
  return (
    <DeskLayout
      chrome={chrome}
      title={t('desk.discussion.title')}
      notice={notice}
      error={error}
      fields={Object.fromEntries(rules.map((rule) => [rule.key, rule.key]))}
    >
      <p>{rich('desk.discussion.tabs', { a: (chunks) => <a href="/admin/settings">{chunks}</a> })}</p>
      <form method="post" action="/admin/settings/discussion" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <fieldset>
          <legend>{t('desk.discussion.display')}</legend>
          {group('display')}
        </fieldset>
        <fieldset>
          <legend>{t('desk.discussion.moderation')}</legend>
          <p>{t('desk.discussion.moderationHelp')}</p>
          {group('moderation')}
        </fieldset>
        <p>
          <button type="submit">{t('desk.discussion.save')}</button>
        </p>
      </form>
    </DeskLayout>
  );
}
