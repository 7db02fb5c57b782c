export { listSections, findSectionBySlug, findSectionById, findTagBySlug, resolveSection, createSection, updateSection, ensureTags, type Section, type Tag } from './sections.ts';
