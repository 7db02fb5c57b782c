// The editor's warning about images the page will not show: each named, with why, and what to do.

export interface ImageWarningView {
  url: string;
  message: string;
}

export function ImageWarnings({ warnings }: { warnings: ImageWarningView[] }) {
  if (warnings.length === 0) return null;
  return (
    <div class="image-warnings" role="alert" id="image-warnings">
      <p>
        <strong>
          {warnings.length === 1
            ? 'One image in this article will not show on the page.'
            : `${warnings.length} images in this article will not show on the page.`}
        </strong>
      </p>
      <ul>
        {warnings.map((w) => (
          <li>{w.message}</li>
        ))}
      </ul>
    </div>
  );
}
