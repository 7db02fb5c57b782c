// Settings → Discussion at the desk (admins): the discussion's display and every moderation rule, on one form.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { deskSession } from '../../http/desk-guard.ts';
import { assertForm, FORM, type PageContext, queryOrDefaults } from '../../http/page-context.ts';
import { sendHtml } from '../../http/page-response.ts';
import { AppError } from '../../platform/errors.ts';
import { DiscussionSettingsPage, type DiscussionFormValues } from '../../web/desk/discussion-settings-page.tsx';
import { renderDocument } from '../../web/layout.tsx';
import { DISCUSSION_RULES, discussionSettingsOf, parseList, type DiscussionRule } from './discussion-rules.ts';
import { defaultSettings, getSettings, updateSettings, type SiteSettings } from './settings.service.ts';

/** Each field as typed; numbers stay text here so that an emptied box is an error, not a silent 0. */
function fieldSchema(rule: DiscussionRule): TSchema {
  const title = rule.label;
  if (rule.kind === 'count') {
    return Type.Optional(
      Type.String({
        pattern: '^\\s*\\d{1,9}\\s*$',
        title,
        errorMessage: `${title}: give a whole number from ${rule.min} to ${rule.max}.`,
      }),
    );
  }
  if (rule.kind === 'seconds') {
    return Type.Optional(
      Type.String({
        pattern: '^\\s*\\d{1,9}(\\.\\d{1,3})?\\s*$',
        title,
        errorMessage: `${title}: give a number of seconds from ${rule.min} to ${rule.max}, such as 15 or 0.5.`,
      }),
    );
  }
  if (rule.kind === 'list') return Type.Optional(Type.String({ maxLength: 1_000_000, title }));
  if (rule.kind === 'onOff') return Type.Optional(Type.Literal('1', { title }));
  return Type.Optional(Type.Union([Type.Literal('newest'), Type.Literal('oldest')], { title }));
}

const DiscussionForm = Type.Object(Object.fromEntries(DISCUSSION_RULES.map((r) => [r.key, fieldSchema(r)])));
const Query = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });

/** The form's text as settings: numbers, lists one entry a line, the box (absent: off). Fields not sent stay as they are. */
function settingsFromForm(body: Record<string, string | undefined>): Partial<SiteSettings> {
  const out: Record<string, unknown> = {};
  for (const rule of DISCUSSION_RULES) {
    const value = body[rule.key];
    if (rule.kind === 'onOff') out[rule.key] = value === '1';
    else if (value === undefined) continue;
    else if (rule.kind === 'list') out[rule.key] = parseList(value);
    else if (rule.kind === 'pageOrder') out[rule.key] = value === 'newest';
    else out[rule.key] = Number(value.trim());
  }
  return out as Partial<SiteSettings>;
}

const rulesView = DISCUSSION_RULES.map((rule) => ({ ...rule, defaultValue: defaultSettings[rule.key] }));

export function registerDiscussionSettingsDesk(root: FastifyInstance, ctx: PageContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const config = { permission: 'settings.manage' } as const;

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: { status: number; values: DiscussionFormValues; saved?: boolean; error?: AppError },
  ) => {
    const chrome = await ctx.desk(req);
    return sendHtml(
      reply,
      view.status,
      renderDocument(
        <DiscussionSettingsPage
          chrome={chrome}
          rules={rulesView}
          values={view.values}
          notice={view.saved ? chrome.i18n.t('desk.discussion.saved') : undefined}
          error={view.error && { message: chrome.i18n.error(view.error), field: view.error.field }}
        />,
      ),
    );
  };

  app.get(
    '/settings/discussion',
    { schema: { querystring: Query }, attachValidation: true, config },
    async (req, reply) => {
      const done = queryOrDefaults(req).done;
      return page(req, reply, {
        status: 200,
        values: discussionSettingsOf(await getSettings(ctx.deps)),
        saved: Boolean(done),
      });
    },
  );

  app.post('/settings/discussion', { schema: { body: DiscussionForm }, ...FORM, config }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    try {
      assertForm(req);
      await updateSettings(ctx.deps, settingsFromForm(body), { staff: deskSession(req).staff, ip: req.ip });
      return reply.redirect('/admin/settings/discussion?done=1', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return page(req, reply, { status: 422, values: body as DiscussionFormValues, error });
    }
  });
}
