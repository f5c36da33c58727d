/**
 * `npx tsx scripts/dead-exports.ts`: lists the exports of the product's files (models, contract,
 * scenarios, api, web, cli, electron, renderer) that no other file imports, read with the
 * TypeScript compiler over the projects' tsconfig files. Two lists: exports nothing imports, and
 * exports only tests, benchmarks or scripts import (the unit a test exercises is listed too: read
 * each before removing it). Re-exports pass the use on to the file they come from; a dynamic
 * import() counts as using every export of its module. Values only; `--types` lists exported
 * interfaces and type aliases too. Exits 0; prints, changes nothing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONFIGS = ['tsconfig.node.json', 'tsconfig.renderer.json', 'tsconfig.electron.json'];
const PRODUCT = /^(models|contract|scenarios|api|web|cli|electron|renderer\/src)\//;
const TOOLING = /^(tests|bench|scripts|support)\//;

const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');

/** file -> export name -> the files that import it. */
const users = new Map<string, Map<string, Set<string>>>();
/** re-exports: `file#name` -> the `file#name` it passes on. */
const passOn = new Map<string, string[]>();
const starUsers = new Map<string, Set<string>>();
/** file -> its exports, each with whether it is a type only (an interface or type alias). */
const exportsOf = new Map<string, { name: string; type: boolean }[]>();

function use(target: string, name: string, by: string): void {
  let m = users.get(target);
  if (!m) users.set(target, (m = new Map()));
  let s = m.get(name);
  if (!s) m.set(name, (s = new Set()));
  s.add(by);
}

for (const config of CONFIGS) {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, config),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  );
  if (!parsed) continue;
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const checker = program.getTypeChecker();
  const resolve = (spec: string, from: string): string | null => {
    const r = ts.resolveModuleName(spec, from, parsed.options, ts.sys).resolvedModule;
    if (!r || r.isExternalLibraryImport || r.resolvedFileName.includes('node_modules')) return null;
    return rel(r.resolvedFileName);
  };
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || sf.fileName.includes('node_modules')) continue;
    const file = rel(sf.fileName);
    const sym = checker.getSymbolAtLocation(sf);
    if (sym && !exportsOf.has(file)) {
      const list = checker.getExportsOfModule(sym).map((s) => {
        const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        return { name: s.getName(), type: (target.flags & ts.SymbolFlags.Value) === 0 };
      });
      exportsOf.set(file, list);
    }
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const target = resolve(node.moduleSpecifier.text, sf.fileName);
        const clause = node.importClause;
        if (target && clause) {
          if (clause.name) use(target, 'default', file);
          const b = clause.namedBindings;
          if (b && ts.isNamespaceImport(b)) use(target, '*', file);
          if (b && ts.isNamedImports(b)) for (const e of b.elements) use(target, (e.propertyName ?? e.name).text, file);
        }
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const target = resolve(node.moduleSpecifier.text, sf.fileName);
        if (target) {
          if (!node.exportClause) {
            let s = starUsers.get(target);
            if (!s) starUsers.set(target, (s = new Set()));
            s.add(file);
          } else if (ts.isNamedExports(node.exportClause)) {
            for (const e of node.exportClause.elements) {
              const key = `${file}#${e.name.text}`;
              passOn.set(key, [...(passOn.get(key) ?? []), `${target}#${(e.propertyName ?? e.name).text}`]);
            }
          } else use(target, '*', file);
        }
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const arg = node.arguments[0];
        const target = arg && ts.isStringLiteral(arg) ? resolve(arg.text, sf.fileName) : null;
        if (target) use(target, '*', file);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
}

/** Who uses `file#name`: direct importers, importers of re-exports of it, `*` importers. */
function usersOf(file: string, name: string, seen = new Set<string>()): Set<string> {
  const key = `${file}#${name}`;
  const out = new Set<string>();
  if (seen.has(key)) return out;
  seen.add(key);
  for (const u of users.get(file)?.get(name) ?? []) out.add(u);
  for (const u of users.get(file)?.get('*') ?? []) out.add(u);
  for (const [from, tos] of passOn) {
    if (!tos.includes(key)) continue;
    const [f, n] = from.split('#') as [string, string];
    for (const u of usersOf(f, n, seen)) out.add(u);
  }
  for (const f of starUsers.get(file) ?? []) for (const u of usersOf(f, name, seen)) out.add(u);
  return out;
}

const withTypes = process.argv.includes('--types');
const none: string[] = [];
const toolingOnly: string[] = [];
for (const [file, list] of [...exportsOf].sort(([a], [b]) => a.localeCompare(b))) {
  if (!PRODUCT.test(file)) continue;
  for (const { name, type } of list) {
    // an exported type usually names the shape of an exported function's argument or result
    if (type && !withTypes) continue;
    const by = [...usersOf(file, name)].filter((u) => u !== file);
    const label = `${file}  ${name}${type ? ' (type)' : ''}`;
    if (by.length === 0) none.push(label);
    else if (by.every((u) => TOOLING.test(u))) toolingOnly.push(`${label}  (${by.join(', ')})`);
  }
}
console.log(`exports nothing imports (${none.length})${withTypes ? '' : ', values only (--types for types too)'}:`);
for (const l of none) console.log(`  ${l}`);
console.log(`exports only tests, benchmarks or scripts import (${toolingOnly.length}):`);
for (const l of toolingOnly) console.log(`  ${l}`);
