// The settings page's logo and card image: what is set now, and a form to upload (or remove) each.
import type { SiteImage, SiteSettings } from '../../modules/settings/index.ts';
import { fieldErrors, type FormProblem } from '../form-errors.tsx';
import { FormToken } from './desk-layout.tsx';

const KINDS = [
  {
    kind: 'logo',
    title: 'Logo',
    hint: 'A JPEG, PNG, WebP or AVIF image of at least 112 × 112 pixels. Search engines show it as the publisher of every article; feeds show it too.',
  },
  {
    kind: 'cardImage',
    title: 'Default card image',
    hint: 'At least 600 × 315 pixels (1200 × 630 is best). Shown when a page without a photo of its own is shared on social media; the logo stands in when there is none.',
  },
] as const;

interface SiteImagesFormProps {
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

function Current({ image }: { image: SiteImage | null }) {
  if (!image) return <p>None set.</p>;
  return (
    <p>
      <img class="site-image-preview" src={image.url} alt={image.alt} width={image.width} height={image.height} />{' '}
      <small>
        {image.width} × {image.height}
      </small>
    </p>
  );
}

export function SiteImagesForm({ settings, token, error }: SiteImagesFormProps) {
  const errors = fieldErrors(error);
  return (
    <section aria-labelledby="site-images-title">
      <h2 id="site-images-title">Logo and card image</h2>
      {KINDS.map(({ kind, title, hint }) => (
        <div class="desk-form narrow">
          <h3>{title}</h3>
          <Current image={settings[kind]} />
          <form method="post" action="/admin/settings/images" enctype="multipart/form-data">
            <FormToken token={token} />
            <input type="hidden" name="kind" value={kind} />
            <p class="field">
              <label for={`${kind}-file`}>Upload a new {title.toLowerCase()}</label>
              <input
                id={`${kind}-file`}
                name="file"
                type="file"
                accept="image/jpeg,image/png,image/webp,image/avif"
                required
                {...errors.control(`${kind}.file`, `${kind}-hint`)}
              />
              <small id={`${kind}-hint`}>{hint}</small>
              {errors.message(`${kind}.file`, { inline: true })}
            </p>
            <p class="field">
              <label for={`${kind}-alt`}>Alt text{kind === 'logo' ? ' (the site name when empty)' : ''}</label>
              <input id={`${kind}-alt`} name="alt" maxLength={1000} {...errors.control(`${kind}.alt`)} />
              {errors.message(`${kind}.alt`, { inline: true })}
            </p>
            <p>
              <button type="submit">Upload</button>
            </p>
          </form>
          {settings[kind] && (
            <form method="post" action="/admin/settings/images/remove" class="inline-form">
              <FormToken token={token} />
              <input type="hidden" name="kind" value={kind} />
              <button type="submit" class="secondary">
                Remove the {title.toLowerCase()}
              </button>
            </form>
          )}
        </div>
      ))}
    </section>
  );
}
