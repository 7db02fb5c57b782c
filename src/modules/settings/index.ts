export { getSettings, updateSettings, defaultSettings, type SiteSettings } from './settings.ts';
