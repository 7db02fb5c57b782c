// The newsroom's own pictures: its logo (the publisher of every article in structured data, the feeds' image)
// and the card image shared on social media for pages without a photo of their own. Admins set them.
import type { Deps } from '../../deps.ts';
import { invalid } from '../../platform/errors.ts';
import { hasControlCharacters } from '../../platform/text.ts';
import { uploadMedia } from '../media/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import { getSettings, updateSettings, type SiteSettings } from './settings.service.ts';

export type SiteImageKind = 'logo' | 'cardImage';

export const isSiteImageKind = (value: unknown): value is SiteImageKind => value === 'logo' || value === 'cardImage';

/**
 * What each picture must be at least. Google asks 112 px for an organisation's logo; Facebook and X crop
 * a large card from 1200 × 630 and show none below about 600 px wide.
 */
export const SITE_IMAGE_MIN: Record<SiteImageKind, { width: number; height: number; why: string; use: string }> = {
  logo: { width: 112, height: 112, why: 'a logo', use: 'logo' },
  cardImage: { width: 600, height: 315, why: 'a social card image', use: 'cardImage' },
};

export interface SetSiteImageInput {
  staff: Staff;
  ip: string;
  kind: SiteImageKind;
  bytes: Buffer;
  originalName: string;
  /** What the picture shows; a logo defaults to the site's name. */
  alt: string;
}

/** Uploads the picture into the media library (checked, re-encoded) and makes it the site's logo or card image. */
export async function setSiteImage(deps: Deps, input: SetSiteImageInput): Promise<SiteSettings> {
  authorize(input.staff, 'settings.manage');
  const settings = await getSettings(deps);
  const alt = input.alt.trim() || (input.kind === 'logo' ? settings.name : '');
  if (alt === '')
    throw invalid(
      'alt',
      'card_image_alt_required',
      'Describe the card image in its alt text for readers who cannot see it.',
    );
  if (alt.length > 1000 || hasControlCharacters(alt))
    throw invalid('alt', 'invalid_alt', 'The alt text must be at most 1000 printable characters.');
  const item = await uploadMedia(deps, {
    staff: input.staff,
    bytes: input.bytes,
    originalName: input.originalName,
    caption: '',
    credit: '',
    alt,
    minSize: SITE_IMAGE_MIN[input.kind],
  });
  return updateSettings(
    deps,
    { [input.kind]: { url: item.url, width: item.width, height: item.height, alt } },
    { staff: input.staff, ip: input.ip },
  );
}

/** Stops using the logo or the card image (the file stays in the media library). */
export async function removeSiteImage(
  deps: Deps,
  input: { staff: Staff; ip: string; kind: SiteImageKind },
): Promise<SiteSettings> {
  authorize(input.staff, 'settings.manage');
  return updateSettings(deps, { [input.kind]: null }, { staff: input.staff, ip: input.ip });
}
