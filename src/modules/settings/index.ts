export { getSettings, updateSettings, defaultSettings, type SiteSettings } from './settings.service.ts';
export { defaultModerationSettings, type ModerationSettings } from './moderation-settings.ts';
