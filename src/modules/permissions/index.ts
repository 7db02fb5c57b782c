export { authorize, can, deskHome, ROLES, type Action, type Staff } from './permissions.policy.ts';
