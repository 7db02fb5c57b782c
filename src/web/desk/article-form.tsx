// The editor: every field of an article in one form that saves and publishes without JavaScript.
import type { Article, ArticleFormValues, EditorChoices } from '../../modules/articles/index.ts';
import type { Section } from '../../modules/sections/index.ts';
import { articlePath } from '../site.ts';
import { ArticlePhotos } from './article-photos.tsx';
import { FormToken } from './desk-layout.tsx';

interface Props {
  article?: Article;
  values: ArticleFormValues;
  token?: string;
  /** The buttons and the pin box a role is offered. */
  mayPublish: boolean;
  mayPin: boolean;
  sections: Section[];
  people: { id: string; name: string }[];
  choices: Pick<EditorChoices, 'library' | 'currentPhoto' | 'chosenPhoto'>;
  timeZone: string;
  field?: string;
}

function Field({ id, label, hint, children, field }: { id: string; label: string; hint?: string; field?: string; children: preact.ComponentChildren }) {
  return (
    <p class={`field${field === id ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && <small id={`${id}-hint`}>{hint}</small>}
    </p>
  );
}

export function ArticleForm({ article, values, token, mayPublish, mayPin, sections, people, choices, timeZone, field }: Props) {
  const action = article ? `/admin/articles/${article.id}` : '/admin/articles';
  const invalid = (name: string) => (field === name ? { 'aria-invalid': 'true' as const } : {});
  return (
    <form method="post" action={action} class="desk-form article-form" enctype="multipart/form-data">
      <FormToken token={token} />
      {/* Enter in a text field presses the first button of the form: let that be saving, not a photo button. */}
      <button type="submit" name="action" value="save" class="visually-hidden" tabIndex={-1} aria-hidden="true">Save</button>
      <input type="hidden" name="version" value={values.version} />
      {article && (
        <p class="article-state">
          Status: <strong>{article.status}</strong>
          {article.status === 'published' && <> · <a href={articlePath(article.slug)}>View on the site</a></>}
          {' '}· version {article.version} · <a href={`/admin/articles/${article.id}/revisions`}>Revisions</a>
        </p>
      )}
      <Field id="headline" label="Headline" field={field}>
        <input id="headline" name="headline" required maxLength={300} value={values.headline} {...invalid('headline')} />
      </Field>
      <Field id="subheadline" label="Subheadline (optional)" field={field}>
        <input id="subheadline" name="subheadline" maxLength={500} value={values.subheadline} />
      </Field>
      <Field id="slug" label="Address (slug)" hint="Made from the headline when left empty. Changing it keeps the old address working." field={field}>
        <input id="slug" name="slug" maxLength={200} value={values.slug} aria-describedby="slug-hint" {...invalid('slug')} />
      </Field>
      <div class="field-row">
        <Field id="dateline" label="Dateline" hint="Opens the body, e.g. HAVANA TIMES –" field={field}>
          <input id="dateline" name="dateline" maxLength={120} value={values.dateline} aria-describedby="dateline-hint" />
        </Field>
        <Field id="sourceCredit" label="Source credit" hint="Wire service, e.g. dpa" field={field}>
          <input id="sourceCredit" name="sourceCredit" maxLength={120} value={values.sourceCredit} aria-describedby="sourceCredit-hint" />
        </Field>
      </div>
      <Field id="body" label="Body (Markdown)" hint="Blank lines separate paragraphs; **bold**, *italic*, [link](https://…), > quote. Pasted HTML is cleaned." field={field}>
        <textarea id="body" name="body" rows={18} required aria-describedby="body-hint" {...invalid('body')}>{values.body}</textarea>
      </Field>
      <Field id="excerpt" label="Excerpt (optional)" hint="Shown in lists; the first paragraph when empty." field={field}>
        <textarea id="excerpt" name="excerpt" rows={2} maxLength={1000} aria-describedby="excerpt-hint">{values.excerpt}</textarea>
      </Field>
      <fieldset>
        <legend>Authors</legend>
        {people.map((p) => (
          <label class="check"><input type="checkbox" name="authors" value={p.id} checked={values.authors.includes(p.id)} /> {p.name}</label>
        ))}
      </fieldset>
      <div class="field-row">
        <Field id="section" label="Section" field={field}>
          <select id="section" name="section">
            <option value="">(none)</option>
            {sections.map((s) => <option value={s.slug} selected={values.section === s.slug}>{s.name}</option>)}
          </select>
        </Field>
        <Field id="tags" label="Tags" hint="Separate with commas." field={field}>
          <input id="tags" name="tags" value={values.tags} aria-describedby="tags-hint" {...invalid('tags')} />
        </Field>
      </div>
      <ArticlePhotos values={values} choices={choices} current={article?.featuredImage ?? undefined} field={field} />
      <div class="field-row">
        <Field id="commentStatus" label="Discussion" field={field}>
          <select id="commentStatus" name="commentStatus">
            <option value="default" selected={values.commentStatus === 'default'}>Site default (closes after the set number of days)</option>
            <option value="open" selected={values.commentStatus === 'open'}>Open</option>
            <option value="closed" selected={values.commentStatus === 'closed'}>Closed</option>
          </select>
        </Field>
        <Field id="publishAt" label={`Publication time (${timeZone})`} hint="Leave empty to publish now; a future time schedules." field={field}>
          <input id="publishAt" name="publishAt" type="datetime-local" step={1} value={values.publishAt} aria-describedby="publishAt-hint" {...invalid('publishAt')} />
        </Field>
      </div>
      {mayPin && (
        <p class="field">
          <input type="hidden" name="pinShown" value="1" />
          <label class="check"><input type="checkbox" name="pinned" value="1" checked={values.pinned === '1'} /> Pin to the top of the front page</label>
        </p>
      )}
      <p class="actions">
        <button type="submit" name="action" value="save">{article && article.status !== 'draft' ? 'Save changes' : 'Save draft'}</button>
        {mayPublish && (!article || !['published', 'trash'].includes(article.status)) && <button type="submit" name="action" value="publish">Publish</button>}
        {mayPublish && (!article || article.status === 'draft' || article.status === 'pending') && <button type="submit" name="action" value="schedule">Schedule</button>}
        {mayPublish && article && (article.status === 'published' || article.status === 'scheduled') && <button type="submit" name="action" value="unpublish" class="secondary">Unpublish</button>}
        {!mayPublish && (!article || article.status === 'draft') && <button type="submit" name="action" value="submit">Submit for review</button>}
      </p>
    </form>
  );
}
