// Staff JSON endpoints for the site settings (admins): read them all, change some.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { bearerSecurity, errors } from '../../http/api-schemas.ts';
import { staffGuard, staffOf } from '../../http/staff-auth.ts';
import { SettingsJson, SettingsPatch } from './settings.schema.ts';
import { getSettings, updateSettings, type SiteSettings } from './settings.service.ts';

/** What a settings change through the API must tell modules above settings (search follows the language). */
export interface SettingsApiHooks {
  languageChanged(language: string): Promise<void>;
}

export function registerSettingsApi(root: FastifyInstance, deps: Deps, hooks: SettingsApiHooks): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['settings (staff)'];

  app.get(
    '/api/settings',
    {
      onRequest: staffGuard('settings.manage'),
      schema: {
        tags,
        summary: 'Every site setting: the site, its feeds, the discussion and its moderation rules',
        security: bearerSecurity,
        response: { 200: SettingsJson, ...errors(401, 403) },
      },
    },
    async (_req, reply) => {
      return reply.header('cache-control', 'no-store').send(await getSettings(deps));
    },
  );

  app.patch(
    '/api/settings',
    {
      onRequest: staffGuard('settings.manage'),
      schema: {
        tags,
        summary: 'Change some settings (audited with before and after; applies at once)',
        security: bearerSecurity,
        body: SettingsPatch,
        response: { 200: SettingsJson, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const before = (await getSettings(deps)).language;
      const saved = await updateSettings(deps, req.body as Partial<SiteSettings>, { staff: staffOf(req), ip: req.ip });
      if (saved.language !== before) await hooks.languageChanged(saved.language);
      return reply.header('cache-control', 'no-store').send(saved);
    },
  );
}
