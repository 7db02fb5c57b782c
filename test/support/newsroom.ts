// Factories for the people and articles a test needs, made through the product's own services.
import type { Deps } from '../../src/deps.ts';
import { createArticle, type Article, type ArticleInput } from '../../src/modules/articles/index.ts';
import { createApiToken, createUser, type Staff } from '../../src/modules/people/index.ts';
import { createSection } from '../../src/modules/sections/index.ts';
import type { StaffRole } from '../../src/platform/db/tables.ts';

let counter = 0;

export async function makeStaff(deps: Deps, role: StaffRole, name?: string): Promise<Staff & { token: string }> {
  counter++;
  const email = `${role}${counter}-${Math.random().toString(36).slice(2, 7)}@newsroom.test`;
  const staff = await createUser(deps, {
    email,
    name: name ?? `${role[0].toUpperCase()}${role.slice(1)} ${counter}`,
    role,
  });
  return { ...staff, token: await createApiToken(deps, { email }) };
}

export async function makeSection(deps: Deps, name = `Section ${++counter}`) {
  return createSection(deps.db, { name });
}

/** A published article with a featured image, written by a fresh editor unless one is given. */
export async function makeArticle(deps: Deps, input: Partial<ArticleInput> = {}, staff?: Staff): Promise<Article> {
  const writer = staff ?? (await makeStaff(deps, 'editor'));
  counter++;
  return createArticle(deps, {
    staff: writer,
    article: {
      headline: `Ferry Timetable Changes for Winter, Part ${counter}`,
      body: 'The island ferry will run two fewer crossings a day from December.\n\nThe board says demand falls by half in winter.',
      dateline: 'ALDER BAY –',
      sourceCredit: 'Coastal Press Service',
      featuredImage: {
        url: '/media/test/ferry.jpg',
        caption: 'The ferry at dusk. File photo',
        credit: 'Ledger photo',
        alt: 'A ferry at a dock',
        width: 1200,
        height: 675,
      },
      status: 'published',
      ...input,
    },
  });
}
