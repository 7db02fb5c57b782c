// The media library: the upload form, then the photos as thumbnails, searched by caption or credit, a page at a time.
import type { MediaPage } from '../../modules/media/index.ts';
import { fieldErrors } from '../form-errors.tsx';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

interface Props {
  chrome: DeskChrome;
  library: MediaPage;
  /** The largest upload accepted, in megabytes and in megapixels. */
  maxMb: number;
  maxMegapixels: number;
  notice?: string;
  /** Why the last upload was refused, and the field at fault. */
  error?: { message: string; field?: string };
  /** What was typed into the text fields, kept after a refused upload. */
  typed?: { alt?: string; caption?: string; credit?: string };
}

/** The library's address for a search and a page; page 1 and no search stay the plain address. */
export const libraryHref = (text: string, page: number) => {
  const params = new URLSearchParams();
  if (text) params.set('q', text);
  if (page > 1) params.set('page', String(page));
  return `/admin/media${params.size ? `?${params}` : ''}`;
};

export function MediaLibraryPage({ chrome, library, maxMb, maxMegapixels, notice, error, typed = {} }: Props) {
  // The message sits beside the field at fault (the file, unless a text field is named), tied to it for screen readers.
  const at = error ? (['caption', 'credit', 'alt'].includes(error.field ?? '') ? error.field! : 'file') : undefined;
  const shown = error && { message: error.message, field: at };
  const errors = fieldErrors(shown);
  const problem = (name: string) => errors.control(name);
  const message = (name: string) => errors.message(name, { inline: true });
  const fieldClass = (name: string) => `field${at === name ? ' has-error' : ''}`;
  const { items, text, page, pages, total } = library;
  const { i18n } = chrome;
  return (
    <DeskLayout
      chrome={chrome}
      title={i18n.t('desk.media.title')}
      notice={notice}
      error={shown}
      fields={{ file: 'file', alt: 'alt', caption: 'caption', credit: 'credit' }}
    >
      <form method="post" action="/admin/media" enctype="multipart/form-data" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class={fieldClass('file')}>
          <label for="file">{i18n.t('desk.media.file', { maxMb, maxMegapixels })}</label>
          <input
            id="file"
            name="file"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif"
            required
            {...problem('file')}
          />
          {message('file')}
        </p>
        <p class={fieldClass('alt')}>
          <label for="alt">{i18n.t('desk.media.alt')}</label>
          <input id="alt" name="alt" maxLength={1000} value={typed.alt ?? ''} {...problem('alt')} />
          {message('alt')}
        </p>
        <p class={fieldClass('caption')}>
          <label for="caption">{i18n.t('desk.media.caption')}</label>
          <input id="caption" name="caption" maxLength={1000} value={typed.caption ?? ''} {...problem('caption')} />
          {message('caption')}
        </p>
        <p class={fieldClass('credit')}>
          <label for="credit">{i18n.t('desk.media.credit')}</label>
          <input id="credit" name="credit" maxLength={200} value={typed.credit ?? ''} {...problem('credit')} />
          {message('credit')}
        </p>
        <p>
          <button type="submit">{i18n.t('desk.media.upload')}</button>
        </p>
      </form>
      <h2>{i18n.t('desk.media.photos')}</h2>
      <form method="get" action="/admin/media" class="filters" role="search">
        <p class="field">
          <label for="q">{i18n.t('desk.media.query')}</label>
          <input id="q" name="q" type="search" maxLength={200} value={text} />
        </p>
        <p>
          <button type="submit">{i18n.t('desk.media.search')}</button>
          {text && (
            <>
              {' '}
              <a href="/admin/media">{i18n.t('desk.media.showAll')}</a>
            </>
          )}
        </p>
      </form>
      <p>
        {total === 0
          ? i18n.t(text ? 'desk.media.noneFound' : 'desk.media.empty')
          : i18n.t('desk.media.count', { count: total })}
      </p>
      <ul class="media-grid">
        {items.map((m) => (
          <li>
            <a href={`/admin/media/${m.id}`}>
              <img
                src={m.url}
                srcset={m.srcset}
                sizes="12rem"
                alt={m.alt}
                width={m.width}
                height={m.height}
                loading="lazy"
              />
              <span class="media-caption">{m.caption || m.originalName}</span>
            </a>
            <small>
              {m.credit && <>{m.credit} · </>}
              {i18n.t('desk.photos.size', { width: m.width, height: m.height })}
            </small>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav class="pagination" aria-label={i18n.t('desk.media.pages')}>
          {page > 1 && (
            <a href={libraryHref(text, page - 1)} rel="prev">
              {i18n.t('pagination.newer')}
            </a>
          )}
          <span>{i18n.t('pagination.pageOf', { page, pages })}</span>
          {page < pages && (
            <a href={libraryHref(text, page + 1)} rel="next">
              {i18n.t('pagination.older')}
            </a>
          )}
        </nav>
      )}
    </DeskLayout>
  );
}
