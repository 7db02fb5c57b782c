// Rewrites positional AppError and invalid() calls with more than three arguments into their options object
// (issue 10, point 8): `new AppError(422, code, message, field)` → `new AppError({ status: 422, code, message, field })`,
// `invalid(field, code, message, values)` → `invalid({ field, code, message, values })`. Three-argument calls are
// left as they are; both forms compile. Run it again after a merge brings in new long calls:
// `node --import tsx scripts/codemods/error-options.ts [--check]` (--check lists them and changes nothing).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = new URL('../..', import.meta.url).pathname;
const APP_ERROR_KEYS = ['status', 'code', 'message', 'field', 'headers', 'values'];
const INVALID_KEYS = ['field', 'code', 'message', 'values'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** `{ key: arg, ... }`, shorthand where the argument is the key's own name, `undefined` arguments left out. */
function objectOf(keys: string[], args: readonly ts.Expression[], source: ts.SourceFile): string {
  const parts = args.flatMap((arg, i) => {
    const text = arg.getText(source);
    if (text === 'undefined') return [];
    return [text === keys[i] ? text : `${keys[i]}: ${text}`];
  });
  return `{ ${parts.join(', ')} }`;
}

const check = process.argv.includes('--check');
let count = 0;
for (const file of [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'test'))]) {
  const text = readFileSync(file, 'utf8');
  if (!/\bAppError\b|\binvalid\b/.test(text)) continue;
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  // Only the platform's invalid(): a file's own function of that name is left alone.
  const importsInvalid =
    /import\s*{[^}]*\binvalid\b[^}]*}\s*from\s*'[^']*platform\/errors(\.ts)?'/.test(text) ||
    file.endsWith('platform/errors.ts');
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    const args = (ts.isNewExpression(node) || ts.isCallExpression(node)) && node.arguments;
    if (!args || args.length <= 3 || args.some(ts.isSpreadElement)) return;
    const callee = node.expression.getText(source);
    const keys =
      ts.isNewExpression(node) && callee === 'AppError'
        ? APP_ERROR_KEYS
        : ts.isCallExpression(node) && callee === 'invalid' && importsInvalid
          ? INVALID_KEYS
          : undefined;
    if (!keys || args.length > keys.length) return;
    edits.push({
      start: args[0]!.getStart(source),
      end: args[args.length - 1]!.getEnd(),
      text: objectOf(keys, args, source),
    });
  };
  visit(source);
  if (!edits.length) continue;
  count += edits.length;
  if (check) {
    for (const e of edits)
      console.log(`${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(e.start).line + 1}`);
    continue;
  }
  // Innermost first, from the end, so each edit's offsets are still those of the text it replaces.
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    const inner = edits.some((o) => o !== e && o.start >= e.start && o.end <= e.end);
    if (inner) throw new Error(`${relative(ROOT, file)}: nested long calls; run again after this pass.`);
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  writeFileSync(file, out);
}
console.log(`${check ? 'long calls found' : 'calls rewritten'}: ${count}`);
