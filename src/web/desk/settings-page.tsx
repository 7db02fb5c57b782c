// The settings page: the site's name, language, time zone, feeds and pictures (admins); the discussion has its own.
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';
import { fieldErrors, type FormProblem } from '../form-errors.tsx';
import { SITE_IMAGE_FIELD_IDS, SiteImagesForm } from './site-images-form.tsx';
import { SiteLanguagesField } from './site-languages-field.tsx';

/** The form's values: the stored settings, or what the person typed. */
export type SettingsFormValues = { languages?: string[] | string } & Partial<
  Record<
    | 'name'
    | 'description'
    | 'language'
    | 'timeZone'
    | 'commentsCloseAfterDays'
    | 'threadDepth'
    | 'moderationDigestMinutes'
    | 'commentEditMinutes'
    | 'feedFullText'
    | 'feedItems',
    string | number | boolean
  >
>;

const SETTINGS_FIELD_IDS = {
  name: 'name',
  description: 'description',
  language: 'language',
  languages: 'languages',
  timeZone: 'timeZone',
  commentsCloseAfterDays: 'commentsCloseAfterDays',
  threadDepth: 'threadDepth',
  moderationDigestMinutes: 'moderationDigestMinutes',
  commentEditMinutes: 'commentEditMinutes',
  feedItems: 'feedItems',
  ...SITE_IMAGE_FIELD_IDS,
};

interface Props {
  chrome: DeskChrome;
  values: SettingsFormValues;
  /** The languages that have a catalogue, for the site's languages. */
  catalogues: string[];
  notice?: string;
  error?: FormProblem;
}

export function SettingsPage({ chrome, values, catalogues, notice, error }: Props) {
  const zones = Intl.supportedValuesOf('timeZone');
  const errors = fieldErrors(error);
  const invalidIf = (f: string) => errors.control(f);
  const beside = (f: string) => errors.message(f, { inline: true });
  const text = (v: string | number | boolean | undefined) => (v === undefined ? undefined : String(v));
  const { t, rich } = chrome.i18n;
  return (
    <DeskLayout
      chrome={chrome}
      title={t('desk.settings.title')}
      notice={notice}
      error={error}
      fields={SETTINGS_FIELD_IDS}
    >
      <p>{rich('desk.settings.tabs', { a: (chunks) => <a href="/admin/settings/discussion">{chunks}</a> })}</p>
      <form method="post" action="/admin/settings" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class="field">
          <label for="name">{t('desk.settings.name')}</label>
          <input id="name" name="name" required maxLength={120} value={text(values.name)} {...invalidIf('name')} />
          {beside('name')}
        </p>
        <p class="field">
          <label for="description">{t('desk.settings.description')}</label>
          <input
            id="description"
            name="description"
            maxLength={300}
            value={text(values.description)}
            {...invalidIf('description')}
          />
          {beside('description')}
        </p>
        <p class="field">
          <label for="language">{t('desk.settings.language')}</label>
          <input id="language" name="language" required value={text(values.language)} {...invalidIf('language')} />
          {beside('language')}
        </p>
        <SiteLanguagesField
          i18n={chrome.i18n}
          catalogues={catalogues}
          language={text(values.language) ?? ''}
          chosen={[values.languages ?? []].flat()}
          error={error}
        />
        <p class="field">
          <label for="timeZone">{t('desk.settings.timeZone')}</label>
          <select id="timeZone" name="timeZone" {...invalidIf('timeZone')}>
            {zones.map((z) => (
              <option value={z} selected={z === values.timeZone}>
                {z}
              </option>
            ))}
          </select>
          {beside('timeZone')}
        </p>
        <fieldset>
          <legend>{t('desk.settings.feeds')}</legend>
          <input type="hidden" name="feedShown" value="1" />
          <p class="field">
            <label class="check">
              <input
                type="checkbox"
                name="feedFullText"
                value="1"
                checked={values.feedFullText === true || values.feedFullText === 'true' || values.feedFullText === '1'}
              />{' '}
              {t('desk.settings.feedFullText')}
            </label>
          </p>
          <p class="field">
            <label for="feedItems">{t('desk.settings.feedItems', { min: 1, max: 100 })}</label>
            <input
              id="feedItems"
              name="feedItems"
              inputMode="numeric"
              value={text(values.feedItems)}
              {...invalidIf('feedItems')}
            />
            {beside('feedItems')}
          </p>
        </fieldset>
        <p>
          <button type="submit">{t('desk.settings.save')}</button>
        </p>
      </form>
      <SiteImagesForm i18n={chrome.i18n} settings={chrome.site.settings} token={chrome.token} error={error} />
    </DeskLayout>
  );
}
