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

const STATUS: Record<string, string> = {
  draft: 'draft',
  pending: 'in review',
  published: 'published',
  trash: 'in the trash',
};

export function MediaPhotoPage({ chrome, item, uses, mayChange, notice, error, typed }: Props) {
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
      title={item.caption || item.originalName || 'Photo'}
      notice={notice}
      error={error?.message}
    >
      <p>
        <a href="/admin/media">← The media library</a>
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
          {item.width} × {item.height} pixels · {item.format.toUpperCase()} ·{' '}
          {Math.max(1, Math.round(item.bytes / 1024))} KB · {item.originalName}
        </figcaption>
      </figure>
      <p>
        To show it inside an article's body, put this line in the body on its own: <code>[photo {item.id}]</code>
      </p>
      {mayChange ? (
        <form method="post" action={`/admin/media/${item.id}`} class="desk-form narrow">
          <FormToken token={chrome.token} />
          <p class={`field${at === 'alt' ? ' has-error' : ''}`}>
            <label for="alt">Alt text (what the photo shows)</label>
            <input id="alt" name="alt" maxLength={1000} value={values.alt} {...problem('alt')} />
            {message('alt')}
          </p>
          <p class={`field${at === 'caption' ? ' has-error' : ''}`}>
            <label for="caption">Caption</label>
            <input id="caption" name="caption" maxLength={1000} value={values.caption} {...problem('caption')} />
            {message('caption')}
          </p>
          <p class={`field${at === 'credit' ? ' has-error' : ''}`}>
            <label for="credit">Credit</label>
            <input id="credit" name="credit" maxLength={200} value={values.credit} {...problem('credit')} />
            {message('credit')}
          </p>
          <p>
            <button type="submit">Save caption, credit and alt text</button>
          </p>
          <p>
            <small>
              Articles that already show the photo keep the words they were saved with; save an article again to take
              these.
            </small>
          </p>
        </form>
      ) : (
        <dl class="media-words">
          <dt>Alt text</dt>
          <dd>{item.alt || '(none)'}</dd>
          <dt>Caption</dt>
          <dd>{item.caption || '(none)'}</dd>
          <dt>Credit</dt>
          <dd>{item.credit || '(none)'}</dd>
        </dl>
      )}
      <h2>Used in</h2>
      {uses.length === 0 ? (
        <p>No article shows this photo.</p>
      ) : (
        <ul class="media-uses">
          {uses.map((u) => (
            <li>
              <a href={`/admin/articles/${u.id}/edit`}>{u.headline}</a>{' '}
              <small>
                ({[u.featured && 'featured photo', u.inBody && 'in the body'].filter(Boolean).join(' and ')};{' '}
                {STATUS[u.status] ?? u.status})
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
                Delete this photo and its sizes
              </button>
            </form>
          ) : (
            <p>This photo cannot be deleted while an article uses it.</p>
          )}
        </div>
      )}
    </DeskLayout>
  );
}
