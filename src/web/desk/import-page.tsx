// The desk's WordPress import page (admins): the upload form, and the report of the last run.
import type { ImportReport } from '../../modules/wordpress/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import { fieldErrors } from '../form-errors.tsx';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

/** Lists on the result page stop here: a big site's report would otherwise be a page of megabytes. */
const SHOWN = 200;

// The page words the report in the desk's language as the command line does (wordpress-report's skippedText and
// noteText): a kind, its WordPress id, and the catalogue's sentence for the skip's or note's code with its values.
/** "post 12: …", or the sentence alone when the file named nothing. */
const detail = (i18n: Translator, { about, text }: { about?: { kind: string; id: string }; text: string }) =>
  about ? `${i18n.t('desk.import.kindName', { kind: about.kind })}${about.id ? ` ${about.id}` : ''}: ${text}` : text;

function ReportView({ i18n, report }: { i18n: Translator; report: ImportReport }) {
  const rest = (n: number) => (n > SHOWN ? <p>{i18n.t('desk.import.more', { count: n - SHOWN })}</p> : null);
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">
        {i18n.t('desk.import.reportHeading', {
          dryRun: report.dryRun ? 'yes' : 'no',
          source: report.source || i18n.t('desk.import.unknownSite'),
        })}
      </h2>
      <table class="desk-table">
        <caption>{i18n.t('desk.import.countsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('desk.import.kind')}</th>
            <th scope="col">{i18n.t('desk.import.created')}</th>
            <th scope="col">{i18n.t('desk.import.updated')}</th>
            <th scope="col">{i18n.t('desk.import.unchanged')}</th>
            <th scope="col">{i18n.t('desk.import.skipped')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(report.counts).map(([kind, t]) => (
            <tr>
              <th scope="row">{i18n.t('desk.import.kindName', { kind })}</th>
              <td>{i18n.number(t.created)}</td>
              <td>{i18n.number(t.updated)}</td>
              <td>{i18n.number(t.unchanged)}</td>
              <td>{i18n.number(t.skipped)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{i18n.t('desk.import.redirects', { count: report.redirects })}</p>
      {report.skipped.length > 0 && (
        <>
          <h3>{i18n.t('desk.import.skippedHeading', { count: report.skipped.length })}</h3>
          <ul>
            {report.skipped.slice(0, SHOWN).map((s) => (
              <li>{detail(i18n, { about: s, text: i18n.t(`wordpress.skip.${s.code}`, s.values) })}</li>
            ))}
          </ul>
          {rest(report.skipped.length)}
        </>
      )}
      {Object.keys(report.statuses).length > 0 && (
        <>
          <h3>{i18n.t('desk.import.statuses')}</h3>
          <ul>
            {Object.entries(report.statuses).map(([status, n]) => (
              <li>
                {i18n.t('wordpress.status', { status })}: {i18n.number(n)}
              </li>
            ))}
          </ul>
        </>
      )}
      {Object.keys(report.shortcodes).length > 0 && (
        <>
          <h3>{i18n.t('desk.import.shortcodes')}</h3>
          <ul>
            {Object.entries(report.shortcodes).map(([name, n]) => (
              <li>
                <code>[{name}]</code> {i18n.t('desk.import.inBodies', { count: n })}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.keptUrls.length > 0 && (
        <>
          <h3>{i18n.t('desk.import.keptUrls', { count: report.keptUrls.length })}</h3>
          <p>
            {i18n.rich('desk.import.keptUrlsHint', {
              folder: <code>wp-content/uploads</code>,
              command: <code>dateline import wordpress FILE.xml --uploads-dir DIR</code>,
            })}
          </p>
          <ul>
            {report.keptUrls.slice(0, SHOWN).map((u) => (
              <li>{u}</li>
            ))}
          </ul>
          {rest(report.keptUrls.length)}
        </>
      )}
      {report.notes.length > 0 && (
        <>
          <h3>{i18n.t('desk.import.notes')}</h3>
          <ul>
            {report.notes.slice(0, SHOWN).map((n) => (
              <li>{detail(i18n, { about: n.about, text: i18n.t(`wordpress.note.${n.code}`, n.values) })}</li>
            ))}
          </ul>
          {rest(report.notes.length)}
        </>
      )}
    </section>
  );
}

interface Props {
  chrome: DeskChrome;
  /** The largest upload accepted, in megabytes. */
  maxMb: number;
  report?: ImportReport;
  error?: { message: string; field?: string };
  /** Whether the dry-run box is ticked. */
  dryRun?: boolean;
}

export function ImportPage({ chrome, maxMb, report, error, dryRun }: Props) {
  const errors = fieldErrors(error);
  const { i18n } = chrome;
  return (
    <DeskLayout chrome={chrome} title={i18n.t('desk.import.title')} error={error} fields={{ file: 'file' }}>
      {report && <ReportView i18n={i18n} report={report} />}
      <form method="post" action="/admin/import" enctype="multipart/form-data" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class="field">
          <label for="file">{i18n.t('desk.import.file', { maxMb })}</label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".xml,application/xml,text/xml"
            required
            {...errors.control('file')}
          />
          {errors.message('file', { inline: true })}
        </p>
        <p class="field">
          <label class="check">
            <input type="checkbox" name="dryRun" value="1" checked={dryRun ?? true} {...errors.control('dryRun')} />{' '}
            {i18n.t('desk.import.dryRun')}
          </label>
          {errors.message('dryRun', { inline: true })}
        </p>
        <p>
          <small>{i18n.t('desk.import.hint')}</small>
        </p>
        <p>
          <button type="submit">{i18n.t(report?.dryRun ? 'desk.import.checkOrImport' : 'desk.import.import')}</button>
        </p>
      </form>
    </DeskLayout>
  );
}
