// The site's public addresses, in one place for the pages that link to them, the mail that points at them and
// the imports that redirect old addresses to them.

export const articlePath = (slug: string) => `/articles/${encodeURIComponent(slug)}`;
export const sectionPath = (slug: string) => `/sections/${encodeURIComponent(slug)}`;
export const tagPath = (slug: string) => `/tags/${encodeURIComponent(slug)}`;
export const authorPath = (slug: string) => `/authors/${encodeURIComponent(slug)}`;
export const commentAnchor = (id: string) => `comment-${id}`;
/** The address that always finds a comment, whichever page of its discussion it is on. */
export const commentPermalink = (id: string) => `/comments/${encodeURIComponent(id)}`;
export const commentReportPath = (id: string) => `/comments/${encodeURIComponent(id)}/report`;
export const commentEditPath = (id: string) => `/comments/${encodeURIComponent(id)}/edit`;
export const commentDeletePath = (id: string) => `/comments/${encodeURIComponent(id)}/delete`;

/** The archive of a month: /archive/2019/01. */
export const archiveMonthPath = (year: number | string, month: number | string) =>
  `/archive/${year}/${String(month).padStart(2, '0')}`;

/**
 * Where a language's pages live: the default language's at the root (/, /sections/…), every other's under its tag
 * in lower case (/es/, /es-cu/sections/…).
 */
export const languagePrefix = (tag: string, defaultTag: string): string =>
  tag.toLowerCase() === defaultTag.toLowerCase() ? '' : `/${tag.toLowerCase()}`;
