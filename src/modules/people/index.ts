export {
  createUser,
  updateProfile,
  setModerationDigest,
  setDeskLanguage,
  listDigestRecipients,
  findUserByEmail,
  findUserById,
  findUserBySlug,
  findUsersByIdsOrSlugs,
  listUsers,
  updateUserDetails,
  type CreateUserInput,
} from './people.service.ts';
export {
  createApiToken,
  authenticateToken,
  listApiTokens,
  listApiTokensByEmail,
  revokeApiToken,
  revokeTokensOf,
  parseTokenLifetime,
  type ApiToken,
  type TokenActor,
} from './api-token.service.ts';
export type { Staff } from '../permissions/index.ts';
export {
  requestPasswordReset,
  inviteStaff,
  findPasswordLink,
  usePasswordLink,
  resetStaffPassword,
  revokePasswordLinks,
  type PasswordLink,
} from './password-link.service.ts';
export {
  changeRole,
  removeStaff,
  listPeople,
  getPerson,
  type PersonView,
  type StaffListEntry,
} from './staff-access.service.ts';
export { changePassword, getAccount, signOutEverywhere, type Account } from './account.service.ts';
export {
  needsFirstAdmin,
  prepareFirstRun,
  issueSetupCode,
  createFirstAdmin,
  type FirstAdminInput,
} from './first-run.service.ts';
