// A photo in the media library as the newsroom sees it.
import type { MediaTable } from '../../platform/db/tables.ts';

export type MediaItem = Omit<MediaTable, 'uploaded_by' | 'created_at' | 'original_name'> & {
  originalName: string;
  /** Who uploaded it; null for imported pictures or a person since removed. */
  uploadedBy: string | null;
  createdAt: Date;
};

/** An article that shows a photo: as its featured image, in its body, or both. */
export interface PhotoUse {
  id: string;
  headline: string;
  status: string;
  featured: boolean;
  inBody: boolean;
}
