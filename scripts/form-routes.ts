// Counts the HTML form routes and how many declare their schemas at the edge (issue 10, point 6), so the figure can
// be checked again after any change: `node --import tsx scripts/form-routes.ts [--list]`.
//
// A form route is a POST of a reader or desk route file (*.pages.tsx, *.desk.tsx), or a GET there that reads its
// query string. It declares its schemas when it has a `body` schema (POST), a `querystring` schema (a query it
// reads) and a `params` schema (a path with :names). A form with fields of its own also shows the page again when
// it fails them: `attachValidation` (FORM) and `assertForm`/`queryOrDefaults` in its handler, or a
// `schemaErrorFormatter` (a reader list's 404). Two kinds of form are told apart, since nobody is shown a page
// again there: an endpoint the page's script calls (`scriptEndpoint: true`) answers JSON 422 naming the field, and a
// form whose only fields the page set itself (`...HIDDEN_FORM`, a hidden input) answers a 422 page. Any other
// route with fields that is none of these is NOT SHOWN AGAIN, and the script exits 1 while one is left. What a
// route reaches is read from its own file: the options and handler text plus every function or constant of the
// file they name, followed through.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = new URL('..', import.meta.url).pathname;
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return /\.(pages|desk)\.tsx$/.test(entry.name) ? [path] : [];
  });
}

interface Route {
  file: string;
  method: string;
  path: string;
  form: boolean;
  declared: boolean;
  /** What a schema failure gets: undefined for a form without fields. */
  answer: 'shown again' | 'JSON 422' | 'refused 422' | 'NOT SHOWN AGAIN' | undefined;
  missing: string[];
}

function routesOf(file: string): Route[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  // The file's named functions and constants, by name: what an options object or a handler may spread or call.
  const named = new Map<string, string>();
  // Only names of the file's top level and of its register functions: a handler's own locals would shadow them.
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
      named.set(node.name.text, node.initializer.getText(source));
    if (ts.isFunctionDeclaration(node) && node.name) named.set(node.name.text, node.getText(source));
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isClassLike(node)) return;
    ts.forEachChild(node, collect);
  };
  collect(source);
  /** The text, with the text of every local name it uses, followed through once each. */
  const reach = (text: string): string => {
    const seen = new Set<string>();
    const queue = [text];
    let all = '';
    while (queue.length) {
      const next = queue.pop()!;
      all += `\n${next}`;
      for (const word of next.match(/[A-Za-z_$][\w$]*/g) ?? []) {
        if (seen.has(word) || !named.has(word)) continue;
        seen.add(word);
        queue.push(named.get(word)!);
      }
    }
    return all;
  };

  const routes: Route[] = [];
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, visit);
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
    const method = node.expression.name.text;
    const args = node.arguments;
    if (!METHODS.has(method) || args.length < 2) return;
    const first = args[0]!;
    if (!ts.isStringLiteralLike(first) && !ts.isTemplateExpression(first) && !ts.isIdentifier(first)) return;
    const last = args[args.length - 1]!;
    const options =
      args.length > 2
        ? args[1]!.getText(source)
        : ts.isArrowFunction(last) || ts.isFunctionExpression(last)
          ? ''
          : last.getText(source);
    const handler = ts.isArrowFunction(last) || ts.isFunctionExpression(last) ? last.getText(source) : '';
    const path = ts.isIdentifier(first) ? (named.get(first.text) ?? first.text) : first.getText(source);
    const optionText = reach(options);
    const handlerText = reach(`${handler}\n${optionText}`);
    const readsQuery = /\b(req|request)\.query\b|queryOrDefaults\(/.test(handlerText);
    const form = method !== 'get' || readsQuery;
    if (!form) return;
    const needs = [
      ...(method !== 'get' ? ['body'] : []),
      ...(readsQuery ? ['querystring'] : []),
      ...(/\/:/.test(path) ? ['params'] : []),
    ];
    const missing = needs.filter((key) => !new RegExp(`\\b${key}\\b\\s*[:,}]`).test(optionText));
    const fieldless = method !== 'get' && /\bbody:\s*NoFields\b/.test(optionText);
    const attached = /\battachValidation\b|\.\.\.(HIDDEN_)?FORM\b|schemaErrorFormatter/.test(optionText);
    const handled = /\bassertForm\(|\bformError\(|\bqueryOrDefaults\(|schemaErrorFormatter/.test(handlerText);
    const resolved = attached && handled;
    const answer = fieldless
      ? undefined
      : !resolved
        ? 'NOT SHOWN AGAIN'
        : /\bscriptEndpoint:\s*true\b/.test(optionText)
          ? 'JSON 422'
          : /\.\.\.HIDDEN_FORM\b/.test(optionText)
            ? 'refused 422'
            : 'shown again';
    routes.push({
      file: relative(ROOT, file),
      method: method.toUpperCase(),
      path,
      form,
      declared: missing.length === 0,
      answer,
      missing,
    });
  };
  visit(source);
  return routes;
}

const routes = routeFiles(join(ROOT, 'src/modules')).sort().flatMap(routesOf);
if (process.argv.includes('--list')) {
  for (const r of routes) {
    const shown = r.answer ?? 'no fields';
    console.log(
      `${r.declared ? 'ok     ' : 'MISSING'} ${r.method.padEnd(4)} ${r.path.padEnd(48)} ${shown.padEnd(16)} ${r.file}${r.missing.length ? `  (no ${r.missing.join(', ')})` : ''}`,
    );
  }
}
const withFields = routes.filter((r) => r.answer !== undefined);
const counted = (answer: Route['answer']) => withFields.filter((r) => r.answer === answer).length;
console.log(`HTML form routes: ${routes.length}`);
console.log(
  `  declaring every schema they need (body, querystring, params): ${routes.filter((r) => r.declared).length}`,
);
console.log(`  with fields: ${withFields.length}`);
console.log(
  `    shown again on a schema failure (the page with 422 and the message beside the field): ${counted('shown again')}`,
);
console.log(`    a script's endpoint, answering JSON 422 with the field and message: ${counted('JSON 422')}`);
console.log(`    only fields the page set itself, refused with a 422 page: ${counted('refused 422')}`);
console.log(`    NOT SHOWN AGAIN (Ajv's bare 400): ${counted('NOT SHOWN AGAIN')}`);
if (counted('NOT SHOWN AGAIN') > 0) process.exitCode = 1;
