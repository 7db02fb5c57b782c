// The editor's warning about images the page will not show: each named, with why, and what to do.
import type { Translator } from '../../platform/i18n/translator.ts';

export interface ImageWarningView {
  url: string;
  /** Why the image was not copied, as a code the catalogue words (`not_copied` when the save did not say). */
  reason: string;
  message: string;
}

export function ImageWarnings({ i18n, warnings }: { i18n: Translator; warnings: ImageWarningView[] }) {
  if (warnings.length === 0) return null;
  return (
    <div class="image-warnings" role="alert" id="image-warnings">
      <p>
        <strong>{i18n.t('desk.images.heading', { count: warnings.length })}</strong>
      </p>
      <ul>
        {warnings.map((w) => (
          <li>{i18n.t('desk.images.warning', { url: w.url, reason: w.reason })}</li>
        ))}
      </ul>
    </div>
  );
}
