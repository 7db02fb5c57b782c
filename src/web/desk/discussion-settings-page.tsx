// Settings → Discussion (admins): how discussions look and every moderation rule, each with what it does and its default.
import type { DiscussionRule } from '../../modules/settings/discussion-rules.ts';
import type { AppError } from '../../platform/errors.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

/** A rule with its default as the page says it. */
export type DiscussionRuleView = DiscussionRule & { defaultText: string };

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

function RuleField({ rule, value, error }: { rule: DiscussionRuleView; value: unknown; error?: Props['error'] }) {
  const id = rule.key;
  const failed = error?.field === id;
  const aria = {
    'aria-describedby': `${id}-help${failed ? ` ${id}-error` : ''}`,
    ...(failed ? { 'aria-invalid': 'true' as const } : {}),
  };
  const help = (
    <small id={`${id}-help`}>
      {rule.help} Default: {rule.defaultText}.
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
          <input type="checkbox" id={id} name={id} value="1" checked={on(value)} {...aria} /> {rule.label}
        </label>
        {help}
        {message}
      </div>
    );
  }
  return (
    <div class={`field${failed ? ' has-error' : ''}`}>
      <label for={id}>{rule.label}</label>
      {rule.kind === 'list' && (
        <textarea id={id} name={id} rows={4} spellcheck={false} {...aria}>
          {asText(value)}
        </textarea>
      )}
      {rule.kind === 'pageOrder' && (
        <select id={id} name={id} {...aria}>
          <option value="newest" selected={on(value) || value === 'newest'}>
            The newest comments
          </option>
          <option value="oldest" selected={value === false || value === 'oldest'}>
            The oldest comments
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
      .map((rule) => <RuleField rule={rule} value={values[rule.key]} error={error} />);
  return (
    <DeskLayout
      chrome={chrome}
      title="Discussion settings"
      notice={notice}
      error={error}
      fields={Object.fromEntries(rules.map((rule) => [rule.key, rule.key]))}
    >
      <p>
        <a href="/admin/settings">Site settings</a> · Discussion
      </p>
      <form method="post" action="/admin/settings/discussion" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <fieldset>
          <legend>How discussions look</legend>
          {group('display')}
        </fieldset>
        <fieldset>
          <legend>Moderation rules</legend>
          <p>Every new comment meets these rules in turn; a change applies to the next comment posted.</p>
          {group('moderation')}
        </fieldset>
        <p>
          <button type="submit">Save discussion settings</button>
        </p>
      </form>
    </DeskLayout>
  );
}
