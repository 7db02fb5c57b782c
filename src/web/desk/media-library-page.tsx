// The media library: the upload form, and the photos already there.
import type { MediaItem } from '../../modules/media/index.ts';
import { fieldErrors } from '../form-errors.tsx';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

interface Props {
  chrome: DeskChrome;
  items: MediaItem[];
  /** The largest upload accepted, in megabytes and in megapixels. */
  maxMb: number;
  maxMegapixels: number;
  notice?: string;
  /** Why the last upload was refused, and the field at fault. */
  error?: { message: string; field?: string };
  /** What was typed into the text fields, kept after a refused upload. */
  typed?: { alt?: string; caption?: string; credit?: string };
}

export function MediaLibraryPage({ chrome, items, maxMb, maxMegapixels, notice, error, typed = {} }: Props) {
  // The message sits beside the field at fault (the file, unless a text field is named), tied to it for screen readers.
  const at = error ? (['caption', 'credit', 'alt'].includes(error.field ?? '') ? error.field! : 'file') : undefined;
  const shown = error && { message: error.message, field: at };
  const errors = fieldErrors(shown);
  const problem = (name: string) => errors.control(name);
  const message = (name: string) => errors.message(name, { inline: true });
  const fieldClass = (name: string) => `field${at === name ? ' has-error' : ''}`;
  return (
    <DeskLayout chrome={chrome} title="Media library" notice={notice} error={shown} fields={{ file: 'file', alt: 'alt', caption: 'caption', credit: 'credit' }}>
      <form method="post" action="/admin/media" enctype="multipart/form-data" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class={fieldClass('file')}><label for="file">Photo (JPEG, PNG, WebP or AVIF, up to {maxMb} MB and {maxMegapixels} megapixels)</label>
          <input id="file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif" required {...problem('file')} />{message('file')}</p>
        <p class={fieldClass('alt')}><label for="alt">Alt text (what the photo shows)</label><input id="alt" name="alt" maxLength={1000} value={typed.alt ?? ''} {...problem('alt')} />{message('alt')}</p>
        <p class={fieldClass('caption')}><label for="caption">Caption</label><input id="caption" name="caption" maxLength={1000} value={typed.caption ?? ''} {...problem('caption')} />{message('caption')}</p>
        <p class={fieldClass('credit')}><label for="credit">Credit</label><input id="credit" name="credit" maxLength={200} value={typed.credit ?? ''} {...problem('credit')} />{message('credit')}</p>
        <p><button type="submit">Upload</button></p>
      </form>
      <ul class="media-grid">
        {items.map((m) => (
          <li>
            <img src={m.url} srcset={m.srcset} sizes="12rem" alt={m.alt} width={m.width} height={m.height} loading="lazy" />
            <p>{m.caption || m.originalName} <small>{m.credit} · {m.width}×{m.height}</small></p>
          </li>
        ))}
      </ul>
    </DeskLayout>
  );
}
