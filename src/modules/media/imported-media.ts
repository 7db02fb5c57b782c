// Pictures brought over from another site (a WordPress import) go through the same pipeline as an uploaded
// photo: checked by their content, re-encoded upright without their hidden metadata, cut into the same
// responsive sizes, and listed in the media library. They keep the address the import gives them, so that
// links into the old uploads folder still find them; sizes sit beside them as name-640w.webp.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import type { ImageAttributes } from '../../platform/html/sanitizer.ts';
import { newId } from '../../platform/ids.ts';
import { RESPONSIVE_WIDTHS } from './media.service.ts';
import * as repo from './media.repository.ts';

/** How wide a body picture shows: the article column on wide screens, the screen's width below it. */
export const ARTICLE_IMAGE_SIZES = '(min-width: 44rem) 42rem, 100vw';

const FORMATS = { jpeg: 'jpeg', png: 'png', webp: 'webp', avif: 'avif' } as const;
type Format = keyof typeof FORMATS;
const MAX_PIXELS = 50_000_000;

export interface ImportedImage extends ImageAttributes {
  /** Its place under the media folder, '/'-separated and decoded ("wordpress/2024/05/harbour.jpg"). */
  place: string;
  url: string;
  format: Format;
}

/** The address of a place under the media folder. */
export const mediaUrlOf = (place: string): string => `/media/${place.split('/').map(encodeURIComponent).join('/')}`;

const sizePlace = (place: string, width: number) => {
  const ext = path.posix.extname(place);
  return `${place.slice(0, place.length - ext.length)}-${width}w.webp`;
};

/**
 * What a picture in another site's files would be once imported at `place`: its upright size and the
 * sizes it will be cut into. Undefined for anything that is not a JPEG, PNG, WebP or AVIF photo (those
 * are copied as they are).
 */
export async function describeImportedImage(file: string, place: string): Promise<ImportedImage | undefined> {
  let meta: Metadata;
  try {
    meta = await sharp(file, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    return undefined;
  }
  const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format;
  if (!format || !(format in FORMATS) || !meta.width || !meta.height) return undefined;
  const upright = (meta.orientation ?? 1) >= 5;
  const width = upright ? meta.height : meta.width;
  const height = upright ? meta.width : meta.height;
  const url = mediaUrlOf(place);
  const srcset = [
    ...RESPONSIVE_WIDTHS.filter((w) => w < width).map((w) => `${mediaUrlOf(sizePlace(place, w))} ${w}w`),
    `${url} ${width}w`,
  ].join(', ');
  return { place, url, format: format as Format, width, height, srcset, sizes: ARTICLE_IMAGE_SIZES };
}

/**
 * Writes an imported picture and its sizes under the media folder and lists it in the library. A picture
 * listed already at that address, with its file in place, is left as it is: running an import again does
 * not cut every photo again. Run after the import has committed.
 */
export async function storeImportedImage(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  input: { file: string; image: ImportedImage },
): Promise<void> {
  const { image } = input;
  const target = path.join(deps.config.mediaDir, ...image.place.split('/'));
  const listed = await repo.findMediaIdByUrl(deps.db, image.url);
  if (listed && (await fs.stat(target).catch(() => undefined))?.isFile()) return;
  await fs.mkdir(path.dirname(target), { recursive: true });
  const upright = sharp(input.file, { limitInputPixels: MAX_PIXELS }).rotate();
  await upright.clone().toFormat(image.format, { quality: 85 }).toFile(target);
  for (const w of RESPONSIVE_WIDTHS.filter((w) => w < image.width)) {
    await upright
      .clone()
      .resize({ width: w })
      .webp({ quality: 78 })
      .toFile(path.join(deps.config.mediaDir, ...sizePlace(image.place, w).split('/')));
  }
  if (listed) return;
  await repo.insertMedia(deps.db, {
    id: newId(),
    url: image.url,
    original_name: path.posix.basename(image.place).slice(0, 255),
    format: image.format,
    width: image.width,
    height: image.height,
    bytes: (await fs.stat(target)).size,
    srcset: image.srcset,
    caption: '',
    credit: '',
    alt: '',
    uploaded_by: null,
    created_at: iso(deps.clock.now()),
  });
}
