export { signIn, signOut, endSessions, findSession, SESSION_DAYS, MAX_FAILURES_PER_ACCOUNT, type Session, type SignedIn } from './session.service.ts';
