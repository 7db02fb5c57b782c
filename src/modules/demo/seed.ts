// Fills an empty database with the demo newsroom, so a fresh clone shows a living site.
import type { Deps } from '../../deps.ts';
import { createArticle, updateArticle, type ArticleInput } from '../articles/index.ts';
import { addExistingComments } from '../comments/index.ts';
import { createUser } from '../people/index.ts';
import type { Staff } from '../permissions/index.ts';
import { createSection } from '../sections/index.ts';
import { updateSettings } from '../settings/index.ts';
import { newId } from '../../platform/ids.ts';
import { slugify } from '../../platform/text.ts';
import { type DemoComment, demoArticles, demoAuthors, demoSections, demoSite } from './demo-content.ts';
import { DEMO_IMAGE, drawDemoImage } from './demo-images.ts';
import { isEmptySite } from './demo.repository.ts';

const DAY = 86_400_000;

/** Seeds the demo newsroom if the site has no people and no articles yet; returns whether it did. */
export async function seedDemoNewsroom(deps: Deps): Promise<boolean> {
  if (!(await isEmptySite(deps.db))) return false;

  await updateSettings(deps, demoSite);
  for (const [position, section] of demoSections.entries()) await createSection(deps.db, { ...section, position });
  const authors: Staff[] = [];
  for (const a of demoAuthors)
    authors.push(await createUser(deps, { email: a.email, name: a.name, role: a.role, bio: a.bio }));
  const desk: Staff = { ...authors[0], role: 'admin' };

  const now = deps.clock.now().getTime();
  for (const [i, demo] of demoArticles.entries()) {
    const slug = slugify(demo.headline);
    const url = await drawDemoImage(deps.config.mediaDir, { name: slug, palette: demo.image.palette, seed: i + 1 });
    const publishedAt = new Date(now - demo.daysAgo * DAY);
    const input: ArticleInput = {
      headline: demo.headline,
      subheadline: demo.subheadline,
      body: demo.body,
      dateline: demo.dateline,
      sourceCredit: demo.sourceCredit,
      section: demo.section,
      tags: demo.tags,
      authors: demo.authors.map((n) => authors[n].id),
      featuredImage: {
        url,
        caption: demo.image.caption,
        credit: demo.image.credit,
        alt: demo.image.alt,
        ...DEMO_IMAGE,
      },
      status: 'published',
      publishAt: publishedAt.toISOString(),
      // The closed demo keeps its comments: they are added first, then the discussion closes.
      commentStatus: demo.commentStatus === 'closed' ? 'default' : demo.commentStatus,
    };
    const article = await createArticle(deps, { staff: desk, article: input });
    const translation = demo.spanish
      ? await createArticle(deps, {
          staff: desk,
          translation: { group: newId(), source: { id: article.id, language: demoSite.language } },
          article: {
            ...input,
            headline: demo.spanish.headline,
            subheadline: demo.spanish.subheadline,
            body: demo.spanish.body,
            dateline: demo.spanish.dateline,
            featuredImage: { ...input.featuredImage!, caption: demo.spanish.caption, alt: demo.spanish.alt },
            language: 'es',
          },
        })
      : undefined;
    await addDemoComments(deps, { articleId: article.id, comments: demo.comments, publishedAt, now });
    if (translation && demo.spanish)
      await addDemoComments(deps, { articleId: translation.id, comments: demo.spanish.comments, publishedAt, now });
    if (demo.commentStatus === 'closed') {
      await updateArticle(deps, { staff: desk, id: article.id, changes: { commentStatus: 'closed' } });
    }
  }
  return true;
}

/** A demo discussion, replies after what they answer, none later than now. */
async function addDemoComments(
  deps: Deps,
  input: { articleId: string; comments: DemoComment[]; publishedAt: Date; now: number },
): Promise<void> {
  const { articleId, publishedAt, now } = input;
  {
    const ids: string[] = [];
    for (const c of input.comments) {
      const [id] = await addExistingComments(deps, articleId, [
        {
          name: c.name,
          email: c.email,
          website: c.website,
          body: c.body,
          status: 'approved',
          parentId: c.replyTo === undefined ? null : ids[c.replyTo],
          createdAt: new Date(Math.min(publishedAt.getTime() + c.hoursAfter * 3_600_000, now)),
        },
      ]);
      ids.push(id);
    }
  }
}
