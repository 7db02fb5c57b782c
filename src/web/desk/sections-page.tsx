// The desk page for sections and tags: rename, merge, delete, create.
import type { TermKind, TermWithCount } from '../../modules/sections/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import { type FieldIds, fieldErrors, type FormProblem, problemOf } from '../form-errors.tsx';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

function TermTable({
  i18n,
  kind,
  terms,
  token,
  error,
}: {
  i18n: Translator;
  kind: TermKind;
  terms: TermWithCount[];
  token?: string;
  error?: FormProblem;
}) {
  const base = `/admin/${kind}s`;
  const { t: tr } = i18n;
  return (
    <table class="desk-table">
      <thead>
        <tr>
          <th scope="col">{tr('desk.sections.nameAndAddress')}</th>
          <th scope="col">{tr('desk.sections.articles')}</th>
          {kind === 'section' && <th scope="col">{tr('desk.sections.closeAfter')}</th>}
          <th scope="col">{tr('desk.sections.mergeInto')}</th>
          <th scope="col">{tr('desk.sections.delete')}</th>
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
                    {tr('desk.sections.nameOf', { name: t.name })}
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
                    {tr('desk.sections.addressOf', { name: t.name })}
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
                    {tr('desk.sections.rename')}
                  </button>
                </form>
              </td>
              <td>{i18n.number(t.articles)}</td>
              {kind === 'section' && (
                <td>
                  <form method="post" action={`${base}/${t.id}/discussion`} class="inline-form">
                    <FormToken token={token} />
                    <label class="visually-hidden" for={`days-${t.id}`}>
                      {tr('desk.sections.daysOf', { name: t.name })}
                    </label>
                    <input
                      id={`days-${t.id}`}
                      name="days"
                      inputMode="numeric"
                      size={4}
                      value={t.closeAfterDays ?? ''}
                      placeholder={tr('desk.sections.daysPlaceholder')}
                      {...days.control('days')}
                    />{' '}
                    {tr('desk.sections.days')}
                    {days.message('days', { inline: true })}{' '}
                    <button type="submit" class="secondary">
                      {tr('desk.sections.save')}
                    </button>
                  </form>
                </td>
              )}
              <td>
                {terms.length > 1 && (
                  <form method="post" action={`${base}/${t.id}/merge`} class="inline-form">
                    <FormToken token={token} />
                    <label class="visually-hidden" for={`into-${t.id}`}>
                      {tr('desk.sections.mergeOf', { name: t.name })}
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
                      {tr('desk.sections.merge')}
                    </button>
                  </form>
                )}
              </td>
              <td>
                <form method="post" action={`${base}/${t.id}/delete`} class="inline-form">
                  <FormToken token={token} />
                  <button type="submit" class="danger" aria-label={tr('desk.sections.deleteOne', { name: t.name })}>
                    {tr('desk.sections.delete')}
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
  const { t } = chrome.i18n;
  return (
    <DeskLayout
      chrome={chrome}
      title={t('desk.sections.title')}
      notice={notice}
      error={error}
      fields={controlOf(error)}
    >
      <p>{t('desk.sections.help')}</p>
      {(['section', 'tag'] as const).map((kind) => (
        <section aria-labelledby={`${kind}-title`}>
          <h2 id={`${kind}-title`}>{t('desk.sections.heading', { kind })}</h2>
          <TermTable
            i18n={chrome.i18n}
            kind={kind}
            terms={kind === 'section' ? sections : tags}
            token={chrome.token}
            error={error}
          />
          <form method="post" action={`/admin/${kind}s`} class="inline-form">
            <FormToken token={chrome.token} />
            <label for={`new-${kind}`}>{t('desk.sections.new', { kind })}</label>{' '}
            <input
              id={`new-${kind}`}
              name="name"
              required
              maxLength={120}
              {...fieldErrors(problemOf(error, `new:${kind}`), `new-${kind}-`).control('name')}
            />
            {fieldErrors(problemOf(error, `new:${kind}`), `new-${kind}-`).message('name', { inline: true })}{' '}
            <button type="submit">{t('desk.sections.add')}</button>
          </form>
        </section>
      ))}
    </DeskLayout>
  );
}
