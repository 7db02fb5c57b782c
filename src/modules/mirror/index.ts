// The static mirror: the public site written as plain files for any static host.
export {
  exportStaticSite,
  type PageFetcher,
  type StaticExportInput,
  type StaticExportReport,
} from './static-mirror.ts';
export { MANIFEST_FILE, type MirrorManifest } from './mirror-manifest.ts';
