// The front page as editors arrange it: a lead story and the top stories in their order, the rest following newest
// first. Every change is one transaction that checks it starts from the arrangement the editor saw, is audited,
// and drops the cached lists at once.
import type { Deps } from '../../deps.ts';
import { iso } from '../../platform/clock.ts';
import { lockKeys } from '../../platform/db/locks.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { authorize, type Staff } from '../permissions/index.ts';
import type { Article } from './article.ts';
import * as repo from './article.repository.ts';
import { FRONT_PAGE_LOCK } from './article.service.ts';
import * as frontRepo from './front-page.repository.ts';

/** As many top stories as the front page's first page shows. */
export const MAX_PLACED = 12;
/** How many of the newest unplaced stories the desk offers to place. */
const CANDIDATES = 20;

export type FrontPageMove = 'lead' | 'up' | 'down' | 'add' | 'remove' | 'order';

export interface FrontPageDesk {
  /** The placed articles, lead first, whatever their status now (those off the site are skipped by readers). */
  placed: Article[];
  /** The arrangement the page shows, sent back with a change so that a change made meanwhile is not overwritten. */
  arrangement: string;
  /** The newest public articles not placed: what follows the top stories, and what may be placed. */
  following: Article[];
}

const arrangementOf = (ids: string[]) => ids.join(',');

/** What the front page desk shows. */
export async function loadFrontPageDesk(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { staff: Staff },
): Promise<FrontPageDesk> {
  authorize(input.staff, 'article.pin');
  const now = deps.clock.now();
  const ids = await frontRepo.listPlacedIds(deps.db);
  const [found, latest] = await Promise.all([
    repo.findArticlesByIds(deps.db, ids, now),
    repo.listArticles(deps.db, {
      filter: { kind: 'article', publicAt: iso(now) },
      page: { limit: CANDIDATES + ids.length, offset: 0, sort: 'published' },
      now,
    }),
  ]);
  const byId = new Map(found.map((a) => [a.id, a]));
  const placed = ids.map((id) => byId.get(id)).filter((a): a is Article => a !== undefined);
  const following = latest.articles.filter((a) => !byId.has(a.id)).slice(0, CANDIDATES);
  return { placed, arrangement: arrangementOf(ids), following };
}

export interface ArrangeInput {
  staff: Staff;
  /** The arrangement the editor saw (`FrontPageDesk.arrangement`). */
  arrangement: string;
  move: FrontPageMove;
  /** The article moved (every move but `order`). */
  articleId?: string;
  /** The whole new order of the placed articles (`order`, as a drag leaves it). */
  order?: string[];
  ip?: string;
}

/** The arrangement after a move; throws with what to do when the move cannot be made. */
function arranged(current: string[], input: ArrangeInput): string[] {
  if (input.move === 'order') {
    const order = input.order ?? [];
    const same =
      order.length === current.length &&
      new Set(order).size === order.length &&
      order.every((id) => current.includes(id));
    if (!same)
      throw invalid(
        'order',
        'front_page_order_invalid',
        'The new order must name each top story once, and only them. Reload the page and try again.',
      );
    return order;
  }
  const id = input.articleId ?? '';
  const at = current.indexOf(id);
  const without = current.filter((x) => x !== id);
  switch (input.move) {
    case 'lead':
      return [id, ...without];
    case 'add':
      return at >= 0 ? current : [...current, id];
    case 'remove':
      return without;
    case 'up':
    case 'down': {
      if (at < 0)
        throw invalid('article', 'front_page_not_placed', 'That story is not among the top stories: add it first.');
      const to = Math.max(0, Math.min(current.length - 1, at + (input.move === 'up' ? -1 : 1)));
      without.splice(to, 0, id);
      return without;
    }
  }
}

/** Makes one change to the front page's arrangement; returns the arrangement as it is now. */
export async function arrangeFrontPage(deps: Deps, input: ArrangeInput): Promise<string[]> {
  authorize(input.staff, 'article.pin');
  const now = deps.clock.now();
  const next = await deps.db.transaction().execute(async (trx) => {
    await lockKeys(trx, deps.dialect, [FRONT_PAGE_LOCK]);
    const current = await frontRepo.listPlacedIds(trx);
    if (arrangementOf(current) !== input.arrangement) {
      throw conflict(
        'front_page_changed',
        'Someone else changed the front page since you opened it. Here it is as it is now: make your change again.',
      );
    }
    let subject = 'front page';
    if (input.move !== 'order') {
      const article = await repo.findArticleById(trx, input.articleId ?? '', now);
      if (!article) throw notFound('There is no article with that id.', 'article');
      subject = article.slug;
      const placing = (input.move === 'lead' || input.move === 'add') && !current.includes(article.id);
      if (placing && article.status !== 'published' && article.status !== 'scheduled') {
        throw invalid({
          field: 'article',
          code: 'front_page_not_public',
          message: `“${article.headline}” is ${article.status === 'trash' ? 'in the trash' : `a ${article.status}`}: only published or scheduled stories go on the front page.`,
          values: { headline: article.headline, status: article.status },
        });
      }
      if (placing && current.length >= MAX_PLACED) {
        throw invalid({
          field: 'article',
          code: 'front_page_full',
          message: `The front page holds at most ${MAX_PLACED} top stories: remove one before adding another.`,
          values: { max: MAX_PLACED },
        });
      }
    }
    const order = arranged(current, input);
    if (arrangementOf(order) === arrangementOf(current)) return order;
    await frontRepo.replacePlaced(trx, order, iso(now));
    await recordAudit(trx, {
      actor: input.staff,
      action: 'front_page.arranged',
      subject,
      details: { move: input.move, ...(input.articleId && { id: input.articleId }), order },
      ip: input.ip,
      at: now,
    });
    return order;
  });
  await deps.pageCache.invalidate(['lists']);
  return next;
}
