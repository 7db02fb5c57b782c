export {
  createUser, createApiToken, authenticateToken, updateProfile, setModerationDigest, listDigestRecipients, type CreateUserInput,
} from './people.service.ts';
export type { Staff } from '../permissions/index.ts';
export { findUserByEmail, findUserById, findUserBySlug, findUsersByIdsOrSlugs, listUsers, updateUserDetails } from './people.repository.ts';
export { requestPasswordReset, inviteStaff, findPasswordLink, usePasswordLink, changeRole, type PasswordLink } from './password-links.ts';
