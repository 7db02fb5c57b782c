export {
  runModerationPipeline,
  defaultPhases,
  contentPhases,
  type Decision,
  type Verdict,
} from './moderation-pipeline.ts';
export type { Ban, ModerationContext, Phase, PhaseResult, ReasonValues, Submission } from './phase.ts';
export { decisionReason } from './decision-reason.ts';
export {
  lockCommenter,
  loadModerationContext,
  recordDecisions,
  getModerationHistory,
  addReport,
  banCommenter,
  listBans,
  liftBan,
  listDecisionsFor,
  listReportsFor,
  type CommentDecision,
  type CommenterBan,
  type CommenterHistorySource,
  type DecisionInput,
  type ContextRow,
  type HistoryQuestions,
} from './moderation.service.ts';
export { commenterBanned } from './phases/banned.ts';
export { requiredTypingMs } from './phases/typing-speed.ts';
