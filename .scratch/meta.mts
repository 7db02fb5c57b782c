import fs from 'node:fs';
import path from 'node:path';
import { lintFeed, CHECKED_CLASSES } from '../test/support/feed-lint/index.ts';
const root = '/work/shared/testdata/feedvalidator-testcases';
const files: string[] = [];
const walk = (d: string) => { for (const f of fs.readdirSync(d)) { const p = path.join(d, f); if (fs.statSync(p).isDirectory()) walk(p); else if (f.endsWith('.xml')) files.push(p); } };
walk(root);
const checked = new Set<string>(CHECKED_CLASSES);
const ERRORS = new Set(['SAXError','MissingElement','MissingTitle','MissingLink','MissingDescription','ItemMustContainTitleOrDescription','DuplicateElement','InvalidRFC2822Date','InvalidRFC3339Date','InvalidLink','InvalidFullLink','InvalidURLAttribute','MissingAttribute','InvalidIntegerAttribute','InvalidMIMEAttribute','InvalidHttpGUID','InvalidPermalink','InvalidContact','InvalidLanguage','InvalidTAG','InvalidURN','InvalidUUID','InvalidMIMEType','DuplicateIds','AttrNotBlank','InvalidAddrSpec']);
let ok = 0, bad = 0; const byClass: Record<string, number> = {};
for (const f of files) {
  const src = fs.readFileSync(f, 'utf8');
  const exp = /Expect:\s*(\S+)/.exec(src)?.[1]; if (!exp) continue;
  const neg = exp.startsWith('!'); const cls = exp.replace(/^!/, '').replace(/\{.*/, '');
  const problems = lintFeed(src, { now: new Date('2026-01-01T00:00:00Z') });
  const kinds = new Set(problems.map((p) => p.kind));
  const params = Object.fromEntries([...(/\{(.*)\}/.exec(exp)?.[1] ?? '').matchAll(/(\w+):([^,]*)/g)].map((m) => [m[1], m[2]]));
  const matches = (p: { kind: string; element: string; parent: string }) => p.kind === cls && (!params.element || p.element === params.element) && (!params.parent || p.parent === params.parent);
  let pass: boolean;
  if (cls === 'Error' && neg) pass = ![...kinds].some((k) => ERRORS.has(k));
  else if (!checked.has(cls)) continue;
  else pass = neg ? !problems.some(matches) : kinds.has(cls);
  if (pass) ok++; else { bad++; byClass[exp] = (byClass[exp] ?? 0) + 1; if (process.argv[2] && exp.includes(process.argv[2])) console.log('FAIL', exp, f.replace(root, ''), [...kinds].join(',')); }
}
console.log({ ok, bad }); console.log(byClass);
