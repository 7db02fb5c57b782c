// The editor: every field of an article in one form that saves and publishes without JavaScript.
import type { Article, ArticleFormValues, EditorChoices } from '../../modules/articles/index.ts';
import type { Section } from '../../modules/sections/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import { type FieldErrors, fieldErrors, type FormProblem } from '../form-errors.tsx';
import { articlePath } from '../site.ts';
import { ArticlePhotos } from './article-photos.tsx';
import { FormToken } from './desk-layout.tsx';

interface Props {
  /** The desk's words. */
  i18n: Translator;
  article?: Article;
  values: ArticleFormValues;
  token?: string;
  /** The buttons and the pin box a role is offered. */
  mayPublish: boolean;
  mayPin: boolean;
  sections: Section[];
  people: { id: string; name: string }[];
  choices: Pick<EditorChoices, 'library' | 'currentPhoto' | 'chosenPhoto' | 'languages'>;
  timeZone: string;
  /** The form's autosave slot ('new' or the article's id), and whether it opens with unsaved text. */
  autosave?: { slot: string; unsaved: boolean };
  /** Why the last save was refused, shown beside its field. */
  error?: FormProblem;
}

/** The editor's controls by the field names its errors use (the service's, the schema's): where the summary links. */
export const ARTICLE_FIELD_IDS = {
  headline: 'headline',
  subheadline: 'subheadline',
  slug: 'slug',
  dateline: 'dateline',
  sourceCredit: 'sourceCredit',
  body: 'body',
  excerpt: 'excerpt',
  authors: 'authors',
  section: 'section',
  tags: 'tags',
  mediaId: 'featured-photo',
  featuredImage: 'featured-photo',
  'featuredImage.url': 'featured-photo',
  'featuredImage.alt': 'imageAlt',
  imageAlt: 'imageAlt',
  imageCaption: 'imageCaption',
  imageCredit: 'imageCredit',
  photos: 'photos',
  photoFile: 'photoFile',
  photoAlt: 'photoAlt',
  photoCaption: 'photoCaption',
  photoCredit: 'photoCredit',
  commentStatus: 'commentStatus',
  publishAt: 'publishAt',
  language: 'language',
  translation: 'translation',
} as const;

/** A labelled field; `name` is the field its errors name, when not its control's id. */
function Field({
  id,
  name = id,
  label,
  hint,
  children,
  errors,
  error,
}: {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
  error?: FormProblem;
  children: preact.ComponentChildren;
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

export function ArticleForm({
  i18n,
  article,
  values,
  token,
  mayPublish,
  mayPin,
  sections,
  people,
  choices,
  timeZone,
  error,
  autosave,
}: Props) {
  const action = article ? `/admin/articles/${article.id}` : '/admin/articles';
  const errors = fieldErrors(error);
  return (
    <form
      method="post"
      action={action}
      class="desk-form article-form"
      enctype="multipart/form-data"
      data-autosave={autosave?.slot}
      data-unsaved={autosave?.unsaved ? '1' : undefined}
      data-autosave-kept={i18n.t('desk.editor.autosaveKept', { time: '{time}' })}
      data-preview-label={i18n.t('desk.editor.previewLabel')}
      data-preview-heading={i18n.t('desk.editor.previewHeading')}
    >
      <FormToken token={token} />
      {/* Enter in a text field presses the first button of the form: let that be saving, not a photo button. */}
      <button type="submit" name="action" value="save" class="visually-hidden" tabIndex={-1} aria-hidden="true">
        {i18n.t('desk.editor.save')}
      </button>
      <input type="hidden" name="version" value={values.version} />
      {article && (
        <p class="article-state">
          {i18n.rich('desk.editor.status', {
            status: i18n.t('desk.status.name', { status: article.status }),
            strong: (words) => <strong>{words}</strong>,
          })}
          {article.status === 'published' && (
            <>
              {' '}
              · <a href={articlePath(article.slug)}>{i18n.t('desk.editor.viewOnSite')}</a>
            </>
          )}{' '}
          · {i18n.t('desk.editor.version', { version: article.version })} ·{' '}
          <a href={`/admin/articles/${article.id}/revisions`}>{i18n.t('desk.editor.revisions')}</a>
        </p>
      )}
      <Field id="headline" label={i18n.t('desk.editor.headline')} errors={errors} error={error}>
        <input
          id="headline"
          name="headline"
          required
          maxLength={300}
          value={values.headline}
          {...errors.control('headline')}
        />
      </Field>
      {choices.languages.length > 1 || error?.field === 'language' ? (
        <Field
          id="language"
          label={i18n.t('desk.editor.language')}
          hint={i18n.t('desk.editor.languageHint')}
          errors={errors}
          error={error}
        >
          <select id="language" name="language" {...errors.control('language', 'language-hint')}>
            {choices.languages.map((tag) => (
              <option value={tag} lang={tag} selected={values.language.toLowerCase() === tag.toLowerCase()}>
                {i18n.languageName(tag)}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <input type="hidden" name="language" value={values.language} />
      )}
      <Field id="subheadline" label={i18n.t('desk.editor.subheadline')} errors={errors} error={error}>
        <input
          id="subheadline"
          name="subheadline"
          maxLength={500}
          value={values.subheadline}
          {...errors.control('subheadline')}
        />
      </Field>
      <Field
        id="slug"
        label={i18n.t('desk.editor.slug')}
        hint={i18n.t('desk.editor.slugHint')}
        errors={errors}
        error={error}
      >
        <input id="slug" name="slug" maxLength={200} value={values.slug} {...errors.control('slug', 'slug-hint')} />
      </Field>
      <div class="field-row">
        <Field
          id="dateline"
          label={i18n.t('desk.editor.dateline')}
          hint={i18n.t('desk.editor.datelineHint')}
          errors={errors}
          error={error}
        >
          <input
            id="dateline"
            name="dateline"
            maxLength={120}
            value={values.dateline}
            {...errors.control('dateline', 'dateline-hint')}
          />
        </Field>
        <Field
          id="sourceCredit"
          label={i18n.t('desk.editor.sourceCredit')}
          hint={i18n.t('desk.editor.sourceCreditHint')}
          errors={errors}
          error={error}
        >
          <input
            id="sourceCredit"
            name="sourceCredit"
            maxLength={120}
            value={values.sourceCredit}
            {...errors.control('sourceCredit', 'sourceCredit-hint')}
          />
        </Field>
      </div>
      <Field
        id="body"
        label={i18n.t('desk.editor.body')}
        hint={i18n.t('desk.editor.bodyHint')}
        errors={errors}
        error={error}
      >
        <textarea id="body" name="body" rows={18} required {...errors.control('body', 'body-hint')}>
          {values.body}
        </textarea>
      </Field>
      <Field
        id="excerpt"
        label={i18n.t('desk.editor.excerpt')}
        hint={i18n.t('desk.editor.excerptHint')}
        errors={errors}
        error={error}
      >
        <textarea id="excerpt" name="excerpt" rows={2} maxLength={1000} {...errors.control('excerpt', 'excerpt-hint')}>
          {values.excerpt}
        </textarea>
      </Field>
      <fieldset id="authors" {...(error?.field === 'authors' ? { 'aria-describedby': 'authors-error' } : {})}>
        <legend>{i18n.t('desk.editor.authors')}</legend>
        <small id="authors-hint">{i18n.t('desk.editor.authorsHint')}</small>
        {errors.message('authors')}
        {people.map((p) => (
          <label class="check">
            <input type="checkbox" name="authors" value={p.id} checked={values.authors.includes(p.id)} /> {p.name}
          </label>
        ))}
      </fieldset>
      <div class="field-row">
        <Field id="section" label={i18n.t('desk.editor.section')} errors={errors} error={error}>
          <select id="section" name="section" {...errors.control('section')}>
            <option value="">{i18n.t('desk.editor.noSection')}</option>
            {sections.map((s) => (
              <option value={s.slug} selected={values.section === s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="tags"
          label={i18n.t('desk.editor.tags')}
          hint={i18n.t('desk.editor.tagsHint')}
          errors={errors}
          error={error}
        >
          <input id="tags" name="tags" value={values.tags} {...errors.control('tags', 'tags-hint')} />
        </Field>
      </div>
      <ArticlePhotos
        i18n={i18n}
        values={values}
        choices={choices}
        current={article?.featuredImage ?? undefined}
        field={error?.field}
      />
      <div class="field-row">
        <Field id="commentStatus" label={i18n.t('desk.editor.discussion')} errors={errors} error={error}>
          <select id="commentStatus" name="commentStatus" {...errors.control('commentStatus')}>
            <option value="default" selected={values.commentStatus === 'default'}>
              {i18n.t('desk.editor.discussionDefault')}
            </option>
            <option value="open" selected={values.commentStatus === 'open'}>
              {i18n.t('desk.editor.discussionOpen')}
            </option>
            <option value="closed" selected={values.commentStatus === 'closed'}>
              {i18n.t('desk.editor.discussionClosed')}
            </option>
          </select>
        </Field>
        <Field
          id="publishAt"
          label={i18n.t('desk.editor.publishAt', { timeZone })}
          hint={i18n.t('desk.editor.publishAtHint')}
          errors={errors}
          error={error}
        >
          <input
            id="publishAt"
            name="publishAt"
            type="datetime-local"
            step={1}
            value={values.publishAt}
            {...errors.control('publishAt', 'publishAt-hint')}
          />
        </Field>
      </div>
      {mayPin && (
        <p class="field">
          <input type="hidden" name="pinShown" value="1" />
          <label class="check">
            <input type="checkbox" name="pinned" value="1" checked={values.pinned === '1'} />{' '}
            {i18n.t('desk.editor.pin')}
          </label>
        </p>
      )}
      <p class="actions">
        <button type="submit" name="action" value="save">
          {i18n.t(article && article.status !== 'draft' ? 'desk.editor.saveChanges' : 'desk.editor.saveDraft')}
        </button>
        {mayPublish && (!article || !['published', 'trash'].includes(article.status)) && (
          <button type="submit" name="action" value="publish">
            {i18n.t('desk.editor.publish')}
          </button>
        )}
        {mayPublish && (!article || article.status === 'draft' || article.status === 'pending') && (
          <button type="submit" name="action" value="schedule">
            {i18n.t('desk.editor.schedule')}
          </button>
        )}
        {mayPublish && article && (article.status === 'published' || article.status === 'scheduled') && (
          <button type="submit" name="action" value="unpublish" class="secondary">
            {i18n.t('desk.editor.unpublish')}
          </button>
        )}
        {!mayPublish && (!article || article.status === 'draft') && (
          <button type="submit" name="action" value="submit">
            {i18n.t('desk.editor.submit')}
          </button>
        )}
      </p>
    </form>
  );
}
