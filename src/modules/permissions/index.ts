export { authorize, can, ROLES, type Action, type Staff } from './permissions.policy.ts';
