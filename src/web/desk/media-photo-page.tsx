// One photo of the media library: how it looks, its words (caption, credit, alt) to change, where it is used, and
// deleting it when nothing uses it.
import type { MediaItem, PhotoUse } from '../../modules/media/index.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

interface Props {
  chrome: DeskChrome;
  item: MediaItem;
  uses: PhotoUse[];
  mayChange: boolean;
  notice?: string;
  error?: { message: string; field?: string };
  typed?: { caption: string; credit: string; alt: string };
}

export function MediaPhotoPage({ chrome, item, uses, mayChange, notice, error, typed }: Props) {
  const { i18n } = chrome;
  const values = typed ?? { caption: item.caption, credit: item.credit, alt: item.alt };
  const at = error?.field && ['caption', 'credit', 'alt'].includes(error.field) ? error.field : undefined;
  const problem = (name: string) =>
    at === name ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${name}-error` } : {};
  const message = (name: string) =>
    at === name && (
      <strong id={`${name}-error`} class="field-error">
        {error!.message}
      </strong>
    );
  return (
    <DeskLayout
      chrome={chrome}
      title={item.caption || item.originalName || i18n.t('desk.photo.untitled')}
      notice={notice}
      error={error?.message}
    >
      <p>
        <a href="/admin/media">{i18n.t('desk.photo.back')}</a>
      </p>
      <figure class="media-detail">
        <img
          src={item.url}
          srcset={item.srcset}
          sizes="(min-width: 44rem) 42rem, 100vw"
          alt={item.alt}
          width={item.width}
          height={item.height}
        />
        <figcaption>
          {i18n.t('desk.photo.facts', {
            width: item.width,
            height: item.height,
            format: item.format.toUpperCase(),
            kb: Math.max(1, Math.round(item.bytes / 1024)),
          })}{' '}
          · {item.originalName}
        </figcaption>
      </figure>
      <p>{i18n.rich('desk.photo.bodyLine', { line: <code>[photo {item.id}]</code> })}</p>
      {mayChange ? (
        <form method="post" action={`/admin/media/${item.id}`} class="desk-form narrow">
          <FormToken token={chrome.token} />
          <p class={`field${at === 'alt' ? ' has-error' : ''}`}>
            <label for="alt">{i18n.t('desk.media.alt')}</label>
            <input id="alt" name="alt" maxLength={1000} value={values.alt} {...problem('alt')} />
            {message('alt')}
          </p>
          <p class={`field${at === 'caption' ? ' has-error' : ''}`}>
            <label for="caption">{i18n.t('desk.media.caption')}</label>
            <input id="caption" name="caption" maxLength={1000} value={values.caption} {...problem('caption')} />
            {message('caption')}
          </p>
          <p class={`field${at === 'credit' ? ' has-error' : ''}`}>
            <label for="credit">{i18n.t('desk.media.credit')}</label>
            <input id="credit" name="credit" maxLength={200} value={values.credit} {...problem('credit')} />
            {message('credit')}
          </p>
          <p>
            <button type="submit">{i18n.t('desk.photo.save')}</button>
          </p>
          <p>
            <small>{i18n.t('desk.photo.saveHint')}</small>
          </p>
        </form>
      ) : (
        <dl class="media-words">
          <dt>{i18n.t('desk.photo.alt')}</dt>
          <dd>{item.alt || i18n.t('desk.photo.none')}</dd>
          <dt>{i18n.t('desk.media.caption')}</dt>
          <dd>{item.caption || i18n.t('desk.photo.none')}</dd>
          <dt>{i18n.t('desk.media.credit')}</dt>
          <dd>{item.credit || i18n.t('desk.photo.none')}</dd>
        </dl>
      )}
      <h2>{i18n.t('desk.photo.usedIn')}</h2>
      {uses.length === 0 ? (
        <p>{i18n.t('desk.photo.unused')}</p>
      ) : (
        <ul class="media-uses">
          {uses.map((u) => (
            <li>
              <a href={`/admin/articles/${u.id}/edit`}>{u.headline}</a>{' '}
              <small>
                {i18n.t('desk.photo.use', {
                  where: u.featured && u.inBody ? 'both' : u.featured ? 'featured' : 'body',
                  status: u.status,
                })}
              </small>
            </li>
          ))}
        </ul>
      )}
      {mayChange && (
        <div class="danger-zone">
          {uses.length === 0 ? (
            <form method="post" action={`/admin/media/${item.id}/delete`} class="inline-form">
              <FormToken token={chrome.token} />
              <button type="submit" class="secondary">
                {i18n.t('desk.photo.delete')}
              </button>
            </form>
          ) : (
            <p>{i18n.t('desk.photo.inUse')}</p>
          )}
        </div>
      )}
    </DeskLayout>
  );
}
