// The editor's photos: upload one (a file field that works without scripts; drop or paste with them), choose the
// featured photo from the library's thumbnails (searched by caption or credit, a page at a time), and put a photo
// in the body. Every button here changes the form only; nothing is saved until the article is.
import type { ArticleFormValues, EditorChoices } from '../../modules/articles/index.ts';
import type { MediaItem } from '../../modules/media/index.ts';

interface Props {
  values: ArticleFormValues;
  choices: Pick<EditorChoices, 'library' | 'currentPhoto' | 'chosenPhoto'>;
  /** The article's own featured image, when it has one (from the library or elsewhere). */
  current?: { url: string; alt: string };
  field?: string;
}

function Thumb({ m, checked }: { m: MediaItem; checked: boolean }) {
  return (
    <li>
      <label>
        <input type="radio" name="mediaId" value={m.id} checked={checked} />
        <img src={m.url} srcset={m.srcset} sizes="10rem" alt={m.alt} width={m.width} height={m.height} loading="lazy" />
        <span class="media-caption">{m.caption || m.originalName}</span>
      </label>
      <small>
        {m.credit && <>{m.credit} · </>}
        {m.width}×{m.height}
      </small>
      <button
        type="submit"
        name="action"
        value={`insert-${m.id}`}
        class="secondary insert-photo"
        data-photo-line={`[photo ${m.id}]`}
      >
        Put in the body
      </button>
    </li>
  );
}

export function ArticlePhotos({ values, choices, current, field }: Props) {
  const { library, currentPhoto, chosenPhoto } = choices;
  const problem = (name: string) => (field === name ? { 'aria-invalid': 'true' as const } : {});
  return (
    <fieldset class="photo-picker" id="photos">
      <legend>Photos</legend>
      <div class="photo-drop">
        <p class={`field${field === 'photoFile' || field === 'file' ? ' has-error' : ''}`}>
          <label for="photoFile">Upload a photo (JPEG, PNG, WebP or AVIF)</label>
          <input
            id="photoFile"
            name="photoFile"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif"
            aria-describedby="photoFile-hint"
            {...problem('file')}
          />
          <small id="photoFile-hint">
            Or drop a photo here, or paste one into the body. Its width and height are read from the photo.
          </small>
        </p>
        <div class="field-row">
          <p class="field">
            <label for="photoAlt">Its alt text (what it shows)</label>
            <input id="photoAlt" name="photoAlt" maxLength={1000} value={values.photoAlt} {...problem('alt')} />
          </p>
          <p class="field">
            <label for="photoCaption">Its caption</label>
            <input id="photoCaption" name="photoCaption" maxLength={1000} value={values.photoCaption} />
          </p>
          <p class="field">
            <label for="photoCredit">Its credit</label>
            <input id="photoCredit" name="photoCredit" maxLength={200} value={values.photoCredit} />
          </p>
        </div>
        <p class="field">
          <label class="check">
            <input type="radio" name="photoUse" value="featured" checked={values.photoUse !== 'body'} /> Make it the
            featured photo
          </label>
          <label class="check">
            <input type="radio" name="photoUse" value="body" checked={values.photoUse === 'body'} /> Put it in the body
          </label>
        </p>
        <p>
          <button type="submit" name="action" value="upload" class="secondary">
            Upload photo
          </button>{' '}
          <small>(or it is uploaded when you save)</small>
        </p>
      </div>
      <h3 id="featured-photo">Featured photo</h3>
      <div class="field-row photo-search">
        <p class="field">
          <label for="photoQuery">Find photos by caption or credit</label>
          <input id="photoQuery" name="photoQuery" type="search" maxLength={200} value={values.photoQuery} />
        </p>
        <p>
          <button type="submit" name="action" value="photos" class="secondary">
            Find photos
          </button>
        </p>
      </div>
      <input type="hidden" name="photoPage" value={String(library.page)} />
      <ul class="media-grid photo-choices" aria-labelledby="featured-photo">
        <li>
          <label>
            <input type="radio" name="mediaId" value="" checked={values.mediaId === ''} /> No featured photo
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
              <span class="media-caption">Keep the current photo</span>
            </label>
          </li>
        )}
        {chosenPhoto && <Thumb m={chosenPhoto} checked />}
        {library.items.map((m) => (
          <Thumb m={m} checked={values.mediaId === m.id} />
        ))}
      </ul>
      {library.total === 0 && (
        <p>
          {library.text
            ? 'No photo has those words in its caption or credit.'
            : 'The media library has no photos yet: upload one above.'}
        </p>
      )}
      {library.pages > 1 && (
        <p class="pagination">
          {library.page > 1 && (
            <button type="submit" name="action" value={`photos-${library.page - 1}`} class="secondary">
              ← Newer photos
            </button>
          )}
          <span>
            Photos page {library.page} of {library.pages}
          </span>
          {library.page < library.pages && (
            <button type="submit" name="action" value={`photos-${library.page + 1}`} class="secondary">
              Older photos →
            </button>
          )}
        </p>
      )}
      <p class="field-hint">
        <small>
          A photo in the body is a line of its own, <code>[photo …]</code>: it shows as a figure with its caption and
          credit.
        </small>
      </p>
      <p class={`field${field === 'featuredImage.alt' ? ' has-error' : ''}`}>
        <label for="imageAlt">Featured photo's alt text (what it shows, for readers who cannot see it)</label>
        <input
          id="imageAlt"
          name="imageAlt"
          maxLength={1000}
          value={values.imageAlt}
          aria-describedby="imageAlt-hint"
          {...problem('featuredImage.alt')}
        />
        <small id="imageAlt-hint">
          Left empty, or as it was when you choose another photo, the library's words are used.
        </small>
      </p>
      <div class="field-row">
        <p class="field">
          <label for="imageCaption">Featured photo's caption</label>
          <input id="imageCaption" name="imageCaption" maxLength={1000} value={values.imageCaption} />
        </p>
        <p class="field">
          <label for="imageCredit">Featured photo's credit</label>
          <input id="imageCredit" name="imageCredit" maxLength={200} value={values.imageCredit} />
        </p>
      </div>
    </fieldset>
  );
}
