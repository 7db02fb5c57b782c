// The records of a WordPress export (WXR), as the reader hands them over: plain data, no Dateline ids.

export interface WxrSite {
  title: string;
  link: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  language: string;
  version: string;
}

export interface WxrAuthor {
  id: string;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

export interface WxrTerm {
  /** category, post_tag, or a custom taxonomy's name. */
  taxonomy: string;
  id: string;
  slug: string;
  name: string;
  /** The parent's slug (WXR names parents by slug). */
  parent: string;
  description: string;
}

export interface WxrMeta {
  key: string;
  value: string;
}

export interface WxrComment {
  id: string;
  author: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  date: string;
  dateGmt: string;
  content: string;
  /** 1, 0, spam, trash, post-trashed. */
  approved: string;
  /** '' or comment, pingback, trackback, or a plugin's own type. */
  type: string;
  parent: string;
  userId: string;
  agent: string;
  meta: WxrMeta[];
  line: number;
}

export interface WxrItemTerm {
  domain: string;
  slug: string;
  name: string;
}

export interface WxrItem {
  title: string;
  link: string;
  pubDate: string;
  creator: string;
  guid: string;
  description: string;
  content: string;
  excerpt: string;
  id: string;
  date: string;
  dateGmt: string;
  commentStatus: string;
  pingStatus: string;
  name: string;
  status: string;
  parent: string;
  menuOrder: string;
  type: string;
  password: string;
  sticky: string;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: WxrMeta[];
  comments: WxrComment[];
  line: number;
}

export type WxrRecord =
  | { type: 'site'; site: WxrSite }
  | { type: 'author'; author: WxrAuthor; line: number }
  | { type: 'term'; term: WxrTerm; line: number }
  | { type: 'item'; item: WxrItem };

/** Which refusal a WxrError is, with the figures its sentence names, for the catalogue (errors.wxr_invalid). */
export interface WxrRefusal {
  reason: string;
  values?: Record<string, string>;
}

/** A file that is not a readable WXR export; `line` is where the reader noticed. */
export class WxrError extends Error {
  constructor(
    /** What is wrong, without the line (`message` starts with it). */
    readonly detail: string,
    readonly line: number,
    readonly refusal: WxrRefusal = { reason: 'other', values: { detail } },
  ) {
    super(`line ${line}: ${detail}`);
  }
}
