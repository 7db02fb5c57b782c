export {
  createTerm,
  renameTerm,
  mergeTerm,
  deleteTerm,
  listTerms,
  setSectionDiscussionDays,
} from './term-admin.service.ts';
