// Lists the functions of src/ that take more than three parameters (issue 10, point 8: options objects over long
// positional lists), so the count can be checked again: `node --import tsx scripts/long-parameter-lists.ts`.
// Declarations only: a call of a library's function with many arguments is the library's shape, not ours. So is a
// callback a library calls with its own argument list: those are exempt by name below, each with its reason, and
// listed as exempt so the exemption stays visible.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = new URL('..', import.meta.url).pathname;
const LIMIT = 3;

/** Callbacks whose parameter list a library fixes: `file name` → why. */
const LIBRARY_CALLBACKS = new Map([
  [
    'src/app.ts buildLocalReference',
    "@fastify/swagger's refResolver.buildLocalReference is called as (json, baseUri, fragment, i)",
  ],
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The name a function is known by: its own, its variable's, its property's or its class method's. */
function nameOf(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText(source);
  return '(anonymous)';
}

const found: string[] = [];
const exempt: string[] = [];
for (const file of sources(join(ROOT, 'src'))) {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const visit = (node: ts.Node): void => {
    if (
      (ts.isFunctionDeclaration(node) ||
        ts.isArrowFunction(node) ||
        ts.isFunctionExpression(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isConstructorDeclaration(node)) &&
      node.parameters.length > LIMIT
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      const name = nameOf(node, source);
      const where = `${relative(ROOT, file)}:${line + 1} ${name} (${node.parameters.length} parameters)`;
      const reason = LIBRARY_CALLBACKS.get(`${relative(ROOT, file)} ${name}`);
      if (reason) exempt.push(`${where}: exempt, ${reason}`);
      else found.push(where);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
for (const line of [...exempt, ...found]) console.log(line);
console.log(`functions with more than ${LIMIT} parameters: ${found.length}`);
if (found.length > 0) process.exitCode = 1;
