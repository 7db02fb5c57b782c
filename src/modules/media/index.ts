export {
  uploadMedia,
  listMedia,
  searchMedia,
  findMedia,
  findMediaByIds,
  findMediaByUrls,
  getMedia,
  loadMediaDetail,
  updateMediaText,
  deleteMedia,
  RESPONSIVE_WIDTHS,
  type MediaItem,
  type MediaPage,
  type PhotoUse,
  type PhotoUsesOf,
} from './media.service.ts';
export { copyRemoteImage, isCopyFailure, type CopyFailure } from './remote-copy.ts';
export {
  describeImportedImage,
  storeImportedImage,
  mediaUrlOf,
  ARTICLE_IMAGE_SIZES,
  type ImportedImage,
} from './imported-media.ts';
