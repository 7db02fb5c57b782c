// Images in an article that live on other sites: the page's Content-Security-Policy only lets browsers load
// images the site serves itself, so on save each https:// image is copied into the media library and the
// article is rewritten to point at the copy (with its srcset, like an uploaded photo). What cannot be copied is
// kept as written, and the save answers with a warning that names it: the page will not show it.
import type { Deps } from '../../deps.ts';
import { invalid } from '../../platform/errors.ts';
import { copyRemoteImage, findMediaByIds, findMediaByUrls, isCopyFailure, type MediaItem } from '../media/index.ts';
import type { Staff } from '../permissions/index.ts';
import type { StoredFeaturedImage } from './article.ts';
import type { ArticleInput } from './article.service.ts';
import { bodyImages, bodyPhotoIds, photoLine, renderArticleBody } from './body-format.ts';

export interface ArticleWarning {
  /** Stable snake_case: why the image was not copied (not_https, private_address, timeout, too_large, not_an_image, ...). */
  code: string;
  /** The image's address as written. */
  url: string;
  message: string;
}

/** At most this many images are copied in one save, within this time; the rest are warned about (save again). */
const MAX_COPIES = 20;
const COPY_BUDGET_MS = 30_000;

const isRemote = (src: string, publicOrigin: string) =>
  /^https?:\/\//i.test(src) && !src.startsWith(`${publicOrigin}/`);

/**
 * A stored featured image as the input that keeps it through a save (a translation's first draft, a restored
 * revision, the editor keeping the current photo): sizes the store does not know stay unset.
 */
export function featuredImageInput(image: StoredFeaturedImage): NonNullable<ArticleInput['featuredImage']> {
  return {
    url: image.url,
    caption: image.caption,
    credit: image.credit,
    alt: image.alt,
    width: image.width ?? undefined,
    height: image.height ?? undefined,
    srcset: image.srcset,
  };
}

/** Addresses of images on other sites, featured image first, then the body's in order; each once. */
export function remoteImageUrls(article: { featuredImageUrl?: string; body?: string }, publicUrl: string): string[] {
  const origin = new URL(publicUrl).origin;
  const all = [article.featuredImageUrl ?? '', ...(article.body ? bodyImages(article.body).map((i) => i.src) : [])];
  return [...new Set(all.filter((src) => isRemote(src, origin)))];
}

export const imageWarningMessage = (url: string, reason: string) =>
  `The image ${url} could not be copied into the media library: ${reason}. The article page will not show it, since the site ` +
  'only shows images it serves itself. Upload the photo to the media library and use its address, or remove the image.';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces an image address in Markdown or pasted HTML, as written there (raw, or with &amp;), and only whole. */
function rewriteAddress(source: string, from: string, to: string): { source: string; found: boolean } {
  let found = false;
  let out = source;
  for (const form of new Set([from, from.replace(/&/g, '&amp;'), safeDecode(from)])) {
    const pattern = new RegExp(`(?<=^|[\\s("'<=])${escapeRegExp(form)}(?=$|[\\s)"'>])`, 'g');
    out = out.replace(pattern, () => {
      found = true;
      return to;
    });
  }
  return { source: out, found };
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/**
 * Copies the article's remote images into the media library: outside any transaction (network I/O), before the
 * save. Answers the body and featured image rewritten to the copies, and a warning for each image left remote.
 */
export async function copyArticleImages(
  deps: Deps,
  input: { staff: Staff; body?: string; featuredImage?: ArticleInput['featuredImage'] },
): Promise<{
  body?: string;
  featuredImage?: ArticleInput['featuredImage'];
  warnings: ArticleWarning[];
}> {
  let { body, featuredImage } = input;
  const warnings: ArticleWarning[] = [];
  const urls = remoteImageUrls({ featuredImageUrl: featuredImage?.url, body }, deps.config.publicUrl);
  const alts = new Map((body ? bodyImages(body) : []).map((i) => [i.src, i.alt]));
  const started = Date.now();
  let copied = 0;
  for (const url of urls) {
    const warn = (code: string, reason: string) =>
      warnings.push({ code, url, message: imageWarningMessage(url, reason) });
    if (!/^https:\/\//i.test(url)) {
      warn('not_https', 'only https:// addresses are copied');
      continue;
    }
    if (copied >= MAX_COPIES || Date.now() - started > COPY_BUDGET_MS) {
      warn(
        'copy_budget',
        `no more than ${MAX_COPIES} images are copied in one save, within ${COPY_BUDGET_MS / 1000} seconds; save again to copy the rest`,
      );
      continue;
    }
    copied++;
    const featured = featuredImage?.url === url ? featuredImage : undefined;
    const result = await copyRemoteImage(deps, {
      staff: input.staff,
      url,
      alt: featured?.alt ?? alts.get(url) ?? '',
      caption: featured?.caption,
      credit: featured?.credit,
    });
    if (isCopyFailure(result)) {
      warn(result.code, result.reason);
      continue;
    }
    if (featured)
      featuredImage = {
        ...featured,
        url: result.url,
        width: result.width,
        height: result.height,
        srcset: result.srcset,
      };
    if (body !== undefined && alts.has(url)) {
      const rewritten = rewriteAddress(body, url, result.url);
      if (rewritten.found) body = rewritten.source;
      else
        warn(
          'not_rewritten',
          `it was copied to ${result.url}, but its address could not be found in the text to replace; use that address instead`,
        );
    }
  }
  return { body, featuredImage: await withLibrarySizes(deps, featuredImage), warnings };
}

/** A library photo given by its address (the API) gets its stored size and srcset, whatever size was sent. */
async function withLibrarySizes(
  deps: Pick<Deps, 'db'>,
  image: ArticleInput['featuredImage'],
): Promise<ArticleInput['featuredImage']> {
  if (!image?.url.startsWith('/media/')) return image;
  const [item] = await findMediaByUrls(deps, [image.url]);
  return item ? { ...image, width: item.width, height: item.height, srcset: item.srcset } : image;
}

/**
 * The body's HTML, with every library photo in it given its srcset, width and height, and each `[photo id]` line
 * made a figure. A line naming a photo the library does not have is refused (`strict`, on save) or left as text (a preview).
 */
export async function renderBodyWithSizes(
  deps: Pick<Deps, 'db'>,
  source: string,
  options: { strict: boolean } = { strict: true },
): Promise<string> {
  const local = bodyImages(source)
    .map((i) => i.src)
    .filter((src) => src.startsWith('/media/'));
  const ids = bodyPhotoIds(source);
  const [byUrl, byId] = await Promise.all([findMediaByUrls(deps, local), findMediaByIds(deps, ids)]);
  const photos = new Map<string, MediaItem>(byId.map((m) => [m.id, m]));
  const missing = ids.filter((id) => !photos.has(id));
  if (options.strict && missing.length > 0) {
    const photoLines = missing.map(photoLine).join(', ');
    throw invalid({
      field: 'body',
      code: 'unknown_photo',
      message: `The body names ${missing.length === 1 ? 'a photo' : 'photos'} the media library does not have: ${photoLines}. Choose the photo again from the library, or remove the line.`,
      values: { count: missing.length, photos: photoLines },
    });
  }
  const items = new Map<string, MediaItem>([...byUrl, ...byId].map((m) => [m.url, m]));
  return renderArticleBody(
    source,
    (src) => items.get(src),
    (id) => photos.get(id),
  );
}

/** Why an image was not copied, in words, by its warning code (the desk carries codes from the save to the page). */
const REASONS: Record<string, string> = {
  not_https: 'only https:// addresses are copied',
  invalid_url: 'its address is not a valid URL',
  private_address: 'its address is not on the public internet',
  unknown_host: 'its site name does not resolve to an address',
  timeout: 'its site did not answer in time',
  unreachable: 'its site could not be reached',
  http_status: 'its site did not answer with the image',
  too_many_redirects: 'its site redirected too many times',
  too_large: 'it is larger than the upload limit',
  file_too_large: 'it is larger than the upload limit',
  not_an_image: 'it is not a JPEG, PNG, WebP or AVIF image',
  image_damaged: 'its data is damaged',
  image_truncated: 'its data is cut short',
  image_too_many_pixels: 'it has more pixels than the limit for photos',
  images_busy: 'the server was busy with other photos; save again in a moment',
  copy_budget: 'too many images to copy in one save; save again to copy the rest',
  not_rewritten: 'it was copied, but its address could not be replaced in the text',
};

/**
 * The warnings an article's editor sees: every image still on another site, named, with the reason its copy
 * failed when the save just said so (`codes`, in the same order), else a general one.
 */
export function imageWarningsFor(
  article: { featuredImageUrl?: string; body: string },
  publicUrl: string,
  codes: string[] = [],
): { url: string; reason: string; message: string }[] {
  const urls = remoteImageUrls(article, publicUrl);
  const aligned = codes.length === urls.length;
  return urls.map((url, i) => {
    // The reason's code lets the desk say it in the editor's language; `not_copied` is the general one.
    // Own keys only: the codes come from an address, and ?images=constructor must not find Object's.
    const reason = aligned && Object.hasOwn(REASONS, codes[i]) ? codes[i] : 'not_copied';
    return {
      url,
      reason,
      message: imageWarningMessage(
        url,
        Object.hasOwn(REASONS, reason)
          ? REASONS[reason]
          : 'it is on another site and has not been copied (save again to try)',
      ),
    };
  });
}
