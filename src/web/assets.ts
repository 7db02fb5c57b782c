// The stylesheet, scripts and icon the pages link to, with addresses that change when the files do.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteView } from './site.ts';

export const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

const version = (file: string) =>
  createHash('sha256')
    .update(fs.readFileSync(path.join(ASSETS_DIR, file)))
    .digest('hex')
    .slice(0, 10);

/** Asset URLs carry a content hash so they can be cached for a year and still change on deploy. */
export const assetUrls = (): SiteView['assets'] => ({
  stylesheet: `/assets/style.css?v=${version('style.css')}`,
  script: `/assets/discussion.js?v=${version('discussion.js')}`,
  icon: `/assets/icon.svg?v=${version('icon.svg')}`,
  deskScript: `/assets/desk.js?v=${version('desk.js')}`,
  moderationScript: `/assets/moderation.js?v=${version('moderation.js')}`,
  frontPageScript: `/assets/front-page.js?v=${version('front-page.js')}`,
});
