export { getSettings, updateSettings, defaultSettings, type SiteSettings } from './settings.ts';
export { defaultModerationSettings, type ModerationSettings } from './moderation-settings.ts';
