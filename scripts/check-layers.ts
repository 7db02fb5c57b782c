// The one-way rule of ARCHITECTURE.md, checked on every import of src/ (run by `npm run lint`):
// - src/http, src/web and src/platform import no module's values (types are allowed in http and web);
// - a module reaches another only through that module's index.ts;
// - modules form a graph without cycles (no two modules import each other, directly or around a loop);
// - migrations are frozen: they import nothing from src/modules.
// Biome's noImportCycles checks cycles between files; this checks the layers, which are ours.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'src');

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
  line: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The file a relative specifier names: `./x.js` is written for `./x.ts` or `./x.tsx`. */
function resolve(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier).replace(/\.(js|jsx|ts|tsx)$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {}
  }
  return undefined;
}

function edgesOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const edges: Edge[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteral(specifier)) return;
    const to = resolve(file, specifier.text);
    if (!to) return;
    edges.push({ from: file, to, typeOnly, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
}

const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');
/** `articles` for src/modules/articles/…, undefined outside the modules. */
const moduleOf = (file: string) => rel(file).match(/^src\/modules\/([^/]+)\//)?.[1];

const problems: string[] = [];
const moduleGraph = new Map<string, Map<string, Edge>>();

for (const file of sourceFiles(src)) {
  const from = rel(file);
  for (const edge of edgesOf(file)) {
    const to = rel(edge.to);
    const where = `${from}:${edge.line}`;
    const target = moduleOf(edge.to);
    const source = moduleOf(file);
    if (to.startsWith('test/') || to.startsWith('bench/'))
      problems.push(`${where} imports ${to}: the product never imports tests or benches`);
    if (!target) continue;
    if (/^src\/(http|web)\//.test(from) && !edge.typeOnly)
      problems.push(
        `${where} imports values from ${to}: src/http and src/web take what they need from app.ts (types only from modules)`,
      );
    if (from.startsWith('src/platform/') && !from.startsWith('src/platform/db/migrations/'))
      problems.push(`${where} imports ${to}: src/platform sits below every module`);
    if (from.startsWith('src/platform/db/migrations/'))
      problems.push(`${where} imports ${to}: migrations are frozen and import nothing from src/modules`);
    if (source && source !== target) {
      if (to !== `src/modules/${target}/index.ts`)
        problems.push(`${where} imports ${to}: reach the ${target} module through src/modules/${target}/index.ts`);
      const out = moduleGraph.get(source) ?? new Map<string, Edge>();
      if (!out.has(target)) out.set(target, edge);
      moduleGraph.set(source, out);
    }
  }
}

// A cycle among modules, found by depth-first search; each is reported once, by its path.
const state = new Map<string, 'open' | 'done'>();
const stack: string[] = [];
function walk(mod: string) {
  state.set(mod, 'open');
  stack.push(mod);
  for (const [next, edge] of moduleGraph.get(mod) ?? []) {
    if (state.get(next) === 'open') {
      const loop = [...stack.slice(stack.indexOf(next)), next];
      problems.push(
        `modules import each other around a loop: ${loop.join(' → ')} (first arrow at ${rel(edge.from)}:${edge.line})`,
      );
    } else if (!state.has(next)) walk(next);
  }
  stack.pop();
  state.set(mod, 'done');
}
for (const mod of [...moduleGraph.keys()].sort()) if (!state.has(mod)) walk(mod);

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`check-layers: ${problems.length} import(s) break the one-way rule (ARCHITECTURE.md)`);
  process.exit(1);
}
console.log(`check-layers: ${moduleGraph.size} modules, imports run one way`);
