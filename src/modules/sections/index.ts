export {
  SECTION_COLUMNS, listSections, findSectionBySlug, findSectionById, findSectionsByIds, findTagBySlug, resolveSection, createSection,
  updateSection, ensureTags, renameTag, listTermsWithCounts, findMovedTerm, getTerm, termSlugFree, insertTerm, renameTerm,
  retireMergedTerm, deleteTerm, setSectionCloseDays, type Section, type Tag, type TermKind, type TermWithCount,
} from './sections.service.ts';
