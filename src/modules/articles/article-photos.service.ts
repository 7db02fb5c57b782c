// Which articles show a photo of the media library, for the library's page (the library sits below articles).
import type { Deps } from '../../deps.ts';
import type { PhotoUse } from '../media/index.ts';
import * as repo from './article.repository.ts';

/** The articles that show the picture at `url`, featured or in the body, most recently changed first. */
export const findPhotoUses = (deps: Pick<Deps, 'db'>, input: { url: string }): Promise<PhotoUse[]> =>
  repo.listArticlesShowingImage(deps.db, input.url);
