export { uploadMedia, listMedia, findMedia, findMediaByUrls, RESPONSIVE_WIDTHS, type MediaItem } from './media.service.ts';
export { copyRemoteImage, isCopyFailure, type CopyFailure } from './remote-copy.ts';
export { describeImportedImage, storeImportedImage, mediaUrlOf, ARTICLE_IMAGE_SIZES, type ImportedImage } from './imported-media.ts';
