#!/usr/bin/env node
// Makes every import across capabilities of packages/core/src go through the target capability's façade
// (`<capability>/index.ts`), adding to the façade what it does not export yet. Run after apply-core-layout.mjs.
//
//   node scripts/layout/facade-imports.mjs            rewrite
//   node scripts/layout/facade-imports.mjs --check    list what it would change, exit 1 if anything
//
// What it does, file by file (testing/ is left alone: it reaches internals by design, and is not shipped):
// - an import or re-export (`import … from`, `export … from`, `export * from`) whose relative specifier names a file
//   of another capability is pointed at that capability's index.ts; `export *` becomes the explicit list of names;
// - every name so imported is added to the façade (`export { Name } from './file.js'`, `export type` when only types
//   are imported), unless the façade exports it already (a type-only export is widened when a value is needed);
// - a class injected across capabilities (`@inject(Name)` with Name from another façade) is injected lazily
//   (`@inject(new LazyServiceIdentifier(() => Name))`): the façades import each other, and a class named in a
//   decorator must not be read while its module is still being evaluated.
// Idempotent: a second run changes nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CORE_ABS = join(ROOT, 'packages/core/src');
const check = process.argv.includes('--check');

/** The capability folders (each with a façade); other top-level entries of src are the root and its helpers. */
export const CAPABILITIES = ['platform', 'access', 'programs', 'enrollments', 'screening', 'operators', 'participation', 'jobs', 'webhooks'];
/** Capabilities that import no other at run time: importing them never enters a cycle. */
const KERNELS = ['platform'];
/** Folders whose files may import any file (test support, not shipped). */
const EXEMPT = ['testing'];

const rel = (abs) => posix.normalize(abs.slice(CORE_ABS.length + 1).split('\\').join('/'));
const capabilityOf = (file) => {
  const head = file.split('/')[0];
  return file.includes('/') && CAPABILITIES.includes(head) ? head : null;
};

function program() {
  const configPath = join(ROOT, 'packages/core/tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  return ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, noEmit: true } });
}

/** The core file (relative) a relative specifier names from a file, or null. */
function targetOf(file, specifier) {
  if (!specifier.startsWith('.')) return null;
  const target = posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts');
  return existsSync(join(CORE_ABS, target)) ? target : null;
}

function specifierBetween(fromFile, targetFile) {
  let path = posix.relative(posix.dirname(fromFile), targetFile).replace(/\.ts$/, '.js');
  if (!path.startsWith('.')) path = `./${path}`;
  return path;
}

/** Façades: capability → Map(name → { file, value }) of what it exports, read from index.ts, plus what is added. */
const facades = new Map();
function facade(capability) {
  if (!facades.has(capability)) {
    const names = new Map();
    const path = join(CORE_ABS, capability, 'index.ts');
    if (existsSync(path)) {
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
      for (const statement of source.statements) {
        if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
        const file = posix.normalize(posix.join(capability, statement.moduleSpecifier.text.replace(/\.js$/, '.ts')));
        for (const element of statement.exportClause.elements) {
          names.set(element.name.text, { file, value: !statement.isTypeOnly && !element.isTypeOnly, existing: true });
        }
      }
    }
    facades.set(capability, { names, added: [], widened: new Set() });
  }
  return facades.get(capability);
}

function need(capability, name, file, value) {
  const entry = facade(capability);
  const known = entry.names.get(name);
  if (known === undefined) {
    entry.names.set(name, { file, value, existing: false });
    entry.added.push(name);
  } else if (value && !known.value) {
    known.value = true;
    if (known.existing) entry.widened.add(name);
  }
}

/** The names a module exports, each with whether it is (also) a value. */
function exportsOf(checker, sourceFile) {
  const symbol = checker.getSymbolAtLocation(sourceFile);
  if (symbol === undefined) return [];
  return checker.getExportsOfModule(symbol).map((exported) => {
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    return { name: exported.name, value: (target.flags & ts.SymbolFlags.Value) !== 0 };
  });
}

function main() {
  const prog = program();
  const checker = prog.getTypeChecker();
  const edits = new Map(); // file → [{ start, end, text }]
  const edit = (file, start, end, text) => { if (!edits.has(file)) edits.set(file, []); edits.get(file).push({ start, end, text }); };
  const lazyFiles = new Map(); // file → Set of names to inject lazily

  for (const sourceFile of prog.getSourceFiles()) {
    if (!sourceFile.fileName.startsWith(CORE_ABS + '/') || sourceFile.isDeclarationFile) continue;
    const file = rel(sourceFile.fileName);
    if (EXEMPT.includes(file.split('/')[0]) || /\/index\.ts$/.test(file) && capabilityOf(file)) continue;
    const own = capabilityOf(file);
    const crossNames = new Set();
    for (const statement of sourceFile.statements) {
      const isImport = ts.isImportDeclaration(statement);
      const isExport = ts.isExportDeclaration(statement);
      if ((!isImport && !isExport) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const target = targetOf(file, statement.moduleSpecifier.text);
      if (target === null) continue;
      const capability = capabilityOf(target);
      if (capability === null || capability === own || target === `${capability}/index.ts`) continue;
      const facadeFile = `${capability}/index.ts`;
      const specifier = specifierBetween(file, facadeFile);
      const typeOnly = isImport ? statement.importClause?.isTypeOnly === true : statement.isTypeOnly;
      if (isImport) {
        const clause = statement.importClause;
        if (clause?.name || (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) || !clause) {
          console.error(`${file}: a default, namespace or bare import of ${target}; rewrite it by hand`);
          continue;
        }
        for (const element of clause.namedBindings.elements) {
          const name = (element.propertyName ?? element.name).text;
          const value = !typeOnly && !element.isTypeOnly;
          need(capability, name, target, value);
          if (value) crossNames.add(element.name.text);
        }
      } else if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          need(capability, (element.propertyName ?? element.name).text, target, !typeOnly && !element.isTypeOnly);
        }
      } else {
        // export * / export type *: the explicit names, so that the façade (not the file) decides what is public.
        const exported = exportsOf(checker, prog.getSourceFile(join(CORE_ABS, target)));
        for (const { name, value } of exported) need(capability, name, target, value && !typeOnly);
        const list = exported.map(({ name, value }) => (typeOnly || value ? name : `type ${name}`)).join(', ');
        edit(file, statement.getStart(), statement.getEnd(), `export ${typeOnly ? 'type ' : ''}{ ${list} } from '${specifier}';`);
        continue;
      }
      edit(file, statement.moduleSpecifier.getStart(), statement.moduleSpecifier.getEnd(), `'${specifier}'`);
    }
    if (own !== null && crossNames.size > 0) lazyFiles.set(file, crossNames);
  }

  // Lazy injection of classes from other capabilities.
  for (const [file, names] of lazyFiles) {
    const path = join(CORE_ABS, file);
    const sourceFile = prog.getSourceFile(path);
    const visit = (node) => {
      if (ts.isDecorator(node) && ts.isCallExpression(node.expression) && node.expression.expression.getText() === 'inject') {
        const [argument] = node.expression.arguments;
        if (argument && ts.isIdentifier(argument) && names.has(argument.text)) {
          edit(file, argument.getStart(), argument.getEnd(), `new LazyServiceIdentifier(() => ${argument.text})`);
          needLazyImport.add(file);
        }
      }
      ts.forEachChild(node, visit);
    };
    const needLazyImport = new Set();
    visit(sourceFile);
    if (needLazyImport.has(file)) {
      const inversify = sourceFile.statements.find((statement) => ts.isImportDeclaration(statement) && statement.moduleSpecifier.text === 'inversify');
      const bindings = inversify?.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings) && !bindings.elements.some((element) => element.name.text === 'LazyServiceIdentifier')) {
        const names = [...bindings.elements.map((element) => element.getText()), 'LazyServiceIdentifier'].sort((a, b) => a.localeCompare(b));
        edit(file, bindings.getStart(), bindings.getEnd(), `{ ${names.join(', ')} }`);
      }
    }
  }

  // Write the edits, then the façades' additions.
  const changed = [];
  for (const [file, list] of edits) {
    const path = join(CORE_ABS, file);
    let text = readFileSync(path, 'utf8');
    for (const { start, end, text: replacement } of list.sort((a, b) => b.start - a.start)) text = text.slice(0, start) + replacement + text.slice(end);
    text = mergeFacadeImports(path, text);
    if (text !== readFileSync(path, 'utf8')) { changed.push(file); if (!check) writeFileSync(path, text); }
  }
  for (const [capability, { names, added, widened }] of facades) {
    if (added.length === 0 && widened.size === 0) continue;
    const path = join(CORE_ABS, capability, 'index.ts');
    let text = existsSync(path) ? readFileSync(path, 'utf8') : `/** The ${capability} capability's façade: what other capabilities, and other packages through @flexroll/core, may use. */\n`;
    for (const name of widened) text = widenExport(text, name);
    const byFile = new Map();
    for (const name of added) {
      const { file, value } = names.get(name);
      const key = `${value ? '' : 'type '}${file}`;
      if (!byFile.has(key)) byFile.set(key, []);
      byFile.get(key).push(name);
    }
    const lines = [...byFile].map(([key, list]) => {
      const typeOnly = key.startsWith('type ');
      const file = typeOnly ? key.slice(5) : key;
      return `export ${typeOnly ? 'type ' : ''}{ ${list.sort().join(', ')} } from '${specifierBetween(path.slice(CORE_ABS.length + 1), file)}';`;
    });
    text = `${text.trimEnd()}\n${lines.join('\n')}\n`;
    changed.push(`${capability}/index.ts (+${added.length}${widened.size ? `, widened ${widened.size}` : ''})`);
    if (!check) writeFileSync(path, text);
  }
  for (const capability of CAPABILITIES) {
    const path = join(CORE_ABS, capability, 'index.ts');
    if (!existsSync(path)) continue;
    const before = readFileSync(path, 'utf8');
    const after = tidyFacade(capability, before);
    if (after !== before) { if (!changed.some((line) => line.startsWith(`${capability}/index.ts`))) changed.push(`${capability}/index.ts (order)`); if (!check) writeFileSync(path, after); }
  }
  for (const line of changed) console.log(`${check ? 'would change' : 'changed'}: packages/core/src/${line}`);
  if (check && changed.length > 0) process.exit(1);
}

/**
 * A façade's exports, one line per file, in the order its files depend on each other (a file after those it imports,
 * the capability's module last). The façades import each other, so when one is entered while another is still being
 * evaluated, what it finds evaluated is what comes first: the plain data and pure functions, then the classes.
 */
function tidyFacade(capability, text) {
  const source = ts.createSourceFile('index.ts', text, ts.ScriptTarget.ES2022, true);
  const firstExport = source.statements.find((statement) => ts.isExportDeclaration(statement));
  if (firstExport === undefined) return text;
  const header = text.slice(0, firstExport.getStart()).trimEnd();
  const rest = [];
  const entries = new Map(); // file (relative to the capability) → Map(name → typeOnly)
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) {
      if (statement.getStart() >= firstExport.getStart()) rest.push(statement.getText());
      continue;
    }
    const file = posix.normalize(statement.moduleSpecifier.text).replace(/\.js$/, '.ts');
    if (!entries.has(file)) entries.set(file, new Map());
    for (const element of statement.exportClause.elements) {
      const name = element.getText().replace(/^type\s+/, '');
      const typeOnly = statement.isTypeOnly || element.isTypeOnly;
      entries.get(file).set(name, (entries.get(file).get(name) ?? true) && typeOnly);
    }
  }
  const order = dependencyOrder(capability, [...entries.keys()]);
  const lines = order.map((file) => {
    const names = [...entries.get(file)].sort(([a], [b]) => a.toLowerCase().localeCompare(b.toLowerCase()));
    const allTypes = names.every(([, typeOnly]) => typeOnly);
    const list = names.map(([name, typeOnly]) => (typeOnly && !allTypes ? `type ${name}` : name)).join(', ');
    return `export ${allTypes ? 'type ' : ''}{ ${list} } from './${file.replace(/\.ts$/, '.js')}';`;
  });
  return `${header}\n\n${[...lines, ...rest].join('\n')}\n`;
}

/** The capability's files (relative to it) with each after the files of the capability it imports; modules last. */
function dependencyOrder(capability, files) {
  const importsOf = (file) => {
    const path = join(CORE_ABS, capability, file);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    const out = [];
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      if (ts.isImportDeclaration(statement) ? statement.importClause?.isTypeOnly : statement.isTypeOnly) continue;
      const specifier = statement.moduleSpecifier?.text;
      if (!specifier?.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts');
      if (!target.startsWith('..') && existsSync(join(CORE_ABS, capability, target))) out.push(target);
      else if (target.startsWith('..') && !KERNELS.includes(posix.join(capability, posix.dirname(file), specifier).split('/')[0])) crossing.add(file);
    }
    return out;
  };
  // Files that import another capability (themselves or through a file they import) come after those that do not.
  const crossing = new Set();
  const crosses = (file, trail = new Set()) => {
    if (trail.has(file)) return false;
    trail.add(file);
    return importsOf(file).some((dependency) => crosses(dependency, trail)) || crossing.has(file);
  };
  const placed = [];
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const dependency of importsOf(file)) visit(dependency);
    placed.push(file);
  };
  const sorted = [...files].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  const plain = sorted.filter((name) => !/Module\.ts$/.test(name));
  const crossingFiles = new Set(plain.filter((file) => crosses(file)));
  for (const file of plain.filter((name) => !crossingFiles.has(name))) visit(file);
  for (const file of plain.filter((name) => crossingFiles.has(name))) visit(file);
  const wanted = new Set(files);
  return [...placed.filter((file) => wanted.has(file)), ...sorted.filter((name) => /Module\.ts$/.test(name))];
}

/** Imports (and re-exports) of one façade, written once: `import { A, type B } from '../x/index.js'`. */
function mergeFacadeImports(path, text) {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const groups = new Map();
  for (const statement of source.statements) {
    const isImport = ts.isImportDeclaration(statement);
    if (!isImport) continue; // re-exports keep their lines (the root index groups them under comments)
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier) || !/(^|\/)index\.js$/.test(specifier.text) || !specifier.text.startsWith('.')) continue;
    const named = isImport ? statement.importClause?.namedBindings : statement.exportClause;
    if (!named || !(ts.isNamedImports(named) || ts.isNamedExports(named)) || (isImport && statement.importClause.name)) continue;
    const key = `${isImport ? 'import' : 'export'} ${specifier.text}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(statement);
  }
  const edits = [];
  for (const [key, statements] of groups) {
    if (statements.length < 2) continue;
    const [keyword, specifier] = key.split(' ');
    const items = [];
    for (const statement of statements) {
      const typeOnly = keyword === 'import' ? statement.importClause.isTypeOnly : statement.isTypeOnly;
      const named = keyword === 'import' ? statement.importClause.namedBindings : statement.exportClause;
      for (const element of named.elements) {
        const text = element.getText().replace(/^type\s+/, '');
        items.push({ text, type: typeOnly || element.isTypeOnly });
      }
    }
    const unique = new Map();
    for (const item of items) unique.set(item.text, unique.has(item.text) ? unique.get(item.text) && item.type : item.type);
    const allTypes = [...unique.values()].every(Boolean);
    const list = [...unique].map(([text, type]) => (type && !allTypes ? `type ${text}` : text));
    const merged = `${keyword}${allTypes ? ' type' : ''} { ${list.join(', ')} } from '${specifier}';`;
    edits.push({ start: statements[0].getStart(), end: statements[0].getEnd(), text: merged });
    for (const statement of statements.slice(1)) {
      let end = statement.getEnd();
      if (text[end] === '\n') end++;
      edits.push({ start: statement.getFullStart() + (text.slice(statement.getFullStart(), statement.getStart()).lastIndexOf('\n') + 1), end, text: '' });
    }
  }
  for (const { start, end, text: replacement } of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, start) + replacement + text.slice(end);
  return text;
}

/** `export type { A, B } from …` → `export type { B } from …` + `export { A } from …`; `export { type A }` → `export { A }`. */
function widenExport(text, name) {
  const inline = new RegExp(String.raw`(export \{[^}]*?)\btype ${name}\b`);
  if (inline.test(text)) return text.replace(inline, `$1${name}`);
  const typeLine = new RegExp(String.raw`export type \{([^}]*)\} from ('[^']+');`);
  return text.replace(new RegExp(String.raw`export type \{([^}]*\b${name}\b[^}]*)\} from ('[^']+');`), (whole, list, from) => {
    const others = list.split(',').map((item) => item.trim()).filter((item) => item && item !== name);
    void typeLine;
    return `${others.length ? `export type { ${others.join(', ')} } from ${from};\n` : ''}export { ${name} } from ${from};`;
  });
}

main();
