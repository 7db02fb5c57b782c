// Revisions: every save keeps the article's editable state; two can be compared, one restored.
import { diffWords } from 'diff';
import type { Db } from '../../platform/db/database.ts';
import { iso } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { Staff } from '../permissions/index.ts';
import type { Article, StoredFeaturedImage } from './article.ts';
import type { ArticleInput } from './article.service.ts';
import * as repo from './revision.repository.ts';
import { featuredImageInput } from './article-images.ts';

/** The fields a revision keeps, in the order a comparison shows them. */
export interface ArticleSnapshot {
  headline: string;
  subheadline: string;
  slug: string;
  body: string;
  excerpt: string;
  dateline: string;
  sourceCredit: string;
  authors: string[];
  section: string | null;
  tags: string[];
  featuredImage: StoredFeaturedImage | null;
  status: string;
  publishedAt: string | null;
  commentStatus: string;
  /** The article's own language (null: the site's default); absent from revisions saved before articles had one. */
  language?: string | null;
}

export const FIELD_LABELS: Record<keyof ArticleSnapshot, string> = {
  headline: 'Headline',
  subheadline: 'Subheadline',
  slug: 'Address',
  body: 'Body',
  excerpt: 'Excerpt',
  dateline: 'Dateline',
  sourceCredit: 'Source credit',
  authors: 'Authors',
  section: 'Section',
  tags: 'Tags',
  featuredImage: 'Featured image',
  status: 'Status',
  publishedAt: 'Publication time',
  commentStatus: 'Discussion',
  language: 'Language',
};

export function snapshotOf(article: Article): ArticleSnapshot {
  return {
    headline: article.headline,
    subheadline: article.subheadline,
    slug: article.slug,
    body: article.bodySource,
    excerpt: article.excerpt,
    dateline: article.dateline,
    sourceCredit: article.sourceCredit,
    authors: article.authors.map((a) => a.id),
    section: article.section?.slug ?? null,
    tags: article.tags.map((t) => t.name),
    featuredImage: article.featuredImage,
    status: article.status,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    commentStatus: article.commentSetting,
    language: article.language,
  };
}

export interface Revision {
  id: string;
  version: number;
  editorName: string;
  createdAt: Date;
  snapshot: ArticleSnapshot;
}

/** Keeps the article's state as saved, in the caller's transaction. */
export async function insertRevision(db: Db, revision: { article: Article; editor: Staff; at: Date }): Promise<void> {
  const { article, editor, at } = revision;
  await repo.insertRevisionRow(db, {
    id: newId(),
    article_id: article.id,
    version: article.version,
    editor_id: editor.id,
    editor_name: editor.name,
    snapshot: JSON.stringify(snapshotOf(article)),
    created_at: iso(at),
  });
}

/** An article's revisions, newest first. */
export async function listRevisions(db: Db, articleId: string): Promise<Revision[]> {
  const rows = await repo.listRevisionRows(db, articleId);
  return rows.map((r) => ({
    id: r.id,
    version: Number(r.version),
    editorName: r.editor_name,
    createdAt: new Date(r.created_at),
    snapshot: JSON.parse(r.snapshot) as ArticleSnapshot,
  }));
}

const asText = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'string'
      ? value
      : Array.isArray(value)
        ? value.join(', ')
        : JSON.stringify(value, null, 1);

export interface FieldChange {
  field: keyof ArticleSnapshot;
  label: string;
  parts: { value: string; added?: boolean; removed?: boolean }[];
}

/** What changed between two revisions, word by word, field by field. */
export function compareRevisions(from: ArticleSnapshot, to: ArticleSnapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(FIELD_LABELS) as (keyof ArticleSnapshot)[]) {
    const a = asText(from[field]);
    const b = asText(to[field]);
    if (a === b) continue;
    changes.push({
      field,
      label: FIELD_LABELS[field],
      parts: diffWords(a, b).map((p) => ({ value: p.value, added: p.added, removed: p.removed })),
    });
  }
  return changes;
}

/** A revision's state as changes to apply: restoring is an ordinary save, so it gets its own revision. */
export function restoreInput(snapshot: ArticleSnapshot, currentVersion: number): ArticleInput {
  return {
    headline: snapshot.headline,
    subheadline: snapshot.subheadline,
    slug: snapshot.slug,
    body: snapshot.body,
    excerpt: snapshot.excerpt,
    dateline: snapshot.dateline,
    sourceCredit: snapshot.sourceCredit,
    authors: snapshot.authors,
    section: snapshot.section,
    tags: snapshot.tags,
    featuredImage: snapshot.featuredImage && featuredImageInput(snapshot.featuredImage),
    commentStatus: snapshot.commentStatus as ArticleInput['commentStatus'],
    ...(snapshot.language !== undefined && { language: snapshot.language }),
    version: currentVersion,
  };
}
