export {
  createUser, updateProfile, setModerationDigest, listDigestRecipients, type CreateUserInput,
} from './people.service.ts';
export {
  createApiToken, authenticateToken, listApiTokens, listApiTokensByEmail, revokeApiToken, revokeTokensOf, parseTokenLifetime,
  type ApiToken, type TokenActor,
} from './api-tokens.ts';
export { authorize, can, deskHome, ROLES, type Staff, type Action } from './permissions.ts';
export { findUserByEmail, findUserById, findUserBySlug, findUsersByIdsOrSlugs, listUsers, updateUserDetails } from './people.repository.ts';
export {
  requestPasswordReset, inviteStaff, findPasswordLink, usePasswordLink, resetStaffPassword, revokePasswordLinks, type PasswordLink,
} from './password-links.ts';
export { changeRole, removeStaff } from './staff-access.ts';
