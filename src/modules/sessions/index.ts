export {
  signIn,
  signOut,
  endSessions,
  findSession,
  admitAttempt,
  markAttemptSucceeded,
  SESSION_DAYS,
  MAX_FAILURES_PER_ACCOUNT,
  type Session,
  type SignedIn,
  type AttemptLimits,
} from './session.service.ts';
