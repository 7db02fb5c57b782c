// What each staff role may do, checked on the server for every staff action. Below every module that acts for staff
// (audit, people, articles, moderation...), so each can check a right without importing the people who hold it.
import type { StaffRole } from '../../platform/db/tables.ts';
import { forbidden } from '../../platform/errors.ts';

export const ROLES: readonly StaffRole[] = ['admin', 'editor', 'author', 'contributor', 'moderator'];

export type Action =
  | 'article.create'
  | 'article.edit_any'
  | 'article.publish'
  | 'article.delete'
  | 'article.pin'
  | 'article.correct'
  | 'discussion.open_close'
  | 'comment.moderate'
  | 'sections.manage'
  | 'settings.manage'
  | 'users.manage'
  | 'site.import';

const grants: Record<Action, readonly StaffRole[]> = {
  'article.create': ['admin', 'editor', 'author', 'contributor'],
  'article.edit_any': ['admin', 'editor'],
  'article.publish': ['admin', 'editor', 'author'],
  'article.delete': ['admin', 'editor'],
  // What leads the front page is the editors' call, as in WordPress (sticky needs edit_others_posts).
  'article.pin': ['admin', 'editor'],
  // Updates and corrections on a published article speak for the newsroom, as in newsrooms' own standards.
  'article.correct': ['admin', 'editor'],
  'discussion.open_close': ['admin', 'editor'],
  'comment.moderate': ['admin', 'editor', 'moderator'],
  'sections.manage': ['admin', 'editor'],
  'settings.manage': ['admin'],
  'users.manage': ['admin'],
  // Admins only: an import creates staff accounts, rewrites any article it matched before and claims
  // site-wide redirects, which is more than an editor may do one by one.
  'site.import': ['admin'],
};

export interface Staff {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
}

export const can = (staff: Staff, action: Action): boolean => grants[action].includes(staff.role);

/** Throws 403 unless the staff member's role grants the action. */
export function authorize(staff: Staff, action: Action): void {
  if (!can(staff, action))
    throw forbidden(`Your role (${staff.role}) may not ${action.replace('.', ': ').replace('_', ' ')}.`, {
      reason: 'role',
      role: staff.role,
      // ICU select keys are plain words: article.edit_any is asked for as article_edit_any.
      action: action.replace('.', '_'),
    });
}

/** Where a role's work is on the desk: the first page it lands on after signing in (each role may see its own). */
export const deskHome = (staff: Staff): string =>
  can(staff, 'article.create')
    ? '/admin/articles'
    : can(staff, 'comment.moderate')
      ? '/admin/moderation'
      : '/admin/account';
