export { uploadMedia, listMedia, findMedia, RESPONSIVE_WIDTHS, type MediaItem } from './media.service.ts';
