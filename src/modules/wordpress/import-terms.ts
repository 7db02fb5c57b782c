// Authors, categories and tags: staff without passwords, nested sections, tags. Matched on later runs
// by the author's login and the term's slug (what items name them by; WXR 1.0 has no term ids).
import { createUser, findUserByEmail, findUsersByIdsOrSlugs, updateUserDetails } from '../people/index.ts';
import {
  createSection,
  ensureTags,
  findSectionById,
  findSectionBySlug,
  renameTag,
  updateSection,
} from '../sections/index.ts';
import { htmlToText } from '../../platform/html/sanitizer.ts';
import { slugify } from '../../platform/text.ts';
import { authorPath, sectionPath, tagPath } from '../../platform/paths.ts';
import { claimPaths, count, decodeSlug, note, oneLine, remember, skip, type ImportRun } from './import-run.ts';
import { fingerprint } from './fingerprint.ts';
import type { WxrAuthor, WxrTerm } from './wxr.ts';
import * as repo from './wordpress.repository.ts';
import { normalizePath } from './wordpress-urls.ts';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
// The pattern backtracks over the dots of a long domain: test the length first, so an export's megabyte-long
// "email" costs nothing.
const usableEmail = (email: string) => email.length <= 254 && EMAIL.test(email);

/** A staff account for a WordPress author (role author, no password: invited later); an existing account with the same email is reused. */
export async function importAuthor(run: ImportRun, author: WxrAuthor): Promise<string | undefined> {
  const login = author.login.trim();
  if (!login) {
    skip(run, { kind: 'author', id: author.id, code: 'no_login' });
    return undefined;
  }
  const known = await repo.findMapping(run.db, { source: run.source, kind: 'author', wpId: login });
  const name = oneLine(
    htmlToText(author.displayName || `${author.firstName} ${author.lastName}`.trim()) || login,
    120,
  ).text;
  const [account] = known?.dateline_id ? await findUsersByIdsOrSlugs(run.db, [known.dateline_id]) : [];
  if (known && account) {
    // A header author seen before: bring over a changed display name or email (an item's bare login says nothing new).
    const hash = fingerprint(author);
    if (known.content_hash === hash || (!author.id && !author.email && !author.displayName))
      count(run, 'author', 'unchanged');
    else {
      await updateAuthor(run, { login, account }, { name, email: author.email.trim().toLowerCase() });
      await remember(run, { kind: 'author', wp_id: login, dateline_id: account.id, content_hash: hash });
      count(run, 'author', 'updated');
    }
    return account.id;
  }
  let email = author.email.trim().toLowerCase();
  if (!usableEmail(email)) {
    const placeholder = `${slugify(login, 60)}@wordpress.invalid`;
    note(run, {
      about: { kind: 'author', id: login },
      code: 'author_email',
      values: { hasEmail: email ? 'yes' : 'no', email, placeholder },
    });
    email = placeholder;
  }
  const [existing] = await findUsersByIdsOrSlugs(run.db, [email]);
  let id: string;
  if (existing) {
    id = existing.id;
    note(run, { about: { kind: 'author', id: login }, code: 'author_matched', values: { email } });
    count(run, 'author', 'unchanged');
  } else {
    id = (await createUser({ db: run.db, clock: run.clock }, { email, name, role: 'author' })).id;
    count(run, 'author', 'created');
  }
  await remember(run, { kind: 'author', wp_id: login, dateline_id: id, content_hash: fingerprint(author) });
  const [user] = await findUsersByIdsOrSlugs(run.db, [id]);
  await claimPaths(run, {
    paths: [{ path: `/author/${normalizePath(login).slice(1)}`, priority: 2 }],
    target: authorPath(user.slug),
    owner: {
      kind: 'author',
      wpId: login,
    },
  });
  return id;
}

/** A changed name, and a changed email when it is usable and no other account has it. */
async function updateAuthor(
  run: ImportRun,
  { login, account }: { login: string; account: { id: string; name: string; email: string } },
  wanted: { name: string; email: string },
) {
  const changes: { name?: string; email?: string } = {};
  if (wanted.name && wanted.name !== account.name) changes.name = wanted.name;
  if (wanted.email && wanted.email !== account.email) {
    const other = usableEmail(wanted.email) ? await findUserByEmail(run.db, wanted.email) : undefined;
    if (!usableEmail(wanted.email))
      note(run, {
        about: { kind: 'author', id: login },
        code: 'author_new_email_unusable',
        values: { email: wanted.email, kept: account.email },
      });
    else if (other && other.id !== account.id)
      note(run, {
        about: { kind: 'author', id: login },
        code: 'author_new_email_taken',
        values: { email: wanted.email, kept: account.email },
      });
    else changes.email = wanted.email;
  }
  await updateUserDetails(run.db, account.id, changes);
}

/** The staff account of an author login, creating one for a login the header did not list (WXR 1.0). */
export async function authorOf(run: ImportRun, login: string): Promise<string | undefined> {
  if (!login.trim()) return undefined;
  return resolved(run, `author ${login.trim()}`, async () => {
    const known = await repo.findMapping(run.db, { source: run.source, kind: 'author', wpId: login.trim() });
    if (known?.dateline_id) return known.dateline_id;
    return importAuthor(run, { id: '', login, email: '', displayName: '', firstName: '', lastName: '' });
  });
}

/**
 * An author's or term's Dateline id, remembered for the rest of the run: thousands of posts name the
 * same few. Bounded, so a site with a million tags costs queries, not memory.
 */
async function resolved(
  run: ImportRun,
  key: string,
  find: () => Promise<string | undefined>,
): Promise<string | undefined> {
  const hit = run.resolved.get(key);
  if (hit) return hit;
  const id = await find();
  if (id) {
    if (run.resolved.size >= 10_000) run.resolved.clear();
    run.resolved.set(key, id);
  }
  return id;
}

/** A category becomes a section (matched to an existing section of the same slug); its parent is set once all are known. */
export async function importCategory(run: ImportRun, term: WxrTerm): Promise<string | undefined> {
  const slug = slugify(decodeSlug(term.slug) || term.name, 120);
  const wpSlug = decodeSlug(term.slug) || slug;
  const name = oneLine(htmlToText(term.name) || wpSlug, 120).text;
  const description = htmlToText(term.description);
  const hash = fingerprint({ name, description, parent: term.parent });
  if (term.parent) run.categoryParents.set(wpSlug, decodeSlug(term.parent));
  const known = await repo.findMapping(run.db, { source: run.source, kind: 'category', wpId: wpSlug });
  if (known?.dateline_id) {
    if (known.content_hash === hash) count(run, 'category', 'unchanged');
    else {
      await updateSection(run.db, known.dateline_id, { name, description });
      await remember(run, { kind: 'category', wp_id: wpSlug, dateline_id: known.dateline_id, content_hash: hash });
      count(run, 'category', 'updated');
    }
    return known.dateline_id;
  }
  const existing = await findSectionBySlug(run.db, slug);
  const id = existing?.id ?? (await createSection(run.db, { name, slug, description })).id;
  if (existing)
    note(run, { about: { kind: 'category', id: wpSlug }, code: 'category_joined', values: { section: existing.name } });
  count(run, 'category', existing ? 'unchanged' : 'created');
  await remember(run, { kind: 'category', wp_id: wpSlug, dateline_id: id, content_hash: hash });
  return id;
}

/** Nests sections as their categories were, and claims /category/parent/child and /category/child. */
export async function nestCategories(run: ImportRun): Promise<void> {
  const chain = (slug: string, seen = new Set<string>()): string[] => {
    const parent = run.categoryParents.get(slug);
    if (!parent || seen.has(parent)) return [slug];
    seen.add(slug);
    return [...chain(parent, seen), slug];
  };
  const mapped = new Map<string, { id: string; slug: string }>();
  const lookup = async (wpSlug: string) => {
    if (!mapped.has(wpSlug)) {
      const m = await repo.findMapping(run.db, { source: run.source, kind: 'category', wpId: wpSlug });
      const section = m?.dateline_id ? await findSectionById(run.db, m.dateline_id) : undefined;
      if (section) mapped.set(wpSlug, { id: section.id, slug: section.slug });
    }
    return mapped.get(wpSlug);
  };
  for (const wpSlug of await repo.listMappedIds(run.db, run.source, 'category')) {
    const self = await lookup(wpSlug);
    if (!self) continue;
    const parentSlug = run.categoryParents.get(wpSlug);
    if (parentSlug) {
      const parent = await lookup(parentSlug);
      if (parent && parent.id !== self.id) await updateSection(run.db, self.id, { parentId: parent.id });
      else if (!parent)
        skip(run, {
          kind: 'term',
          id: wpSlug,
          code: 'parent_category_missing',
          values: { parent: parentSlug },
        });
    }
    const full = chain(wpSlug)
      .map((s) => normalizePath(s).slice(1))
      .join('/');
    const paths = [
      { path: `/category/${full}`, priority: 2 },
      { path: `/category/${normalizePath(wpSlug).slice(1)}`, priority: 1 },
    ];
    await claimPaths(run, { paths, target: sectionPath(self.slug), owner: { kind: 'category', wpId: wpSlug } });
  }
}

/** A tag, matched by its WordPress slug; Dateline's own slug comes from the name. */
export async function importTag(run: ImportRun, term: WxrTerm): Promise<string | undefined> {
  const wpSlug = decodeSlug(term.slug) || slugify(term.name, 60);
  const known = await repo.findMapping(run.db, { source: run.source, kind: 'tag', wpId: wpSlug });
  const name = oneLine(htmlToText(term.name) || wpSlug, 60);
  if (known?.dateline_id) {
    const hash = fingerprint(term);
    if (known.content_hash === hash || !name.text) count(run, 'tag', 'unchanged');
    else {
      // Renamed in WordPress: the same tag (same slug, same address) under its new name.
      await renameTag(run.db, known.dateline_id, name.text);
      await remember(run, { kind: 'tag', wp_id: wpSlug, dateline_id: known.dateline_id, content_hash: hash });
      count(run, 'tag', 'updated');
    }
    return known.dateline_id;
  }
  if (!name.text) {
    skip(run, { kind: 'tag', id: wpSlug, code: 'no_name' });
    return undefined;
  }
  if (name.cut) note(run, { about: { kind: 'tag', id: wpSlug }, code: 'tag_name_cut', values: { limit: 60 } });
  const [tag] = await ensureTags(run.db, [name.text]);
  count(run, 'tag', 'created');
  await remember(run, { kind: 'tag', wp_id: wpSlug, dateline_id: tag.id, content_hash: fingerprint(term) });
  await claimPaths(run, {
    paths: [{ path: `/tag/${normalizePath(wpSlug).slice(1)}`, priority: 2 }],
    target: tagPath(tag.slug),
    owner: {
      kind: 'tag',
      wpId: wpSlug,
    },
  });
  return tag.id;
}

/** A term an item names: found by slug, or created when the header did not list it. */
export async function termOf(
  run: ImportRun,
  kind: 'category' | 'tag',
  { slug, name }: { slug: string; name: string },
): Promise<string | undefined> {
  const wpSlug = decodeSlug(slug) || slugify(name, 60);
  return resolved(run, `${kind} ${wpSlug}`, () => newTermOf(run, kind, { wpSlug, name }));
}

async function newTermOf(
  run: ImportRun,
  kind: 'category' | 'tag',
  { wpSlug, name }: { wpSlug: string; name: string },
): Promise<string | undefined> {
  const known = await repo.findMapping(run.db, { source: run.source, kind, wpId: wpSlug });
  if (known?.dateline_id) return known.dateline_id;
  const term: WxrTerm = {
    taxonomy: kind === 'tag' ? 'post_tag' : 'category',
    id: '',
    slug: wpSlug,
    name,
    parent: '',
    description: '',
  };
  if (kind === 'tag') return importTag(run, term);
  const id = await importCategory(run, term);
  const section = id ? await findSectionById(run.db, id) : undefined;
  if (section)
    await claimPaths(run, {
      paths: [{ path: `/category/${normalizePath(wpSlug).slice(1)}`, priority: 2 }],
      target: sectionPath(section.slug),
      owner: { kind: 'category', wpId: wpSlug },
    });
  return id;
}
