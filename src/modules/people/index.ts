export {
  createUser, createApiToken, authenticateToken, updateProfile, setModerationDigest, listDigestRecipients, findUserByEmail, findUserById,
  findUserBySlug, findUsersByIdsOrSlugs, listUsers, updateUserDetails, listPeople, changeRole, changePassword, getAccount,
  type Account, type CreateUserInput,
} from './people.service.ts';
export type { Staff } from '../permissions/index.ts';
export { requestPasswordReset, inviteStaff, findPasswordLink, usePasswordLink, type PasswordLink } from './password-link.service.ts';
