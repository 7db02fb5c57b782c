export {
  chosenSiteLanguage,
  currentSettings,
  getSettings,
  getSiteLanguages,
  updateSettings,
  defaultSettings,
  type SiteLanguages,
  type SiteSettings,
  type SiteImage,
} from './settings.service.ts';
export { defaultModerationSettings, type ModerationSettings } from './moderation-settings.ts';
export {
  setSiteImage,
  removeSiteImage,
  isSiteImageKind,
  SITE_IMAGE_MIN,
  type SiteImageKind,
} from './site-image.service.ts';
