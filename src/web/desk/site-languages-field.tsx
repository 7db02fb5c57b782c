// The site's languages on the settings page: a box for each language with a catalogue (and any chosen tag such as
// es-CU that a broader catalogue answers). The default is always one of them, so its box is ticked and cannot be
// left out.
import { languageName } from '../../platform/i18n/language-names.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import type { FormProblem } from '../form-errors.tsx';
import { fieldErrors } from '../form-errors.tsx';

interface Props {
  i18n: Translator;
  /** The languages that have a catalogue. */
  catalogues: string[];
  /** The default language and the languages chosen (stored, or as the form sent them). */
  language: string;
  chosen: string[];
  error?: FormProblem;
}

export function SiteLanguagesField({ i18n, catalogues, language, chosen, error }: Props) {
  const errors = fieldErrors(error);
  const picked = new Set(chosen.map((tag) => tag.toLowerCase()));
  const isDefault = (tag: string) => tag.toLowerCase() === language.toLowerCase();
  const tags = [...catalogues];
  for (const tag of chosen) if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  return (
    <fieldset id="languages" {...errors.control('languages')}>
      <legend>{i18n.t('settings.languages.legend')}</legend>
      <p class="hint">{i18n.t('settings.languages.hint')}</p>
      <input type="hidden" name="languagesShown" value="1" />
      {tags.map((tag) => (
        <p class="field">
          <label class="check">
            <input
              type="checkbox"
              name="languages"
              value={tag}
              checked={picked.has(tag.toLowerCase()) || isDefault(tag)}
              disabled={isDefault(tag)}
            />{' '}
            <span lang={tag}>{languageName(tag)}</span> <code>{tag}</code>
            {isDefault(tag) && <> · {i18n.t('settings.languages.default')}</>}
          </label>
        </p>
      ))}
      {errors.message('languages', { inline: true })}
    </fieldset>
  );
}
