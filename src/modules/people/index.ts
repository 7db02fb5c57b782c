export {
  createUser, createApiToken, authenticateToken, updateProfile, setModerationDigest, listDigestRecipients, type CreateUserInput,
} from './people.service.ts';
export { authorize, can, ROLES, type Staff, type Action } from './permissions.ts';
export { findUserByEmail, findUserById, findUserBySlug, findUsersByIdsOrSlugs, listUsers, updateUserDetails } from './people.repository.ts';
export { requestPasswordReset, inviteStaff, findPasswordLink, usePasswordLink, changeRole, type PasswordLink } from './password-links.ts';
