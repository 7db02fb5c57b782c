// The editor's photos: upload one (a file field that works without scripts; drop or paste with them), choose the
// featured photo from the library's thumbnails (searched by caption or credit, a page at a time), and put a photo
// in the body. Every button here changes the form only; nothing is saved until the article is.
import type { ArticleFormValues, EditorChoices } from '../../modules/articles/index.ts';
import type { MediaItem } from '../../modules/media/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';

interface Props {
  i18n: Translator;
  values: ArticleFormValues;
  choices: Pick<EditorChoices, 'library' | 'currentPhoto' | 'chosenPhoto'>;
  /** The article's own featured image, when it has one (from the library or elsewhere). */
  current?: { url: string; alt: string };
  field?: string;
}

function Thumb({ i18n, m, checked }: { i18n: Translator; m: MediaItem; checked: boolean }) {
  return (
    <li>
      <label>
        <input type="radio" name="mediaId" value={m.id} checked={checked} />
        <img src={m.url} srcset={m.srcset} sizes="10rem" alt={m.alt} width={m.width} height={m.height} loading="lazy" />
        <span class="media-caption">{m.caption || m.originalName}</span>
      </label>
      <small>
        {m.credit && <>{m.credit} · </>}
        {i18n.t('desk.photos.size', { width: m.width, height: m.height })}
      </small>
      <button
        type="submit"
        name="action"
        value={`insert-${m.id}`}
        class="secondary insert-photo"
        data-photo-line={`[photo ${m.id}]`}
      >
        {i18n.t('desk.photos.putInBody')}
      </button>
    </li>
  );
}

export function ArticlePhotos({ i18n, values, choices, current, field }: Props) {
  const { library, currentPhoto, chosenPhoto } = choices;
  const problem = (name: string) => (field === name ? { 'aria-invalid': 'true' as const } : {});
  return (
    <fieldset class="photo-picker" id="photos">
      <legend>{i18n.t('desk.photos.legend')}</legend>
      <div
        class="photo-drop"
        data-ready={i18n.t('desk.photos.ready', { name: '{name}' })}
        data-pasted={i18n.t('desk.photos.pasted')}
      >
        <p class={`field${field === 'photoFile' || field === 'file' ? ' has-error' : ''}`}>
          <label for="photoFile">{i18n.t('desk.photos.upload')}</label>
          <input
            id="photoFile"
            name="photoFile"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif"
            aria-describedby="photoFile-hint"
            {...problem('file')}
          />
          <small id="photoFile-hint">{i18n.t('desk.photos.uploadHint')}</small>
        </p>
        <div class="field-row">
          <p class="field">
            <label for="photoAlt">{i18n.t('desk.photos.alt')}</label>
            <input id="photoAlt" name="photoAlt" maxLength={1000} value={values.photoAlt} {...problem('alt')} />
          </p>
          <p class="field">
            <label for="photoCaption">{i18n.t('desk.photos.caption')}</label>
            <input id="photoCaption" name="photoCaption" maxLength={1000} value={values.photoCaption} />
          </p>
          <p class="field">
            <label for="photoCredit">{i18n.t('desk.photos.credit')}</label>
            <input id="photoCredit" name="photoCredit" maxLength={200} value={values.photoCredit} />
          </p>
        </div>
        <p class="field">
          <label class="check">
            <input type="radio" name="photoUse" value="featured" checked={values.photoUse !== 'body'} />{' '}
            {i18n.t('desk.photos.useFeatured')}
          </label>
          <label class="check">
            <input type="radio" name="photoUse" value="body" checked={values.photoUse === 'body'} />{' '}
            {i18n.t('desk.photos.useBody')}
          </label>
        </p>
        <p>
          <button type="submit" name="action" value="upload" class="secondary">
            {i18n.t('desk.photos.uploadButton')}
          </button>{' '}
          <small>{i18n.t('desk.photos.uploadOnSave')}</small>
        </p>
      </div>
      <h3 id="featured-photo">{i18n.t('desk.photos.featured')}</h3>
      <div class="field-row photo-search">
        <p class="field">
          <label for="photoQuery">{i18n.t('desk.photos.query')}</label>
          <input id="photoQuery" name="photoQuery" type="search" maxLength={200} value={values.photoQuery} />
        </p>
        <p>
          <button type="submit" name="action" value="photos" class="secondary">
            {i18n.t('desk.photos.find')}
          </button>
        </p>
      </div>
      <input type="hidden" name="photoPage" value={String(library.page)} />
      <ul class="media-grid photo-choices" aria-labelledby="featured-photo">
        <li>
          <label>
            <input type="radio" name="mediaId" value="" checked={values.mediaId === ''} /> {i18n.t('desk.photos.none')}
          </label>
        </li>
        {current && (
          <li>
            <label>
              <input type="radio" name="mediaId" value="current" checked={values.mediaId === 'current'} />
              {currentPhoto ? (
                <img
                  src={currentPhoto.url}
                  srcset={currentPhoto.srcset}
                  sizes="10rem"
                  alt={currentPhoto.alt}
                  width={currentPhoto.width}
                  height={currentPhoto.height}
                  loading="lazy"
                />
              ) : (
                <img src={current.url} alt={current.alt} loading="lazy" />
              )}
              <span class="media-caption">{i18n.t('desk.photos.keepCurrent')}</span>
            </label>
          </li>
        )}
        {chosenPhoto && <Thumb i18n={i18n} m={chosenPhoto} checked />}
        {library.items.map((m) => (
          <Thumb i18n={i18n} m={m} checked={values.mediaId === m.id} />
        ))}
      </ul>
      {library.total === 0 && <p>{i18n.t(library.text ? 'desk.photos.noneFound' : 'desk.photos.libraryEmpty')}</p>}
      {library.pages > 1 && (
        <p class="pagination">
          {library.page > 1 && (
            <button type="submit" name="action" value={`photos-${library.page - 1}`} class="secondary">
              {i18n.t('desk.photos.newer')}
            </button>
          )}
          <span>{i18n.t('desk.photos.pageOf', { page: library.page, pages: library.pages })}</span>
          {library.page < library.pages && (
            <button type="submit" name="action" value={`photos-${library.page + 1}`} class="secondary">
              {i18n.t('desk.photos.older')}
            </button>
          )}
        </p>
      )}
      <p class="field-hint">
        <small>{i18n.rich('desk.photos.bodyLine', { line: <code>[photo …]</code> })}</small>
      </p>
      <p class={`field${field === 'featuredImage.alt' ? ' has-error' : ''}`}>
        <label for="imageAlt">{i18n.t('desk.photos.featuredAlt')}</label>
        <input
          id="imageAlt"
          name="imageAlt"
          maxLength={1000}
          value={values.imageAlt}
          aria-describedby="imageAlt-hint"
          {...problem('featuredImage.alt')}
        />
        <small id="imageAlt-hint">{i18n.t('desk.photos.featuredAltHint')}</small>
      </p>
      <div class="field-row">
        <p class="field">
          <label for="imageCaption">{i18n.t('desk.photos.featuredCaption')}</label>
          <input id="imageCaption" name="imageCaption" maxLength={1000} value={values.imageCaption} />
        </p>
        <p class="field">
          <label for="imageCredit">{i18n.t('desk.photos.featuredCredit')}</label>
          <input id="imageCredit" name="imageCredit" maxLength={200} value={values.imageCredit} />
        </p>
      </div>
    </fieldset>
  );
}
