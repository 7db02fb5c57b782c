export { SECTION_COLUMNS, listSections, findSectionBySlug, findSectionById, findTagBySlug, resolveSection, createSection, updateSection, ensureTags, renameTag, type Section, type Tag } from './sections.ts';
export { listTermsWithCounts, findMovedTerm, createTerm, renameTerm, mergeTerm, deleteTerm, setSectionDiscussionDays, type TermKind, type TermWithCount } from './term-admin.ts';
