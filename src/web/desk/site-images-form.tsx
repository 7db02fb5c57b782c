// The settings page's logo and card image: what is set now, and a form to upload (or remove) each.
import type { SiteImage, SiteSettings } from '../../modules/settings/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import { fieldErrors, type FormProblem } from '../form-errors.tsx';
import { FormToken } from './desk-layout.tsx';

const KINDS = [{ kind: 'logo' }, { kind: 'cardImage' }] as const;

interface SiteImagesFormProps {
  i18n: Translator;
  settings: Pick<SiteSettings, 'logo' | 'cardImage'>;
  token?: string;
  /** Why an upload was refused, about a field such as "logo.file". */
  error?: FormProblem;
}

/** The controls of both forms, by the fields their errors name. */
export const SITE_IMAGE_FIELD_IDS = Object.fromEntries(
  KINDS.flatMap(({ kind }) => [
    [`${kind}.file`, `${kind}-file`],
    [`${kind}.alt`, `${kind}-alt`],
  ]),
);

function Current({ i18n, image }: { i18n: Translator; image: SiteImage | null }) {
  if (!image) return <p>{i18n.t('desk.siteImages.none')}</p>;
  return (
    <p>
      <img class="site-image-preview" src={image.url} alt={image.alt} width={image.width} height={image.height} />{' '}
      <small>{i18n.t('desk.siteImages.size', { width: image.width, height: image.height })}</small>
    </p>
  );
}

export function SiteImagesForm({ i18n, settings, token, error }: SiteImagesFormProps) {
  const errors = fieldErrors(error);
  const { t } = i18n;
  return (
    <section aria-labelledby="site-images-title">
      <h2 id="site-images-title">{t('desk.siteImages.title')}</h2>
      {KINDS.map(({ kind }) => (
        <div class="desk-form narrow">
          <h3>{t('desk.siteImages.kind', { kind })}</h3>
          <Current i18n={i18n} image={settings[kind]} />
          <form method="post" action="/admin/settings/images" enctype="multipart/form-data">
            <FormToken token={token} />
            <input type="hidden" name="kind" value={kind} />
            <p class="field">
              <label for={`${kind}-file`}>{t('desk.siteImages.upload', { kind })}</label>
              <input
                id={`${kind}-file`}
                name="file"
                type="file"
                accept="image/jpeg,image/png,image/webp,image/avif"
                required
                {...errors.control(`${kind}.file`, `${kind}-hint`)}
              />
              <small id={`${kind}-hint`}>{t('desk.siteImages.hint', { kind })}</small>
              {errors.message(`${kind}.file`, { inline: true })}
            </p>
            <p class="field">
              <label for={`${kind}-alt`}>{t('desk.siteImages.alt', { kind })}</label>
              <input id={`${kind}-alt`} name="alt" maxLength={1000} {...errors.control(`${kind}.alt`)} />
              {errors.message(`${kind}.alt`, { inline: true })}
            </p>
            <p>
              <button type="submit">{t('desk.siteImages.uploadButton')}</button>
            </p>
          </form>
          {settings[kind] && (
            <form method="post" action="/admin/settings/images/remove" class="inline-form">
              <FormToken token={token} />
              <input type="hidden" name="kind" value={kind} />
              <button type="submit" class="secondary">
                {t('desk.siteImages.remove', { kind })}
              </button>
            </form>
          )}
        </div>
      ))}
    </section>
  );
}
