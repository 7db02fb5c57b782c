// The media library: uploaded photos, checked by their content, re-encoded without their hidden
// metadata (a source's phone location stays private), and cut into responsive sizes.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Deps } from '../../deps.ts';
import type { MediaTable } from '../../platform/db/tables.ts';
import { iso } from '../../platform/clock.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { isId, newId } from '../../platform/ids.ts';
import { PHOTO_FORMATS, readPhotoHeader, renderPhoto } from '../../platform/images/photo.ts';
import { hasControlCharacters } from '../../platform/text.ts';
import { recordAudit } from '../audit/index.ts';
import { authorize, can, type Staff } from '../permissions/index.ts';
import * as repo from './media.repository.ts';
import type { MediaItem, PhotoUse } from './media.ts';

export type { MediaItem, PhotoUse };

/** Widths made for srcset; only those smaller than the original. */
export const RESPONSIVE_WIDTHS = [320, 640, 960, 1280, 1920];

function checkField(field: 'caption' | 'credit' | 'alt', value: string, max: number): string {
  const v = value.trim();
  if (v.length > max) throw invalid(field, `${field}_too_long`, `The ${field} must be at most ${max} characters.`);
  if (hasControlCharacters(v))
    throw invalid(field, 'control_characters', `The ${field} contains control characters; remove them.`);
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
  /** `why` in English words, `use` its code for the catalogue (logo, cardImage). */
  minSize?: { width: number; height: number; why: string; use: string };
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
    throw new AppError({
      status: 413,
      code: 'file_too_large',
      message: `The photo is larger than ${Math.round(deps.config.mediaMaxBytes / 1048576)} MB. Send a smaller one.`,
      field: 'file',
      values: { maxMb: Math.round(deps.config.mediaMaxBytes / 1048576) },
    });
  }
  const caption = checkField('caption', input.caption, 1000);
  const credit = checkField('credit', input.credit, 200);
  const alt = checkField('alt', input.alt, 1000);
  const header = await readPhotoHeader(input.bytes, deps.config.mediaMaxPixels);
  const { format, width, height } = header;
  const min = input.minSize;
  if (min && (width < min.width || height < min.height)) {
    throw invalid({
      field: 'file',
      code: 'image_too_small',
      message: `That photo is ${width} × ${height} pixels; ${min.why} needs at least ${min.width} × ${min.height}.`,
      values: { width, height, use: min.use, minWidth: min.width, minHeight: min.height },
    });
  }
  const rendered = await deps.imageGate.run(() =>
    renderPhoto(input.bytes, header, { maxPixels: deps.config.mediaMaxPixels, widths: RESPONSIVE_WIDTHS }),
  );
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
      id,
      url,
      original_name: input.originalName.slice(0, 255),
      format,
      width,
      height,
      bytes: input.bytes.length,
      srcset: sizes.join(', '),
      caption,
      credit,
      alt,
      uploaded_by: input.staff.id,
      created_at: iso(now),
    };
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertMedia(trx, row);
      await recordAudit(trx, {
        actor: input.staff,
        action: input.sourceUrl ? 'media.copied' : 'media.uploaded',
        subject: url,
        details: { id, format, width, height, ...(input.sourceUrl && { from: input.sourceUrl }) },
        at: now,
      });
    });
    return repo.toItem(row);
  } catch (error) {
    await Promise.all(written.map((f) => fs.rm(f, { force: true })));
    throw error;
  }
}

/** One page of the library: its photos, newest first, and how many match in all. */
export interface MediaPage {
  items: MediaItem[];
  total: number;
  page: number;
  pages: number;
  /** The search as applied (trimmed), '' for none. */
  text: string;
}

/** A page of the library, searched by words of the caption or credit. */
export async function searchMedia(
  deps: Pick<Deps, 'db'>,
  input: { text?: string; page?: number; perPage: number },
): Promise<MediaPage> {
  const text = (input.text ?? '').trim().slice(0, 200);
  const total = await repo.countMedia(deps.db, text);
  const pages = Math.max(1, Math.ceil(total / input.perPage));
  const page = Math.min(Math.max(1, Math.floor(input.page ?? 1)), pages);
  const items = await repo.listMedia(deps.db, { limit: input.perPage, offset: (page - 1) * input.perPage, text });
  return { items, total, page, pages, text };
}

export const listMedia = (deps: Pick<Deps, 'db'>, page: { limit: number; offset: number }): Promise<MediaItem[]> =>
  repo.listMedia(deps.db, page);

export const findMedia = (deps: Pick<Deps, 'db'>, id: string): Promise<MediaItem | undefined> =>
  repo.findMedia(deps.db, id);

/** The library photos with these ids (a body's [photo …] lines), in no particular order; unknown ids are left out. */
export const findMediaByIds = (deps: Pick<Deps, 'db'>, ids: string[]): Promise<MediaItem[]> =>
  repo.findMediaByIds(deps.db, ids.filter(isId));

/** The library photos at these addresses (/media/...), for their sizes wherever an article shows them. */
export const findMediaByUrls = (deps: Pick<Deps, 'db'>, urls: string[]): Promise<MediaItem[]> =>
  repo.findMediaByUrls(deps.db, urls);

/** Which articles show a photo (handed in by a higher module: articles are above the library). */
export type PhotoUsesOf = (url: string) => Promise<PhotoUse[]>;

/** Its uploader changes a photo's words; editors and admins change anyone's. */
function assertMayChange(staff: Staff, item: MediaItem): void {
  authorize(staff, 'article.create');
  if (item.uploadedBy !== staff.id && !can(staff, 'article.edit_any')) {
    throw forbidden('Only the person who uploaded this photo, an editor or an admin can change or delete it.', {
      reason: 'photo_owner',
    });
  }
}

/** A photo of the library; 404 for an id that names none. */
export async function getMedia(deps: Pick<Deps, 'db'>, input: { staff: Staff; id: string }): Promise<MediaItem> {
  authorize(input.staff, 'article.create');
  const item = isId(input.id) ? await repo.findMedia(deps.db, input.id) : undefined;
  if (!item) throw notFound('There is no photo with that id in the media library.', 'photo');
  return item;
}

/** A photo and the articles that show it, for its page at the desk. */
export async function loadMediaDetail(
  deps: Pick<Deps, 'db'>,
  input: { staff: Staff; id: string; usesOf: PhotoUsesOf },
) {
  const item = await getMedia(deps, input);
  return {
    item,
    uses: await input.usesOf(item.url),
    mayChange: item.uploadedBy === input.staff.id || can(input.staff, 'article.edit_any'),
  };
}

/**
 * Changes a photo's caption, credit and alt text. Articles keep the words they were given when they chose it (an
 * article may have its own caption); new uses take the new ones.
 */
export async function updateMediaText(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff; id: string; caption: string; credit: string; alt: string },
): Promise<MediaItem> {
  const item = await getMedia(deps, input);
  assertMayChange(input.staff, item);
  const text = {
    caption: checkField('caption', input.caption, 1000),
    credit: checkField('credit', input.credit, 200),
    alt: checkField('alt', input.alt, 1000),
  };
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updateMediaText(trx, item.id, text))) throw notFound('That photo was deleted meanwhile.', 'photo');
    await recordAudit(trx, {
      actor: input.staff,
      action: 'media.edited',
      subject: item.url,
      details: { id: item.id },
      at: deps.clock.now(),
    });
  });
  return { ...item, ...text };
}

/** The files of a photo under the media folder: the original and each of its sizes (from its srcset). */
function filesOf(mediaDir: string, item: MediaItem): string[] {
  const root = path.resolve(mediaDir);
  const urls = [item.url, ...item.srcset.split(',').map((s) => s.trim().split(/\s+/)[0] ?? '')];
  const files = new Set<string>();
  for (const url of urls) {
    if (!url.startsWith('/media/')) continue;
    let place: string;
    try {
      place = decodeURIComponent(url.slice('/media/'.length));
    } catch {
      continue;
    }
    const file = path.resolve(root, ...place.split('/'));
    // Never outside the media folder, whatever a stored address says.
    if (file.startsWith(root + path.sep)) files.add(file);
  }
  return [...files];
}

/**
 * Deletes a photo no article shows, with its files. A photo in use (featured or in a body, an article in the trash
 * included) is refused with the articles named: remove it from them first.
 */
export async function deleteMedia(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  input: { staff: Staff; id: string; usesOf: PhotoUsesOf },
): Promise<MediaItem> {
  const item = await getMedia(deps, input);
  assertMayChange(input.staff, item);
  const uses = await input.usesOf(item.url);
  if (uses.length > 0) {
    const named = uses
      .slice(0, 5)
      .map((u) => `“${u.headline}”`)
      .join(', ');
    const articles = `${named}${uses.length > 5 ? ', …' : ''}`;
    throw new AppError({
      status: 409,
      code: 'media_in_use',
      message: `This photo is used by ${uses.length === 1 ? 'one article' : `${uses.length} articles`} (${articles}). Remove it from ${uses.length === 1 ? 'that article' : 'them'} first, then delete it.`,
      values: { count: uses.length, articles },
    });
  }
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteMedia(trx, item.id))) throw notFound('That photo was deleted meanwhile.', 'photo');
    await recordAudit(trx, {
      actor: input.staff,
      action: 'media.deleted',
      subject: item.url,
      details: { id: item.id, name: item.originalName },
      at: deps.clock.now(),
    });
  });
  // After the commit: a file left behind by a failure here is only disk space, never a broken page.
  await Promise.all(filesOf(deps.config.mediaDir, item).map((f) => fs.rm(f, { force: true })));
  return item;
}
