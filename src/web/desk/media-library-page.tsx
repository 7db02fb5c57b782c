// The media library: the upload form, and the photos already there.
import type { MediaItem } from '../../modules/media/index.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

interface Props {
  chrome: DeskChrome;
  items: MediaItem[];
  /** The largest upload accepted, in megabytes. */
  maxMb: number;
  notice?: string;
  error?: string;
}

export function MediaLibraryPage({ chrome, items, maxMb, notice, error }: Props) {
  return (
    <DeskLayout chrome={chrome} title="Media library" notice={notice} error={error}>
      <form method="post" action="/admin/media" enctype="multipart/form-data" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class="field"><label for="file">Photo (JPEG, PNG, WebP or AVIF, up to {maxMb} MB)</label>
          <input id="file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif" required /></p>
        <p class="field"><label for="alt">Alt text (what the photo shows)</label><input id="alt" name="alt" maxLength={1000} /></p>
        <p class="field"><label for="caption">Caption</label><input id="caption" name="caption" maxLength={1000} /></p>
        <p class="field"><label for="credit">Credit</label><input id="credit" name="credit" maxLength={200} /></p>
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
