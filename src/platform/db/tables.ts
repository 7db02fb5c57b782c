// Row shapes as stored. Times are ISO-8601 UTC strings on both engines (see the migration for why).
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sections: SectionsTable;
  tags: TagsTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  slug_redirects: SlugRedirectsTable;
  comments: CommentsTable;
  wordpress_imports: WordpressImportsTable;
  legacy_urls: LegacyUrlsTable;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export type StaffRole = 'admin' | 'editor' | 'author' | 'contributor' | 'moderator';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  slug: string;
  bio: string;
  role: StaffRole;
  password_hash: string | null;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
}

export interface SectionsTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  position: number;
  parent_id: Generated<string | null>;
}

export interface TagsTable {
  id: string;
  slug: string;
  name: string;
}

export type StoredArticleStatus = 'draft' | 'published';
export type CommentSetting = 'open' | 'closed' | 'default';
/** A page stands apart: no section, not in the lists (imported WordPress pages). */
export type ArticleKind = 'article' | 'page';

export interface ArticlesTable {
  id: string;
  slug: string;
  headline: string;
  subheadline: string;
  body_source: string;
  body_html: string;
  excerpt: string;
  dateline: string;
  source_credit: string;
  section_id: string | null;
  image_url: string;
  image_caption: string;
  image_credit: string;
  image_alt: string;
  image_width: number | null;
  image_height: number | null;
  status: StoredArticleStatus;
  /** For a published article, when it goes (or went) public: a future time means scheduled. */
  published_at: string | null;
  comment_setting: CommentSetting;
  /** Set when an editor closes the discussion by hand. */
  comments_closed_at: string | null;
  /** Approved comments; changed only in the transaction that changes a comment. */
  comment_count: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  kind: Generated<ArticleKind>;
  /** 0 or 1: kept at the top of the front page in WordPress. */
  sticky: Generated<number>;
}

export interface ArticleAuthorsTable {
  article_id: string;
  user_id: string;
  position: number;
}

export interface ArticleTagsTable {
  article_id: string;
  tag_id: string;
}

export interface SlugRedirectsTable {
  old_slug: string;
  article_id: string;
}

export type CommentStatus = 'approved' | 'pending' | 'spam' | 'trash';
export type CommentKind = 'comment' | 'pingback' | 'trackback';

export interface CommentsTable {
  id: string;
  article_id: string;
  parent_id: string | null;
  depth: number;
  author_name: string;
  author_email: string;
  author_url: string;
  body_text: string;
  body_html: string;
  status: CommentStatus;
  created_at: string;
  ip: string;
  user_agent: string;
  kind: Generated<CommentKind>;
}

export interface WordpressImportsTable {
  source: string;
  kind: string;
  wp_id: string;
  guid: string;
  dateline_id: string | null;
  url: string;
  label: string;
  parent_wp_id: string;
  wp_status: string;
  content_hash: string;
  imported_at: string;
}

export interface LegacyUrlsTable {
  path: string;
  target: string;
  priority: number;
  source: string;
  kind: string;
  wp_id: string;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleRowUpdate = Updateable<ArticlesTable>;
export type CommentRow = Selectable<CommentsTable>;
export type NewCommentRow = Insertable<CommentsTable>;
export type UserRow = Selectable<UsersTable>;
export type SectionRow = Selectable<SectionsTable>;
export type TagRow = Selectable<TagsTable>;
