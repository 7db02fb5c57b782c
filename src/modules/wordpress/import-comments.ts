// One item's discussion: every comment, pingback and trackback with its thread, status, author
// details and date. Replies may come before their parents in the file; a reply to a comment that is
// not in the export at all makes the file broken (it would lose its place in the thread).
import { saveImportedDiscussions, type ImportedComment } from '../comments/index.ts';
import type { CommentKind, CommentStatus } from '../../platform/db/tables.ts';
import { newId } from '../../platform/ids.ts';
import { convertedComment } from './comment-conversion.ts';
import { count, mapping, skip, wpDate, type ImportRun } from './import-run.ts';
import { WxrError, type WxrComment, type WxrItem } from './wxr.ts';
import * as repo from './wordpress.repository.ts';

const STATUS: Record<string, CommentStatus> = {
  1: 'approved',
  0: 'pending',
  spam: 'spam',
  trash: 'trash',
  'post-trashed': 'trash',
};
const KIND: Record<string, CommentKind> = {
  '': 'comment',
  comment: 'comment',
  pingback: 'pingback',
  trackback: 'trackback',
};

const hasParent = (c: WxrComment) => c.parent !== '' && c.parent !== '0';

/** The comments with every parent before its replies; throws on a missing parent or a loop. */
export function threadOrder(item: WxrItem): WxrComment[] {
  const byId = new Map<string, WxrComment>();
  for (const c of item.comments) if (c.id && !byId.has(c.id)) byId.set(c.id, c);
  for (const c of byId.values()) {
    if (hasParent(c) && !byId.has(c.parent)) {
      throw new WxrError(
        `comment ${c.id} on item ${item.id} replies to comment ${c.parent}, which is not in the export`,
        c.line,
        { reason: 'missing_parent', values: { comment: c.id, item: item.id, parent: c.parent } },
      );
    }
  }
  const ordered: WxrComment[] = [];
  const state = new Map<string, 'open' | 'done'>();
  for (const start of byId.values()) {
    // Walk up to the first placed ancestor, then place the chain top-down (no recursion: threads can be deep).
    const chain: WxrComment[] = [];
    let c: WxrComment | undefined = start;
    while (c && state.get(c.id) !== 'done') {
      if (state.get(c.id) === 'open')
        throw new WxrError(`comment ${c.id} on item ${item.id} is its own ancestor`, c.line, {
          reason: 'own_ancestor',
          values: { comment: c.id, item: item.id },
        });
      state.set(c.id, 'open');
      chain.push(c);
      c = hasParent(c) ? byId.get(c.parent) : undefined;
    }
    for (const placed of chain.reverse()) {
      state.set(placed.id, 'done');
      ordered.push(placed);
    }
  }
  return ordered;
}

const webAddress = (url: string) => {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? url.trim() : '';
  } catch {
    return '';
  }
};

/** A post or page saved in this batch whose discussion is still to be written. */
export interface PendingDiscussion {
  item: WxrItem;
  articleId: string;
}

/**
 * Creates or updates the comments of a batch of items under their articles; unchanged ones are left alone.
 * The batch's earlier imports are read in two queries and its comments written in a few multi-row statements,
 * not a few statements an item. The caller keeps a WordPress comment id to one item of a batch.
 */
export async function importDiscussions(run: ImportRun, pending: PendingDiscussion[]): Promise<void> {
  const withComments = pending.filter((p) => p.item.comments.length > 0);
  if (withComments.length === 0) return;
  const orders = withComments.map((p) => threadOrder(p.item));
  const known = await repo.findMappings(run.db, {
    source: run.source,
    kind: 'comment',
    wpIds: orders.flatMap((ordered) => ordered.map((c) => c.id)),
  });
  const still = await repo.existingCommentIds(
    run.db,
    [...known.values()].flatMap((m) => (m.dateline_id ? [m.dateline_id] : [])),
  );
  const discussions: { articleId: string; comments: ImportedComment[] }[] = [];
  const mappings: repo.Mapping[] = [];
  withComments.forEach(({ item, articleId }, i) => {
    const comments = discussionOf(run, { item, ordered: orders[i], known, still, mappings });
    if (comments.length) discussions.push({ articleId, comments });
  });
  if (discussions.length) {
    await saveImportedDiscussions(run.db, discussions, run.commentCounts);
    await repo.saveMappings(run.db, mappings, run.dialect);
  }
}

/** One item's comments to write, in thread order; adds their mappings to `mappings`. */
function discussionOf(
  run: ImportRun,
  {
    item,
    ordered,
    known,
    still,
    mappings,
  }: {
    item: WxrItem;
    ordered: WxrComment[];
    known: Map<string, repo.Mapping>;
    still: Set<string>;
    mappings: repo.Mapping[];
  },
): ImportedComment[] {
  const byId = new Map(ordered.map((c) => [c.id, c]));
  const datelineIdOf = new Map<string, string>();
  const toSave: ImportedComment[] = [];
  for (const c of item.comments)
    if (!c.id)
      skip(run, { kind: 'comment', id: '', code: 'no_id', values: { element: '<wp:comment_id>', line: c.line } });
  for (const c of ordered) {
    const kind = KIND[c.type];
    if (!kind) {
      skip(run, {
        kind: 'comment',
        id: c.id,
        code: 'comment_type',
        values: { type: c.type },
      });
      continue;
    }
    const status = STATUS[c.approved] ?? 'pending';
    const { empty, formatted, hash } = convertedComment(c);
    if (empty) {
      skip(run, { kind, id: c.id, code: 'empty' });
      continue;
    }
    const before = known.get(c.id);
    if (before?.dateline_id && !still.has(before.dateline_id)) {
      skip(run, { kind, id: c.id, code: 'deleted_here' });
      continue;
    }
    const id = before?.dateline_id ?? newId();
    datelineIdOf.set(c.id, id);
    if (before?.content_hash === hash) {
      count(run, kind, 'unchanged');
      continue;
    }
    // A reply to something skipped joins the nearest ancestor that was brought over.
    let parent = hasParent(c) ? c.parent : '';
    while (parent && !datelineIdOf.has(parent)) parent = hasParent(byId.get(parent)!) ? byId.get(parent)!.parent : '';
    toSave.push({
      id,
      parentId: parent ? datelineIdOf.get(parent)! : null,
      kind,
      name: c.author,
      email: c.authorEmail,
      website: webAddress(c.authorUrl),
      text: formatted,
      status,
      createdAt: wpDate(c.dateGmt, c.date, item.dateGmt, item.date) ?? run.now,
      ip: c.authorIp,
      userAgent: c.agent,
    });
    mappings.push(
      mapping(run, { kind: 'comment', wp_id: c.id, dateline_id: id, wp_status: c.approved, content_hash: hash }),
    );
    count(run, kind, before ? 'updated' : 'created');
  }
  return toSave;
}
