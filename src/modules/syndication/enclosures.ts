// A featured photo as a feed enclosure: its exact type and, for a file in the media folder, its size in bytes.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Deps } from '../../deps.ts';
import type { FeaturedImage } from '../articles/index.ts';

export interface Enclosure {
  /** As stored: /media/… or http(s)://… */
  url: string;
  type: string;
  /** 0 when unknown (an address on another site). */
  length: number;
}

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

function typeOf(url: string): string | undefined {
  try {
    const ext = new URL(url, 'http://x.invalid').pathname.split('.').pop()?.toLowerCase() ?? '';
    return TYPES[ext];
  } catch {
    return undefined;
  }
}

/** The size of a file under /media/, or 0 when it is elsewhere or cannot be read. */
async function mediaBytes(mediaDir: string, url: string): Promise<number> {
  if (!url.startsWith('/media/')) return 0;
  let relative: string;
  try {
    relative = decodeURIComponent(url.slice('/media/'.length).split(/[?#]/)[0]);
  } catch {
    return 0;
  }
  const file = path.resolve(mediaDir, relative);
  if (!file.startsWith(path.resolve(mediaDir) + path.sep)) return 0;
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
  }
}

/**
 * The photo as enclosures, best first: the original, then (from the library's sizes) the largest WebP up to 1280 px,
 * which Atom readers get when the original's extension is not its type's name (.jpg for image/jpeg).
 */
export async function imageEnclosures(deps: Pick<Deps, 'config'>, image: FeaturedImage | null): Promise<Enclosure[]> {
  if (!image) return [];
  const candidates = [image.url];
  const sizes = image.srcset
    .split(',')
    .map((s) => s.trim().split(/\s+/))
    .filter(([u, w]) => u && /^\d+w$/.test(w ?? '') && typeOf(u) === 'image/webp')
    .map(([u, w]) => ({ url: u, width: Number.parseInt(w, 10) }))
    .filter((s) => s.width <= 1280)
    .sort((a, b) => b.width - a.width);
  if (sizes[0]) candidates.push(sizes[0].url);
  const out: Enclosure[] = [];
  for (const url of candidates) {
    const type = typeOf(url);
    if (type) out.push({ url, type, length: await mediaBytes(deps.config.mediaDir, url) });
  }
  return out;
}
