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
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  audit_log: AuditLogTable;
  password_tokens: PasswordTokensTable;
  article_revisions: ArticleRevisionsTable;
  media: MediaTable;
  term_redirects: TermRedirectsTable;
  comment_decisions: CommentDecisionsTable;
  comment_reports: CommentReportsTable;
  commenter_bans: CommenterBansTable;
  wordpress_imports: WordpressImportsTable;
  legacy_urls: LegacyUrlsTable;
  mail_outbox: MailOutboxTable;
  notification_optouts: NotificationOptoutsTable;
  server_secrets: ServerSecretsTable;
  job_runs: JobRunsTable;
  comment_revisions: CommentRevisionsTable;
  preview_links: PreviewLinksTable;
  search_documents: SearchDocumentsTable;
  article_updates: ArticleUpdatesTable;
  front_page_slots: FrontPageSlotsTable;
  setup_codes: SetupCodesTable;
  comment_idempotency_keys: CommentIdempotencyKeysTable;
  autosaves: AutosavesTable;
  article_months: ArticleMonthsTable;
  month_digests: MonthDigestsTable;
}

/**
 * Kept by the database's triggers: a version per month of publication that moves whenever one of its articles does.
 * The version is the sum of the month's rows: one on SQLite; on PostgreSQL one per writing transaction (a `writer`
 * column, its transaction id, which raw SQL reads), folded into writer 0 by monthFigures.
 */
export interface ArticleMonthsTable {
  /** "2026-11" */
  month: string;
  version: number;
}

/** A month's figures for one use (scope), with the versions of the months they were computed at. */
export interface MonthDigestsTable {
  scope: string;
  month: string;
  /** "3/7/1": article_months' versions of the months the figures read. */
  versions: string;
  /** JSON */
  figures: string;
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
  /** The author's portrait on their page. */
  photo_url: Generated<string>;
  created_at: string;
  /** 1: mail this person the digest of comments waiting for moderation (when their role moderates). */
  moderation_digest: Generated<number>;
  /** Set when an admin removed the person from the desk: no sign-in, no tokens; bylines stay. */
  removed_at: Generated<string | null>;
  /** BCP 47 tag of the language the desk speaks to this person; null means the site's default. */
  language: Generated<string | null>;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: string;
  /** Written at most about once a minute, so a busy integration does not write on every call. */
  last_used_at: string | null;
  /** Null: never expires. */
  expires_at: string | null;
}

export interface SectionsTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  position: number;
  parent_id: Generated<string | null>;
  /** Overrides the site's days before a discussion closes, for this section's articles. */
  comments_close_after_days: Generated<number | null>;
}

export interface TagsTable {
  id: string;
  slug: string;
  name: string;
}

/** pending: submitted for review; trash: set aside, restorable. */
export type StoredArticleStatus = 'draft' | 'pending' | 'published' | 'trash';
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
  image_srcset: Generated<string>;
  status: StoredArticleStatus;
  /** For a published article, when it goes (or went) public: a future time means scheduled. */
  published_at: string | null;
  comment_setting: CommentSetting;
  /** Set when an editor closes the discussion by hand. */
  comments_closed_at: string | null;
  /** Approved comments; changed only in the transaction that changes a comment. */
  comment_count: number;
  version: Generated<number>;
  /** Bumped by the database (triggers) whenever a comment readers can see changes: part of the page's ETag. */
  discussion_revision: Generated<number>;
  created_at: string;
  updated_at: string;
  kind: Generated<ArticleKind>;
  /** When its content last changed (a real edit, or a recorded update or correction); null if never since it was written. */
  modified_at: Generated<string | null>;
  /** BCP 47 tag of the article's language; null means the site's default language. */
  language: Generated<string | null>;
  /** Shared by an article and its translations; null when it has none. */
  translation_group: Generated<string | null>;
}

/** A place among the front page's top stories, as editors arranged them (0 is the lead). */
export interface FrontPageSlotsTable {
  article_id: string;
  position: number;
  placed_at: string;
}

export type ArticleUpdateKind = 'update' | 'correction';

/** An update or a correction readers see on a published article. */
/** The first answer to a comment post sent with an Idempotency-Key, kept a day (see the 2026-12-03 migration). */
export interface CommentIdempotencyKeysTable {
  key_hash: string;
  fingerprint: string;
  comment_id: string;
  /** JSON: the posted comment, or the error told after storing it. */
  answer: string;
  created_at: string;
}

export interface ArticleUpdatesTable {
  id: string;
  article_id: string;
  kind: ArticleUpdateKind;
  /** Plain text. */
  note: string;
  created_at: string;
  editor_id: string | null;
  editor_name: string;
}

export interface ArticleAuthorsTable {
  article_id: string;
  user_id: string;
  position: number;
  /** The article's publication time, copied by the database's triggers for the author's newest-first index. */
  published_at: Generated<string | null>;
}

export interface ArticleTagsTable {
  article_id: string;
  tag_id: string;
  /** The article's publication time, copied by the database's triggers for the tag's newest-first index. */
  published_at: Generated<string | null>;
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
  /** 1: the commenter asked to be mailed when someone replies. */
  notify_replies: Generated<number>;
  /** When an editor featured it among the article's picks; null when not featured. */
  featured_at: Generated<string | null>;
  /** The staff member who wrote it at the desk: the only source of the public "Staff" badge. */
  staff_user_id: Generated<string | null>;
  /** sha256 of the key in the posting browser's signed commenter cookie; null when no browser owns it (imports). */
  author_key_hash: Generated<string | null>;
  /** When the text last changed after posting (author or moderator); null if never. */
  edited_at: Generated<string | null>;
}

/** A comment's text as it was before one change. */
export interface CommentRevisionsTable {
  id: string;
  comment_id: string;
  body: string;
  /** 'author', or the id of the staff member who changed the text. */
  edited_by: string;
  created_at: string;
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

/** Why a comment has its status: a rule of the moderation pipeline, a reader-report hold, or a moderator. */
export interface CommentDecisionsTable {
  id: string;
  comment_id: string;
  /** The status this decision gives the comment. */
  status: CommentStatus;
  /** Stable code of the rule, e.g. links, blocked_ip, first_comment, reports, moderator. */
  rule: string;
  /** The sentence in English, as written when decided (older rows have only this). */
  reason: string;
  /** JSON of the values the rule's catalogue sentence takes (`moderation.reason.<rule>`); null: show `reason` as stored. */
  reason_values: string | null;
  /** The moderator who decided; null for automatic decisions. */
  staff_id: string | null;
  created_at: string;
}

export interface CommentReportsTable {
  id: string;
  comment_id: string;
  reporter_ip: string;
  reason: string;
  created_at: string;
}

export interface CommenterBansTable {
  id: string;
  /** Empty when the ban is by address only. */
  email: string;
  /** An address or a CIDR range; empty when the ban is by email only. */
  ip: string;
  reason: string;
  staff_id: string | null;
  created_at: string;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleRowUpdate = Updateable<ArticlesTable>;
export type CommentRow = Selectable<CommentsTable>;
export type NewCommentRow = Insertable<CommentsTable>;
export type UserRow = Selectable<UsersTable>;
export type SectionRow = Selectable<SectionsTable>;
export type TagRow = Selectable<TagsTable>;

export interface SessionsTable {
  id: string;
  /** sha256 of the cookie's secret: a stolen database does not yield live sessions. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export interface SignInAttemptsTable {
  id: string;
  email: string;
  ip: string;
  succeeded: number;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject: string;
  /** JSON object with what changed. */
  details: string;
  ip: string;
  created_at: string;
}

export interface PasswordTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  purpose: 'reset' | 'invite';
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** Set when a newer password (a used link, a change, an admin's reset) made this link pointless. */
  revoked_at: Generated<string | null>;
}

export interface ArticleRevisionsTable {
  id: string;
  article_id: string;
  version: number;
  editor_id: string | null;
  editor_name: string;
  /** JSON of the article's editable fields as saved. */
  snapshot: string;
  created_at: string;
}
export type CommentDecisionRow = Selectable<CommentDecisionsTable>;
export type NewCommentDecisionRow = Insertable<CommentDecisionsTable>;
export type CommenterBanRow = Selectable<CommenterBansTable>;

export interface MediaTable {
  id: string;
  /** Address of the full-size file under /media/. */
  url: string;
  original_name: string;
  format: 'jpeg' | 'png' | 'webp' | 'avif';
  width: number;
  height: number;
  bytes: number;
  /** The responsive sizes, as a srcset attribute value. */
  srcset: string;
  caption: string;
  credit: string;
  alt: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface TermRedirectsTable {
  kind: 'section' | 'tag';
  old_slug: string;
  term_id: string;
}

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** A mail written with the change that calls for it, sent by the delivery worker after commit. */
export interface MailOutboxTable {
  id: string;
  /** What the mail is about, e.g. comment_reply, moderation_digest. */
  kind: string;
  /** With kind, names the event: one mail per event, however often it is queued. */
  dedupe_key: string;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: Generated<string>;
  /** JSON object of extra headers. */
  headers: Generated<string>;
  status: MailStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  /** While sending: when the claim lapses and another worker may try. */
  lease_until: Generated<string | null>;
  last_error: Generated<string>;
  created_at: string;
  sent_at: Generated<string | null>;
}

export interface NotificationOptoutsTable {
  email: string;
  created_at: string;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface JobRunsTable {
  name: string;
  last_run_at: string;
}
export type MailOutboxRow = Selectable<MailOutboxTable>;

/** A private address where an unpublished article can be read; only the hash of its secret is stored. */
export interface PreviewLinksTable {
  id: string;
  article_id: string;
  token_hash: string;
  /** Null once that person is gone, or for links converted from the time before this table. */
  created_by: string | null;
  created_at: string;
  expires_at: string;
}

/** The searchable text of an article; each engine adds its own index columns (see the search migration). */
export interface SearchDocumentsTable {
  article_id: string;
  headline: string;
  subheadline: string;
  body: string;
  bylines: string;
  tags: string;
  dateline: string;
}

/** The first-admin setup code: only its SHA-256 (one row at most, id 'first-admin'). */
export interface SetupCodesTable {
  id: string;
  code_hash: string;
  created_at: string;
}

/** A person's unsaved text of an article, saved every few seconds by the editor; not the article's version. */
export interface AutosavesTable {
  user_id: string;
  /** The article's id, or 'new' for the article the person is writing and has not saved yet. */
  article_key: string;
  article_id: string | null;
  /** JSON: the text fields as typed (headline, subheadline, body, excerpt, dateline). */
  fields: string;
  saved_at: string;
}
