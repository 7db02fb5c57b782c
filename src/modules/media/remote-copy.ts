// An image an article names by its address on another site is copied into the media library, so the page can
// show it under the site's own Content-Security-Policy (images from 'self' only) and readers' browsers never
// call the other site. The fetch is bounded and refuses non-public addresses; the bytes go through the same
// header check, pixel limit and image gate as an upload.
import type { Deps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { fetchPublic, RemoteFetchError } from '../../platform/net/remote-fetch.ts';
import type { Staff } from '../permissions/index.ts';
import type { MediaItem } from './media.ts';
import { uploadMedia } from './media.service.ts';

export interface CopyFailure {
  /** Stable snake_case: not_https, private_address, timeout, too_large, not_an_image, ... */
  code: string;
  /** Why, in a few words, e.g. "it did not answer within 10 seconds". */
  reason: string;
}

/** Copies one remote image into the library; answers the item, or why it could not be copied. Never throws for the image's fault. */
export async function copyRemoteImage(
  deps: Deps,
  input: { staff: Staff; url: string; alt: string; caption?: string; credit?: string },
): Promise<MediaItem | CopyFailure> {
  let fetched: Awaited<ReturnType<typeof fetchPublic>>;
  try {
    fetched = await fetchPublic(input.url, deps.remoteImages);
  } catch (error) {
    if (error instanceof RemoteFetchError) return { code: error.code, reason: error.message };
    throw error;
  }
  const name = decodeURIComponent(new URL(fetched.url).pathname.split('/').pop() || 'image').slice(0, 200);
  try {
    return await uploadMedia(deps, {
      staff: input.staff,
      bytes: fetched.bytes,
      originalName: name,
      sourceUrl: input.url,
      alt: input.alt.slice(0, 1000),
      caption: (input.caption ?? '').slice(0, 1000),
      credit: (input.credit ?? '').slice(0, 200),
    });
  } catch (error) {
    // The same refusals as an upload (not an image, damaged, too many pixels, too large, busy), as a reason.
    if ((error instanceof AppError && error.status < 500) || (error instanceof AppError && error.status === 503)) {
      return { code: error.code, reason: error.message.replace(/\.$/, '') };
    }
    throw error;
  }
}

export const isCopyFailure = (result: MediaItem | CopyFailure): result is CopyFailure => 'reason' in result;
