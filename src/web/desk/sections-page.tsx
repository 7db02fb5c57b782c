// The desk page for sections and tags: rename, merge, delete, create.
import type { TermKind, TermWithCount } from '../../modules/sections/index.ts';
import { type FieldIds, fieldErrors, type FormProblem, problemOf } from '../form-errors.tsx';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

function TermTable({
  kind,
  terms,
  token,
  error,
}: {
  kind: TermKind;
  terms: TermWithCount[];
  token?: string;
  error?: FormProblem;
}) {
  const base = `/admin/${kind}s`;
  return (
    <table class="desk-table">
      <thead>
        <tr>
          <th scope="col">Name and address</th>
          <th scope="col">Articles</th>
          {kind === 'section' && <th scope="col">Discussions close after</th>}
          <th scope="col">Merge into</th>
          <th scope="col">Delete</th>
        </tr>
      </thead>
      <tbody>
        {terms.map((t) => {
          const rename = fieldErrors(problemOf(error, `rename:${t.id}`), `${t.id}-`);
          const days = fieldErrors(problemOf(error, `discussion:${t.id}`), `${t.id}-`);
          const merge = fieldErrors(problemOf(error, `merge:${t.id}`), `${t.id}-`);
          return (
            <tr>
              <td>
                <form method="post" action={`${base}/${t.id}/rename`} class="inline-form">
                  <FormToken token={token} />
                  <label class="visually-hidden" for={`name-${t.id}`}>
                    Name of {t.name}
                  </label>
                  <input
                    id={`name-${t.id}`}
                    name="name"
                    value={t.name}
                    required
                    maxLength={120}
                    {...rename.control('name')}
                  />
                  {rename.message('name', { inline: true })}{' '}
                  <label class="visually-hidden" for={`slug-${t.id}`}>
                    Address of {t.name}
                  </label>
                  <input
                    id={`slug-${t.id}`}
                    name="slug"
                    value={t.slug}
                    required
                    maxLength={120}
                    {...rename.control('slug')}
                  />
                  {rename.message('slug', { inline: true })}{' '}
                  <button type="submit" class="secondary">
                    Rename
                  </button>
                </form>
              </td>
              <td>{t.articles}</td>
              {kind === 'section' && (
                <td>
                  <form method="post" action={`${base}/${t.id}/discussion`} class="inline-form">
                    <FormToken token={token} />
                    <label class="visually-hidden" for={`days-${t.id}`}>
                      Days before discussions close in {t.name} (empty: site default)
                    </label>
                    <input
                      id={`days-${t.id}`}
                      name="days"
                      inputMode="numeric"
                      size={4}
                      value={t.closeAfterDays ?? ''}
                      placeholder="site"
                      {...days.control('days')}
                    />{' '}
                    days{days.message('days', { inline: true })}{' '}
                    <button type="submit" class="secondary">
                      Save
                    </button>
                  </form>
                </td>
              )}
              <td>
                {terms.length > 1 && (
                  <form method="post" action={`${base}/${t.id}/merge`} class="inline-form">
                    <FormToken token={token} />
                    <label class="visually-hidden" for={`into-${t.id}`}>
                      Merge {t.name} into
                    </label>
                    <select id={`into-${t.id}`} name="into" {...merge.control('into')}>
                      {terms
                        .filter((o) => o.id !== t.id)
                        .map((o) => (
                          <option value={o.id}>{o.name}</option>
                        ))}
                    </select>
                    {merge.message('into', { inline: true })}{' '}
                    <button type="submit" class="secondary">
                      Merge
                    </button>
                  </form>
                )}
              </td>
              <td>
                <form method="post" action={`${base}/${t.id}/delete`} class="inline-form">
                  <FormToken token={token} />
                  <button type="submit" class="danger" aria-label={`Delete ${t.name}`}>
                    Delete
                  </button>
                </form>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface Props {
  chrome: DeskChrome;
  sections: TermWithCount[];
  tags: TermWithCount[];
  notice?: string;
  /** Why a form was refused; its `form` says which (`new:section`, `rename:<id>`, `merge:<id>`, `discussion:<id>`). */
  error?: FormProblem;
}

/** The control a refused form's field is in. */
function controlOf(error: FormProblem | undefined): FieldIds {
  const [action, id] = (error?.form ?? '').split(':');
  if (!error?.field || !action || !id) return {};
  const control =
    action === 'new'
      ? `new-${id}`
      : action === 'discussion'
        ? `days-${id}`
        : action === 'merge'
          ? `into-${id}`
          : `${error.field}-${id}`;
  return { [error.field]: control };
}

export function SectionsPage({ chrome, sections, tags, notice, error }: Props) {
  return (
    <DeskLayout chrome={chrome} title="Sections and tags" notice={notice} error={error} fields={controlOf(error)}>
      <p>Renaming or merging keeps old addresses working: they lead to the new place with a permanent redirect.</p>
      {(['section', 'tag'] as const).map((kind) => (
        <section aria-labelledby={`${kind}-title`}>
          <h2 id={`${kind}-title`}>{kind === 'section' ? 'Sections' : 'Tags'}</h2>
          <TermTable kind={kind} terms={kind === 'section' ? sections : tags} token={chrome.token} error={error} />
          <form method="post" action={`/admin/${kind}s`} class="inline-form">
            <FormToken token={chrome.token} />
            <label for={`new-${kind}`}>New {kind}</label>{' '}
            <input
              id={`new-${kind}`}
              name="name"
              required
              maxLength={120}
              {...fieldErrors(problemOf(error, `new:${kind}`), `new-${kind}-`).control('name')}
            />
            {fieldErrors(problemOf(error, `new:${kind}`), `new-${kind}-`).message('name', { inline: true })}{' '}
            <button type="submit">Add</button>
          </form>
        </section>
      ))}
    </DeskLayout>
  );
}
