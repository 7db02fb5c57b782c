// A photo in the media library as the newsroom sees it.
import type { MediaTable } from '../../platform/db/tables.ts';

export type MediaItem = Omit<MediaTable, 'uploaded_by' | 'created_at' | 'original_name'> & { originalName: string; createdAt: Date };
