// The one way a photo is read: its header first (cheap: format and size, nothing decoded), then one bounded
// decode that re-encodes it without hidden metadata and cuts the responsive sizes. Uploads and images copied
// from other sites both come through here, inside the ImageGate.
import sharp, { type Metadata } from 'sharp';
import { type AppError, invalid } from '../errors.ts';

export const PHOTO_FORMATS = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' } as const;
export type PhotoFormat = keyof typeof PHOTO_FORMATS;

/**
 * libvips for a small box: one thread per photo (the gate decides how many photos run, so threads never exceed
 * the cores), and no operation cache: every upload is a different image, so cached pixels are memory held for nothing.
 */
export function configureSharp(): void {
  sharp.concurrency(1);
  sharp.cache(false);
}

export interface PhotoHeader {
  format: PhotoFormat;
  /** Upright size (after the EXIF orientation is applied). */
  width: number;
  height: number;
}

const notAnImage = () =>
  invalid('file', 'not_an_image', 'That file is not an image we accept: send a JPEG, PNG, WebP or AVIF photo.');
const megapixels = (n: number) => (n / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 });

/** What the bytes are, by their content; refuses other formats and photos over the pixel limit before any decoding. */
export async function readPhotoHeader(bytes: Buffer, maxPixels: number): Promise<PhotoHeader> {
  let meta: Metadata;
  try {
    // The header only: the limit is checked below, with a message that gives both sizes.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw notAnImage();
  }
  const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format;
  if (!format || !(format in PHOTO_FORMATS) || !meta.width || !meta.height) throw notAnImage();
  if (meta.width * meta.height > maxPixels) {
    throw invalid({
      field: 'file',
      code: 'image_too_many_pixels',
      message: `The photo is ${meta.width}×${meta.height} pixels (${megapixels(meta.width * meta.height)} megapixels); the limit is ${megapixels(maxPixels)} megapixels. Scale it down (the site shows photos at most 1920 pixels wide) and upload it again.`,
      values: {
        width: meta.width,
        height: meta.height,
        megapixels: Math.round((meta.width * meta.height) / 100_000) / 10,
        limit: Math.round(maxPixels / 100_000) / 10,
      },
    });
  }
  // EXIF orientations 5-8 swap width and height once the photo is turned upright.
  const upright = (meta.orientation ?? 1) >= 5;
  return {
    format: format as PhotoFormat,
    width: upright ? meta.height : meta.width,
    height: upright ? meta.width : meta.height,
  };
}

/** The decoder's complaint in a form an editor can act on. */
function damaged(error: unknown): AppError {
  const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0].trim().slice(0, 160);
  const cutShort =
    !/corrupt|invalid|bad /i.test(detail) &&
    /premature end|truncat|end of (file|stream|input)|read error|unexpected end|not enough data/i.test(detail);
  return invalid(
    'file',
    cutShort ? 'image_truncated' : 'image_damaged',
    cutShort
      ? `The photo's data is cut short (${detail}): the file did not finish downloading or copying. Get the photo again and upload the new file.`
      : `The photo's data is damaged and cannot be read (${detail}). Export or save it again and upload the new file.`,
  );
}

export interface RenderedPhoto {
  /** The photo upright, in its own format, without EXIF, GPS or other hidden metadata. */
  original: Buffer;
  /** WebP copies at each of `widths` narrower than the photo. */
  sizes: { width: number; data: Buffer }[];
}

/** Lossy formats keep 85% quality; PNG stays lossless (its `quality` would quantise the whole photo to a palette in memory). */
const encodeOptions = (format: PhotoFormat) => (format === 'png' ? {} : { quality: 85 });

/**
 * Decodes the photo in two streaming passes (a damaged or cut-short file is a 422 in the first: sharp's strictest
 * setting, any decoder warning): one re-encodes the original, one shrinks it to the largest size needed, from
 * which the smaller sizes are cut without touching the big photo again.
 */
export async function renderPhoto(
  bytes: Buffer,
  header: PhotoHeader,
  options: { maxPixels: number; widths: number[] },
): Promise<RenderedPhoto> {
  const upright = () => sharp(bytes, { limitInputPixels: options.maxPixels, sequentialRead: true }).rotate();
  let original: Buffer;
  try {
    // rotate() turns the photo upright; sharp drops EXIF and GPS unless asked to keep them.
    original = await upright().toFormat(header.format, encodeOptions(header.format)).toBuffer();
  } catch (error) {
    throw damaged(error);
  }
  const widths = options.widths.filter((w) => w < header.width).sort((a, b) => b - a);
  if (widths.length === 0) return { original, sizes: [] };
  // Lossless and quick to write: it only lives until the sizes are cut.
  const largest = await upright().resize({ width: widths[0] }).png({ compressionLevel: 1 }).toBuffer();
  const sizes: RenderedPhoto['sizes'] = [];
  for (const width of widths) {
    // The wide sizes go to phones at 2-3x density, where a lower quality does not show and the bytes do:
    // 1280 px at 70 is about two thirds of the bytes at 78 (npm run bench -- budget).
    sizes.unshift({
      width,
      data: await sharp(largest, { sequentialRead: true })
        .resize({ width })
        .webp({ quality: width >= 960 ? 70 : 78 })
        .toBuffer(),
    });
  }
  return { original, sizes };
}
