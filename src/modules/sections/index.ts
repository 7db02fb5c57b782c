export { listSections, findSectionBySlug, findTagBySlug, resolveSection, createSection, ensureTags, type Section, type Tag } from './sections.ts';
