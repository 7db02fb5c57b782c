// The desk's WordPress import page (admins): the upload form, and the report of the last run.
import type { ImportReport } from '../../modules/wordpress/index.ts';
import { fieldErrors } from '../form-errors.tsx';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

/** Lists on the result page stop here: a big site's report would otherwise be a page of megabytes. */
const SHOWN = 200;

function ReportView({ report }: { report: ImportReport }) {
  const rest = (n: number) => (n > SHOWN ? <p>…and {n - SHOWN} more.</p> : null);
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">
        {report.dryRun ? 'Dry run: nothing was written' : 'Imported'} from {report.source || '(unknown site)'}
      </h2>
      <table class="desk-table">
        <caption>What the file held, by kind</caption>
        <thead>
          <tr>
            <th scope="col">kind</th>
            <th scope="col">created</th>
            <th scope="col">updated</th>
            <th scope="col">unchanged</th>
            <th scope="col">skipped</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(report.counts).map(([kind, t]) => (
            <tr>
              <th scope="row">{kind}</th>
              <td>{t.created}</td>
              <td>{t.updated}</td>
              <td>{t.unchanged}</td>
              <td>{t.skipped}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Old addresses answering with a 301: {report.redirects}</p>
      {report.skipped.length > 0 && (
        <>
          <h3>Skipped ({report.skipped.length})</h3>
          <ul>
            {report.skipped.slice(0, SHOWN).map((s) => (
              <li>
                {s.kind} {s.id}: {s.reason}
              </li>
            ))}
          </ul>
          {rest(report.skipped.length)}
        </>
      )}
      {Object.keys(report.statuses).length > 0 && (
        <>
          <h3>WordPress statuses</h3>
          <ul>
            {Object.entries(report.statuses).map(([label, n]) => (
              <li>
                {label}: {n}
              </li>
            ))}
          </ul>
        </>
      )}
      {Object.keys(report.shortcodes).length > 0 && (
        <>
          <h3>Shortcodes kept as text</h3>
          <ul>
            {Object.entries(report.shortcodes).map(([name, n]) => (
              <li>
                [{name}] in {n} {n === 1 ? 'body' : 'bodies'}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.keptUrls.length > 0 && (
        <>
          <h3>Files left at their WordPress address ({report.keptUrls.length})</h3>
          <p>
            Copy wp-content/uploads to the server and run{' '}
            <code>dateline import wordpress FILE.xml --uploads-dir DIR</code> to bring them over.
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
          <h3>Notes</h3>
          <ul>
            {report.notes.slice(0, SHOWN).map((n) => (
              <li>{n}</li>
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
  return (
    <DeskLayout chrome={chrome} title="Import from WordPress" error={error} fields={{ file: 'file' }}>
      {report && <ReportView report={report} />}
      <form method="post" action="/admin/import" enctype="multipart/form-data" class="desk-form narrow">
        <FormToken token={chrome.token} />
        <p class="field">
          <label for="file">WordPress export (Tools › Export in WordPress: an .xml file, up to {maxMb} MB)</label>
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
            <input type="checkbox" name="dryRun" value="1" checked={dryRun ?? true} {...errors.control('dryRun')} /> Dry
            run: report what would happen, write nothing
          </label>
          {errors.message('dryRun', { inline: true })}
        </p>
        <p>
          <small>
            Authors, categories, tags, posts, pages and comments come over in one step, or nothing does; running it
            again updates what changed. Images stay at their WordPress address (the command line can copy them). One
            import runs at a time; the site keeps answering while it runs.
          </small>
        </p>
        <p>
          <button type="submit">{report?.dryRun ? 'Check or import' : 'Import'}</button>
        </p>
      </form>
    </DeskLayout>
  );
}
