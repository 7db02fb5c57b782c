// The media library: uploaded photos, checked by their content, re-encoded without their hidden
// metadata (a source's phone location stays private), and cut into responsive sizes.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Deps } from '../../deps.ts';
import type { MediaTable } from '../../platform/db/tables.ts';
import { iso } from '../../platform/clock.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { PHOTO_FORMATS, readPhotoHeader, renderPhoto } from '../../platform/images/photo.ts';
import { hasControlCharacters } from '../../platform/text.ts';
import { recordAudit } from '../audit/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import * as repo from './media.repository.ts';
import type { MediaItem } from './media.ts';

export type { MediaItem };

/** Widths made for srcset; only those smaller than the original. */
export const RESPONSIVE_WIDTHS = [320, 640, 960, 1280, 1920];

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
  /** Smallest size the use asks for (a logo, a social card), refused before anything is written. */
  minSize?: { width: number; height: number; why: string };
  /** Where the photo was copied from, when it came from another site rather than an upload. */
  sourceUrl?: string;
}

/**
 * Stores a photo with its sizes; nothing is recorded if any step fails. The header is checked first (format,
 * pixel limit); the decode waits for a slot in the image gate, so a burst of uploads cannot exhaust memory.
 */
export async function uploadMedia(deps: Deps, input: UploadInput): Promise<MediaItem> {
  authorize(input.staff, 'article.create');
  if (input.bytes.length === 0) throw invalid('file', 'file_required', 'Choose a photo to upload.');
  if (input.bytes.length > deps.config.mediaMaxBytes) {
    throw new AppError(413, 'file_too_large', `The photo is larger than ${Math.round(deps.config.mediaMaxBytes / 1048576)} MB. Send a smaller one.`, 'file');
  }
  const caption = checkField('caption', input.caption, 1000);
  const credit = checkField('credit', input.credit, 200);
  const alt = checkField('alt', input.alt, 1000);
  const header = await readPhotoHeader(input.bytes, deps.config.mediaMaxPixels);
  const { format, width, height } = header;
  const min = input.minSize;
  if (min && (width < min.width || height < min.height)) {
    throw invalid('file', 'image_too_small', `That photo is ${width} × ${height} pixels; ${min.why} needs at least ${min.width} × ${min.height}.`);
  }
  const rendered = await deps.imageGate.run(() => renderPhoto(input.bytes, header, { maxPixels: deps.config.mediaMaxPixels, widths: RESPONSIVE_WIDTHS }));
  const now = deps.clock.now();
  const id = newId();
  const folder = `uploads/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const dir = path.join(deps.config.mediaDir, folder);
  await fs.mkdir(dir, { recursive: true });
  const written: string[] = [];
  try {
    const original = `${id}.${PHOTO_FORMATS[format]}`;
    await fs.writeFile(path.join(dir, original), rendered.original);
    written.push(path.join(dir, original));
    const sizes: string[] = [];
    for (const size of rendered.sizes) {
      const file = `${id}-${size.width}.webp`;
      await fs.writeFile(path.join(dir, file), size.data);
      written.push(path.join(dir, file));
      sizes.push(`/media/${folder}/${file} ${size.width}w`);
    }
    const url = `/media/${folder}/${original}`;
    sizes.push(`${url} ${width}w`);
    const row: MediaTable = {
      id, url, original_name: input.originalName.slice(0, 255), format, width, height, bytes: input.bytes.length,
      srcset: sizes.join(', '), caption, credit, alt, uploaded_by: input.staff.id, created_at: iso(now),
    };
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertMedia(trx, row);
      await recordAudit(trx, {
        actor: input.staff, action: input.sourceUrl ? 'media.copied' : 'media.uploaded', subject: url,
        details: { id, format, width, height, ...(input.sourceUrl && { from: input.sourceUrl }) }, at: now,
      });
    });
    return repo.toItem(row);
  } catch (error) {
    await Promise.all(written.map((f) => fs.rm(f, { force: true })));
    throw error;
  }
}

export const listMedia = (deps: Pick<Deps, 'db'>, page: { limit: number; offset: number }): Promise<MediaItem[]> => repo.listMedia(deps.db, page);

export const findMedia = (deps: Pick<Deps, 'db'>, id: string): Promise<MediaItem | undefined> => repo.findMedia(deps.db, id);

/** The library photos at these addresses (/media/...), for their sizes wherever an article shows them. */
export const findMediaByUrls = (deps: Pick<Deps, 'db'>, urls: string[]): Promise<MediaItem[]> => repo.findMediaByUrls(deps.db, urls);
