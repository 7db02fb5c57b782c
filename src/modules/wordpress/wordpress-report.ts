// What an import did, counted by kind, with every skipped thing and its reason; and its text for the terminal.

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

export interface Skipped {
  kind: ReportKind | 'term' | 'item';
  /** The WordPress id (or slug, login) of what was skipped. */
  id: string;
  reason: string;
}

export interface ImportReport {
  file: string;
  /** The exporting site (its base URL): what ids are matched within. */
  source: string;
  dryRun: boolean;
  counts: Record<ReportKind, Tally>;
  skipped: Skipped[];
  /** How WordPress statuses became Dateline's, e.g. "private → draft": 2. */
  statuses: Record<string, number>;
  /** Shortcodes left in bodies as text, with how many bodies had each. */
  shortcodes: Record<string, number>;
  /** Things brought over but changed on the way (placeholder emails, cut titles...). */
  notes: string[];
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

const PLURAL: Record<ReportKind, string> = {
  author: 'authors',
  category: 'categories',
  tag: 'tags',
  post: 'posts',
  page: 'pages',
  attachment: 'attachments',
  comment: 'comments',
  pingback: 'pingbacks',
  trackback: 'trackbacks',
};

/** The report as the CLI prints it. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  lines.push(
    `${report.dryRun ? 'Dry run (nothing was written): ' : ''}WordPress import of ${report.file} from ${report.source || '(unknown site)'}`,
  );
  lines.push('');
  lines.push(
    `  ${'kind'.padEnd(12)} ${'created'.padStart(8)} ${'updated'.padStart(8)} ${'unchanged'.padStart(10)} ${'skipped'.padStart(8)}`,
  );
  for (const kind of REPORT_KINDS) {
    const t = report.counts[kind];
    lines.push(
      `  ${PLURAL[kind].padEnd(12)} ${String(t.created).padStart(8)} ${String(t.updated).padStart(8)} ${String(t.unchanged).padStart(10)} ${String(t.skipped).padStart(8)}`,
    );
  }
  lines.push('');
  lines.push(`Old addresses answering with a 301: ${report.redirects}`);
  if (Object.keys(report.statuses).length) {
    lines.push('WordPress statuses:');
    for (const [mapping, n] of Object.entries(report.statuses)) lines.push(`  ${mapping}: ${n}`);
  }
  if (report.copiedFiles) lines.push(`Files copied from the uploads folder: ${report.copiedFiles}`);
  if (report.keptUrls.length) {
    lines.push(
      `Files left at their WordPress address (${report.keptUrls.length}; copy them and run again with --uploads-dir):`,
    );
    for (const url of report.keptUrls) lines.push(`  ${url}`);
  }
  if (Object.keys(report.shortcodes).length) {
    lines.push('Shortcodes kept as text (no Dateline equivalent):');
    for (const [name, n] of Object.entries(report.shortcodes))
      lines.push(`  [${name}] in ${n} ${n === 1 ? 'body' : 'bodies'}`);
  }
  if (report.notes.length) {
    lines.push('Notes:');
    for (const note of report.notes) lines.push(`  ${note}`);
  }
  if (report.skipped.length) {
    lines.push(`Skipped (${report.skipped.length}):`);
    for (const s of report.skipped) lines.push(`  ${s.kind} ${s.id}: ${s.reason}`);
  }
  return lines.join('\n');
}
