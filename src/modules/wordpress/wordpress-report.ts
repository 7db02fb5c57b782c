// What an import did, counted by kind, with every skipped thing and its reason; and its text for the terminal.
import type { Translator } from '../../platform/i18n/translator.ts';

export const REPORT_KINDS = [
  'author',
  'category',
  'tag',
  'post',
  'page',
  'attachment',
  'comment',
  'pingback',
  'trackback',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

/** Why something was left out; each is worded by the catalogue's `wordpress.skip.<code>` with the skip's values. */
export type SkipCode =
  | 'no_id'
  | 'comment_type'
  | 'empty'
  | 'deleted_here'
  | 'no_file_url'
  | 'item_type'
  | 'not_content'
  | 'featured_image_missing'
  | 'no_login'
  | 'parent_category_missing'
  | 'no_name'
  | 'taxonomy';

/** What was brought over but changed on the way; worded by `wordpress.note.<code>` with the note's values. */
export type NoteCode =
  | 'title_cut'
  | 'untitled'
  | 'categories'
  | 'redirect_offsite'
  | 'path_served'
  | 'author_email'
  | 'author_matched'
  | 'author_new_email_unusable'
  | 'author_new_email_taken'
  | 'category_joined'
  | 'tag_name_cut'
  | 'copy_failed';

/** The figures and words a skip's or note's sentence takes (names, addresses and limits as the file has them). */
export type DetailValues = Record<string, string | number>;

export interface Skipped {
  kind: ReportKind | 'term' | 'item';
  /** The WordPress id (or slug, login) of what was skipped; empty when the file gave none. */
  id: string;
  code: SkipCode;
  values: DetailValues;
}

export interface Note {
  /** What the note is about, when it is one thing of the file. */
  about?: { kind: ReportKind | 'term' | 'item'; id: string };
  code: NoteCode;
  values: DetailValues;
}

export interface ImportReport {
  file: string;
  /** The exporting site (its base URL): what ids are matched within. */
  source: string;
  dryRun: boolean;
  counts: Record<ReportKind, Tally>;
  skipped: Skipped[];
  /** How many posts and pages had each WordPress status (`protected`: password-protected; `wordpress.status` says what each became). */
  statuses: Record<string, number>;
  /** Shortcodes left in bodies as text, with how many bodies had each. */
  shortcodes: Record<string, number>;
  /** Things brought over but changed on the way (placeholder emails, cut titles...). */
  notes: Note[];
  /** Files that stay at their WordPress URL (no --uploads-dir, or not found in it). */
  keptUrls: string[];
  /** Files copied from --uploads-dir into the media folder. */
  copiedFiles: number;
  /** Old addresses that answer with a 301 (all imports from this site). */
  redirects: number;
}

export function emptyReport(file: string, dryRun: boolean): ImportReport {
  const counts = Object.fromEntries(
    REPORT_KINDS.map((k) => [k, { created: 0, updated: 0, unchanged: 0, skipped: 0 }]),
  ) as Record<ReportKind, Tally>;
  return {
    file,
    source: '',
    dryRun,
    counts,
    skipped: [],
    statuses: {},
    shortcodes: {},
    notes: [],
    keptUrls: [],
    copiedFiles: 0,
    redirects: 0,
  };
}

/** What a detail is about, as "post 12", in the translator's language; nothing when the file named nothing. */
function subject(i18n: Pick<Translator, 't'>, about: { kind: string; id: string } | undefined): string {
  if (!about) return '';
  return `${i18n.t('desk.import.kindName', { kind: about.kind })}${about.id ? ` ${about.id}` : ''}: `;
}

/** One skipped thing and why, in the translator's language ("post 301: in the WordPress trash (status trash)"). */
export const skippedText = (i18n: Pick<Translator, 't'>, s: Skipped): string =>
  `${subject(i18n, s)}${i18n.t(`wordpress.skip.${s.code}`, s.values)}`;

/** One note, in the translator's language ("category news: joined the existing section “News”"). */
export const noteText = (i18n: Pick<Translator, 't'>, n: Note): string =>
  `${subject(i18n, n.about)}${i18n.t(`wordpress.note.${n.code}`, n.values)}`;

/** The report as the CLI prints it, in the command's language; names and addresses as the file has them. */
export function formatReport(report: ImportReport, i18n: Pick<Translator, 't'>): string {
  const { t } = i18n;
  const lines: string[] = [];
  lines.push(
    t('cli.import.heading', {
      dryRun: report.dryRun ? 'yes' : 'no',
      file: report.file,
      source: report.source || t('desk.import.unknownSite'),
    }),
  );
  lines.push('');
  const heads = (['kind', 'created', 'updated', 'unchanged', 'skipped'] as const).map((k) => t(`desk.import.${k}`));
  const widths = [12, 8, 8, 10, 8].map((w, i) => Math.max(w, heads[i].length));
  const row = (cells: string[]) =>
    `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[i]))).join(' ')}`;
  lines.push(row(heads));
  for (const kind of REPORT_KINDS) {
    const c = report.counts[kind];
    lines.push(row([t('cli.import.kinds', { kind }), ...[c.created, c.updated, c.unchanged, c.skipped].map(String)]));
  }
  lines.push('');
  lines.push(t('cli.import.redirects', { count: report.redirects }));
  if (Object.keys(report.statuses).length) {
    lines.push(`${t('desk.import.statuses')}:`);
    for (const [status, n] of Object.entries(report.statuses))
      lines.push(`  ${t('wordpress.status', { status })}: ${n}`);
  }
  if (report.copiedFiles) lines.push(t('cli.import.copied', { count: report.copiedFiles }));
  if (report.keptUrls.length) {
    lines.push(t('cli.import.keptUrls', { count: report.keptUrls.length }));
    for (const url of report.keptUrls) lines.push(`  ${url}`);
  }
  if (Object.keys(report.shortcodes).length) {
    lines.push(t('cli.import.shortcodes'));
    for (const [name, n] of Object.entries(report.shortcodes))
      lines.push(`  [${name}] ${t('desk.import.inBodies', { count: n })}`);
  }
  if (report.notes.length) {
    lines.push(`${t('desk.import.notes')}:`);
    for (const note of report.notes) lines.push(`  ${noteText(i18n, note)}`);
  }
  if (report.skipped.length) {
    lines.push(`${t('desk.import.skippedHeading', { count: report.skipped.length })}:`);
    for (const s of report.skipped) lines.push(`  ${skippedText(i18n, s)}`);
  }
  return lines.join('\n');
}
