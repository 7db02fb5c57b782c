// The media library: uploaded photos, checked by their content, re-encoded without their hidden
// metadata (a source's phone location stays private), and cut into responsive sizes.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import type { Deps } from '../../deps.ts';
import type { MediaTable } from '../../platform/db/tables.ts';
import { iso } from '../../platform/clock.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { hasControlCharacters } from '../../platform/text.ts';
import { recordAudit } from '../audit/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import * as repo from './media.repository.ts';

export type MediaItem = Omit<MediaTable, 'uploaded_by' | 'created_at' | 'original_name'> & { originalName: string; createdAt: Date };

/** Widths made for srcset; only those smaller than the original. */
export const RESPONSIVE_WIDTHS = [320, 640, 960, 1280, 1920];
const ACCEPTED = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' } as const;
const MAX_PIXELS = 50_000_000;

/** What sharp says the bytes are: the content decides, never the file name. */
async function sniff(bytes: Buffer): Promise<{ format: keyof typeof ACCEPTED; width: number; height: number }> {
  const refuse = () => invalid('file', 'not_an_image', 'That file is not an image we accept: send a JPEG, PNG, WebP or AVIF photo.');
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw refuse();
  }
  const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format;
  if (!format || !(format in ACCEPTED) || !meta.width || !meta.height) throw refuse();
  // EXIF orientations 5-8 swap width and height once the photo is turned upright.
  const upright = (meta.orientation ?? 1) >= 5;
  return { format: format as keyof typeof ACCEPTED, width: upright ? meta.height : meta.width, height: upright ? meta.width : meta.height };
}

function checkField(field: 'caption' | 'credit' | 'alt', value: string, max: number): string {
  const v = value.trim();
  if (v.length > max) throw invalid(field, `${field}_too_long`, `The ${field} must be at most ${max} characters.`);
  if (hasControlCharacters(v)) throw invalid(field, 'control_characters', `The ${field} contains control characters; remove them.`);
  return v;
}

export interface UploadInput {
  staff: Staff;
  bytes: Buffer;
  originalName: string;
  caption: string;
  credit: string;
  alt: string;
}

/** Stores an uploaded photo with its sizes; nothing is recorded if any step fails. */
export async function uploadMedia(deps: Deps, input: UploadInput): Promise<MediaItem> {
  authorize(input.staff, 'article.create');
  if (input.bytes.length === 0) throw invalid('file', 'file_required', 'Choose a photo to upload.');
  if (input.bytes.length > deps.config.mediaMaxBytes) {
    throw new AppError(413, 'file_too_large', `The photo is larger than ${Math.round(deps.config.mediaMaxBytes / 1048576)} MB. Send a smaller one.`, 'file');
  }
  const { format, width, height } = await sniff(input.bytes);
  const caption = checkField('caption', input.caption, 1000);
  const credit = checkField('credit', input.credit, 200);
  const alt = checkField('alt', input.alt, 1000);
  const now = deps.clock.now();
  const id = newId();
  const folder = `uploads/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const dir = path.join(deps.config.mediaDir, folder);
  await fs.mkdir(dir, { recursive: true });
  const written: string[] = [];
  try {
    const original = `${id}.${ACCEPTED[format]}`;
    // rotate() turns the photo upright; sharp drops EXIF and GPS unless asked to keep them.
    const upright = sharp(input.bytes, { limitInputPixels: MAX_PIXELS }).rotate();
    await upright.clone().toFormat(format, { quality: 85 }).toFile(path.join(dir, original));
    written.push(path.join(dir, original));
    const sizes: string[] = [];
    for (const w of RESPONSIVE_WIDTHS.filter((w) => w < width)) {
      const file = `${id}-${w}.webp`;
      await upright.clone().resize({ width: w }).webp({ quality: 78 }).toFile(path.join(dir, file));
      written.push(path.join(dir, file));
      sizes.push(`/media/${folder}/${file} ${w}w`);
    }
    const url = `/media/${folder}/${original}`;
    sizes.push(`${url} ${width}w`);
    const row: MediaTable = {
      id, url, original_name: input.originalName.slice(0, 255), format, width, height, bytes: input.bytes.length,
      srcset: sizes.join(', '), caption, credit, alt, uploaded_by: input.staff.id, created_at: iso(now),
    };
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertMedia(trx, row);
      await recordAudit(trx, { actor: input.staff, action: 'media.uploaded', subject: url, details: { id, format, width, height }, at: now });
    });
    return toItem(row);
  } catch (error) {
    await Promise.all(written.map((f) => fs.rm(f, { force: true })));
    throw error;
  }
}

const toItem = (r: MediaTable): MediaItem => ({
  id: r.id, url: r.url, originalName: r.original_name, format: r.format, width: Number(r.width), height: Number(r.height),
  bytes: Number(r.bytes), srcset: r.srcset, caption: r.caption, credit: r.credit, alt: r.alt, createdAt: new Date(r.created_at),
});

/** The newest photos of the library first, a page at a time. */
export async function listMedia(deps: Pick<Deps, 'db'>, page: { limit: number; offset: number }): Promise<MediaItem[]> {
  return (await repo.listMediaRows(deps.db, page)).map(toItem);
}

/** One photo of the library, if it is there. */
export async function findMedia(deps: Pick<Deps, 'db'>, id: string): Promise<MediaItem | undefined> {
  const row = await repo.findMediaRow(deps.db, id);
  return row && toItem(row);
}
