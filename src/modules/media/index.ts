export { uploadMedia, listMedia, findMedia, RESPONSIVE_WIDTHS, type MediaItem } from './media.service.ts';
export { describeImportedImage, storeImportedImage, mediaUrlOf, ARTICLE_IMAGE_SIZES, type ImportedImage } from './imported-media.ts';
