// The editor: every field of an article in one form that saves and publishes without JavaScript.
import type { Article, ArticleFormValues } from '../../modules/articles/index.ts';
import type { MediaItem } from '../../modules/media/index.ts';
import type { Section } from '../../modules/sections/index.ts';
import { type FieldErrors, fieldErrors, type FormProblem } from '../form-errors.tsx';
import { articlePath } from '../site.ts';
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
  media: MediaItem[];
  timeZone: string;
  /** Why the last save was refused, shown beside its field. */
  error?: FormProblem;
}

/** The editor's controls by the field names its errors use (the service's, the schema's): where the summary links. */
export const ARTICLE_FIELD_IDS = {
  headline: 'headline', subheadline: 'subheadline', slug: 'slug', dateline: 'dateline', sourceCredit: 'sourceCredit', body: 'body', excerpt: 'excerpt',
  authors: 'authors', section: 'section', tags: 'tags', mediaId: 'mediaId', 'featuredImage.url': 'imageUrl', imageUrl: 'imageUrl',
  'featuredImage.alt': 'imageAlt', imageAlt: 'imageAlt', imageCaption: 'imageCaption', imageCredit: 'imageCredit', imageWidth: 'imageWidth',
  imageHeight: 'imageHeight', commentStatus: 'commentStatus', publishAt: 'publishAt',
} as const;

/** A labelled field; `name` is the field its errors name, when not its control's id. */
function Field({ id, name = id, label, hint, children, errors, error }: {
  id: string; name?: string; label: string; hint?: string; errors: FieldErrors; error?: FormProblem; children: preact.ComponentChildren;
}) {
  return (
    <p class={`field${error?.field === name ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {errors.message(name, { inline: true })}
    </p>
  );
}

export function ArticleForm({ article, values, token, mayPublish, mayPin, sections, people, media, timeZone, error }: Props) {
  const action = article ? `/admin/articles/${article.id}` : '/admin/articles';
  const errors = fieldErrors(error);
  return (
    <form method="post" action={action} class="desk-form article-form">
      <FormToken token={token} />
      <input type="hidden" name="version" value={values.version} />
      {article && (
        <p class="article-state">
          Status: <strong>{article.status}</strong>
          {article.status === 'published' && <> · <a href={articlePath(article.slug)}>View on the site</a></>}
          {' '}· version {article.version} · <a href={`/admin/articles/${article.id}/revisions`}>Revisions</a>
        </p>
      )}
      <Field id="headline" label="Headline" errors={errors} error={error}>
        <input id="headline" name="headline" required maxLength={300} value={values.headline} {...errors.control('headline')} />
      </Field>
      <Field id="subheadline" label="Subheadline (optional)" errors={errors} error={error}>
        <input id="subheadline" name="subheadline" maxLength={500} value={values.subheadline} {...errors.control('subheadline')} />
      </Field>
      <Field id="slug" label="Address (slug)" hint="Made from the headline when left empty. Changing it keeps the old address working." errors={errors} error={error}>
        <input id="slug" name="slug" maxLength={200} value={values.slug} {...errors.control('slug', 'slug-hint')} />
      </Field>
      <div class="field-row">
        <Field id="dateline" label="Dateline" hint="Opens the body, e.g. HAVANA TIMES –" errors={errors} error={error}>
          <input id="dateline" name="dateline" maxLength={120} value={values.dateline} {...errors.control('dateline', 'dateline-hint')} />
        </Field>
        <Field id="sourceCredit" label="Source credit" hint="Wire service, e.g. dpa" errors={errors} error={error}>
          <input id="sourceCredit" name="sourceCredit" maxLength={120} value={values.sourceCredit} {...errors.control('sourceCredit', 'sourceCredit-hint')} />
        </Field>
      </div>
      <Field id="body" label="Body (Markdown)" hint="Blank lines separate paragraphs; **bold**, *italic*, [link](https://…), > quote. Pasted HTML is cleaned." errors={errors} error={error}>
        <textarea id="body" name="body" rows={18} required {...errors.control('body', 'body-hint')}>{values.body}</textarea>
      </Field>
      <Field id="excerpt" label="Excerpt (optional)" hint="Shown in lists; the first paragraph when empty." errors={errors} error={error}>
        <textarea id="excerpt" name="excerpt" rows={2} maxLength={1000} {...errors.control('excerpt', 'excerpt-hint')}>{values.excerpt}</textarea>
      </Field>
      <fieldset id="authors" {...(error?.field === 'authors' ? { 'aria-describedby': 'authors-error' } : {})}>
        <legend>Authors</legend>
        {errors.message('authors')}
        {people.map((p) => (
          <label class="check"><input type="checkbox" name="authors" value={p.id} checked={values.authors.includes(p.id)} /> {p.name}</label>
        ))}
      </fieldset>
      <div class="field-row">
        <Field id="section" label="Section" errors={errors} error={error}>
          <select id="section" name="section" {...errors.control('section')}>
            <option value="">(none)</option>
            {sections.map((s) => <option value={s.slug} selected={values.section === s.slug}>{s.name}</option>)}
          </select>
        </Field>
        <Field id="tags" label="Tags" hint="Separate with commas." errors={errors} error={error}>
          <input id="tags" name="tags" value={values.tags} {...errors.control('tags', 'tags-hint')} />
        </Field>
      </div>
      <fieldset>
        <legend>Featured image</legend>
        {media.length > 0 && (
          <Field id="mediaId" label="From the media library" hint="Its caption, credit and alt text fill the fields below that you leave empty." errors={errors} error={error}>
            <select id="mediaId" name="mediaId" {...errors.control('mediaId', 'mediaId-hint')}>
              <option value="">(keep the address below)</option>
              {media.map((m) => <option value={m.id} selected={values.mediaId === m.id}>{`${m.caption || m.originalName} (${m.width}×${m.height})`}</option>)}
            </select>
          </Field>
        )}
        <Field id="imageUrl" label="Image address" hint="/media/… or https://…" name="featuredImage.url" errors={errors} error={error}>
          <input id="imageUrl" name="imageUrl" maxLength={2000} value={values.imageUrl} {...errors.control('featuredImage.url', 'imageUrl-hint')} />
        </Field>
        <Field id="imageAlt" label="Alt text (what the image shows, for readers who cannot see it)" name="featuredImage.alt" errors={errors} error={error}>
          <input id="imageAlt" name="imageAlt" maxLength={1000} value={values.imageAlt} {...errors.control('featuredImage.alt')} />
        </Field>
        <div class="field-row">
          <Field id="imageCaption" label="Caption" errors={errors} error={error}><input id="imageCaption" name="imageCaption" maxLength={1000} value={values.imageCaption} {...errors.control('imageCaption')} /></Field>
          <Field id="imageCredit" label="Credit" errors={errors} error={error}><input id="imageCredit" name="imageCredit" maxLength={200} value={values.imageCredit} {...errors.control('imageCredit')} /></Field>
        </div>
        <div class="field-row">
          <Field id="imageWidth" label="Width (px)" errors={errors} error={error}><input id="imageWidth" name="imageWidth" inputMode="numeric" pattern="[0-9]*" value={values.imageWidth} {...errors.control('imageWidth')} /></Field>
          <Field id="imageHeight" label="Height (px)" errors={errors} error={error}><input id="imageHeight" name="imageHeight" inputMode="numeric" pattern="[0-9]*" value={values.imageHeight} {...errors.control('imageHeight')} /></Field>
        </div>
      </fieldset>
      <div class="field-row">
        <Field id="commentStatus" label="Discussion" errors={errors} error={error}>
          <select id="commentStatus" name="commentStatus" {...errors.control('commentStatus')}>
            <option value="default" selected={values.commentStatus === 'default'}>Site default (closes after the set number of days)</option>
            <option value="open" selected={values.commentStatus === 'open'}>Open</option>
            <option value="closed" selected={values.commentStatus === 'closed'}>Closed</option>
          </select>
        </Field>
        <Field id="publishAt" label={`Publication time (${timeZone})`} hint="Leave empty to publish now; a future time schedules." errors={errors} error={error}>
          <input id="publishAt" name="publishAt" type="datetime-local" step={1} value={values.publishAt} {...errors.control('publishAt', 'publishAt-hint')} />
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
