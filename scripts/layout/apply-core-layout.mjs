#!/usr/bin/env node
// Regroups packages/core/src by capability, as core-layout.mjs says, and fixes every relative import it breaks.
//
//   node scripts/layout/apply-core-layout.mjs            move (git mv) and fix imports
//   node scripts/layout/apply-core-layout.mjs --dry-run  print the plan, change nothing
//
// Idempotent: a file already in its place stays, an import that resolves is left alone, so a second run changes
// nothing. It works on a tree with files the mapping never named: a file in a mapped folder follows the folder's
// default (and is listed, to be checked); a file no entry covers stops the script before anything moves, listed, with
// exit code 2, so that the mapping can be extended first.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FILES, FOLDERS } from './core-layout.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CORE = 'packages/core/src';
const CORE_ABS = join(ROOT, CORE);
const dryRun = process.argv.includes('--dry-run');

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });

/** Every file under a folder, as posix paths relative to it. */
function walk(folder, base = folder) {
  const out = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, base));
    else out.push(relative(base, path).split('\\').join('/'));
  }
  return out.sort();
}

/** The folders every placed file lives under: a file already under one of them is in its place. */
const DESTINATIONS = new Set([
  ...Object.values(FOLDERS).filter((folder) => folder !== null).map((folder) => folder.split('/')[0]),
  ...Object.values(FILES).map((file) => (file.includes('/') ? file.split('/')[0] : file)),
]);

/** Where a file (old path) goes: { to, by } where `by` says which entry placed it, or null when nothing covers it. */
function placeOf(file) {
  if (FILES[file] !== undefined) return { to: FILES[file], by: 'file' };
  const parts = file.split('/');
  for (let depth = parts.length - 1; depth >= 0; depth--) {
    const folder = depth === 0 ? '.' : parts.slice(0, depth).join('/');
    if (!(folder in FOLDERS)) continue;
    const target = FOLDERS[folder];
    if (target === null) break;
    return { to: posix.join(target, ...parts.slice(depth)), by: `folder ${folder}` };
  }
  if (parts.length > 1 && DESTINATIONS.has(parts[0])) return { to: file, by: 'placed' };
  return null;
}

/** The folder entries that guess at folders other branches may add: files placed by them are listed for a check. */
const GUESSED = new Set(['settings', 'retry', 'policy', 'catalogue']);

function plan(files) {
  const moves = [];
  const uncovered = [];
  const byDefault = [];
  for (const file of files) {
    const place = placeOf(file);
    if (place === null) { uncovered.push(file); continue; }
    if (place.by.startsWith('folder ') && GUESSED.has(place.by.slice(7).split('/')[0])) byDefault.push(`${file} → ${place.to}`);
    if (place.to !== file) moves.push([file, place.to]);
  }
  const targets = new Map();
  const clashes = [];
  for (const file of files) {
    const place = placeOf(file);
    if (place === null) continue;
    if (targets.has(place.to)) clashes.push(`${targets.get(place.to)} and ${file} both go to ${place.to}`);
    targets.set(place.to, file);
  }
  return { moves, uncovered, byDefault, clashes };
}

/** The .ts file a relative specifier names from a folder (both relative to CORE), or null. */
function resolveSpecifier(fromFolder, specifier) {
  const target = posix.normalize(posix.join(fromFolder, specifier));
  const candidates = target.endsWith('.js') ? [target.slice(0, -3) + '.ts', target.slice(0, -3) + '.tsx', target] : [target];
  return candidates.find((candidate) => existsSync(join(CORE_ABS, candidate)) && statSync(join(CORE_ABS, candidate)).isFile()) ?? null;
}

function specifierBetween(fromFolder, targetFile) {
  let path = posix.relative(fromFolder, targetFile).replace(/\.tsx?$/, '.js');
  if (!path.startsWith('.')) path = `./${path}`;
  return path;
}

// `from '…'` (imports and re-exports), `import('…')`, side-effect `import '…'`: relative specifiers only.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"]+)\2/g;

/**
 * Rewrites the specifiers of one file that no longer resolve: each is resolved from where the file was (oldOf) to the
 * file it named, and that file's new place (newOf) is named instead. Returns the specifiers it could not mend.
 */
function fixImports(file, oldOf, newOf, movedNow) {
  const path = join(CORE_ABS, file);
  const source = readFileSync(path, 'utf8');
  const broken = [];
  const fixed = source.replace(SPECIFIER, (whole, lead, quote, specifier) => {
    const here = posix.dirname(file);
    if (resolveSpecifier(here, specifier) !== null) return whole;
    const was = posix.dirname(oldOf(file));
    const oldTarget = posix.normalize(posix.join(was, specifier)).replace(/\.js$/, '.ts');
    const newTarget = newOf(oldTarget);
    if (newTarget === null || !existsSync(join(CORE_ABS, newTarget))) { broken.push(specifier); return whole; }
    return `${lead}${quote}${specifierBetween(here, newTarget)}${quote}`;
  });
  const mended = movedNow.has(file) ? mendClimbingPaths(file, oldOf(file), fixed) : fixed;
  if (mended !== source) writeFileSync(path, mended);
  return { changed: mended !== source, broken };
}

/**
 * A moved file that finds files by its own place (`path.resolve(dirname(fileURLToPath(import.meta.url)), '../../..')`)
 * climbs out of src by a count of '../' that the move changed: each such string that leaves src from the old place
 * is rewritten to reach the same place from the new one. (Strings that stay inside src are left to be read.)
 */
function mendClimbingPaths(file, oldFile, source) {
  if (file === oldFile || !source.includes('import.meta.url')) return source;
  const oldDepth = posix.dirname(oldFile) === '.' ? 0 : posix.dirname(oldFile).split('/').length;
  const newDepth = posix.dirname(file) === '.' ? 0 : posix.dirname(file).split('/').length;
  return source.replace(/(['"])((?:\.\.\/)+)([^'"]*)\1/g, (whole, quote, climbs, rest) => {
    const count = climbs.length / 3;
    if (count <= oldDepth || SPECIFIER_LIKE.test(rest)) return whole;
    return `${quote}${'../'.repeat(count - oldDepth + newDepth)}${rest}${quote}`;
  });
}
const SPECIFIER_LIKE = /\.js$/;

/** Text files outside core that name core's files by path (docs, configs): rewritten to the new paths. */
function fixPathMentions(moveMap) {
  const tracked = git('ls-files').split('\n').filter((file) =>
    /\.(md|json|mjs|js|ts|yml|yaml)$/.test(file) && !file.startsWith(`${CORE}/`) && !file.startsWith('docs/adr/')
    && !file.startsWith('scripts/layout/') && !file.includes('node_modules/'));
  const changed = [];
  for (const file of tracked) {
    const path = join(ROOT, file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    if (!text.includes('packages/core/')) continue;
    const next = text.replace(/packages\/core\/(src|build|dist)\/([\w./-]+)/g, (whole, tree, rest) => {
      const asTs = rest.replace(/\.(js|d\.ts)$/, '.ts');
      const moved = moveMap.get(asTs);
      if (moved === undefined) {
        // A folder: named by its new place when its files all went to one (adapters/ → operators/adapters/).
        const folder = rest.replace(/\/$/, '');
        const target = FOLDERS[folder];
        if (typeof target === 'string' && target !== folder && !existsSync(join(CORE_ABS, folder))) return `packages/core/${tree}/${target}${rest.endsWith('/') ? '/' : ''}`;
        return whole;
      }
      const suffix = rest.endsWith('.d.ts') ? '.d.ts' : rest.endsWith('.js') ? '.js' : '.ts';
      return `packages/core/${tree}/${moved.replace(/\.ts$/, suffix)}`;
    });
    if (next !== text) { changed.push(file); if (!dryRun) writeFileSync(path, next); }
  }
  return changed;
}

/** Imports of core's files from other packages bypass its entry; there should be none, and they are reported. */
function deepImportsFromOutside() {
  let out = '';
  try {
    out = git('grep', '-nE', String.raw`(from|import)\s*\(?\s*['"][^'"]*(@flexroll/core/(src|build|dist)|/core/(src|build|dist))`,
    '--', '*.ts', '*.mjs', '*.js', ':!packages/core/**', ':!scripts/layout/**', ':!**/node_modules/**').trim();
  } catch (error) {
    if (error.status !== 1) throw error; // git grep answers 1 when nothing matches
  }
  return out === '' ? [] : out.split('\n');
}

/** Folders the moves emptied (git does not track folders, but the work tree keeps them). */
function removeEmptyFolders(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) removeEmptyFolders(path);
  }
  if (folder !== CORE_ABS && readdirSync(folder).length === 0) rmdirSync(folder);
}

function main() {
  const files = walk(CORE_ABS);
  const { moves, uncovered, byDefault, clashes } = plan(files);
  if (uncovered.length > 0 || clashes.length > 0) {
    for (const file of uncovered) console.error(`not covered by core-layout.mjs: ${CORE}/${file}`);
    for (const clash of clashes) console.error(`clash: ${clash}`);
    console.error(`${uncovered.length} file(s) not covered, ${clashes.length} clash(es): extend scripts/layout/core-layout.mjs; nothing moved.`);
    process.exit(2);
  }
  for (const line of byDefault) console.log(`placed by a guessed folder default (check it): ${line}`);
  console.log(`${moves.length} file(s) to move, ${files.length - moves.length} already in place.`);
  if (dryRun) { for (const [from, to] of moves) console.log(`  ${from} → ${to}`); return; }

  const tracked = new Set(git('ls-files', CORE).split('\n').filter(Boolean));
  for (const [from, to] of moves) {
    mkdirSync(dirname(join(CORE_ABS, to)), { recursive: true });
    if (tracked.has(`${CORE}/${from}`)) git('mv', `${CORE}/${from}`, `${CORE}/${to}`);
    else renameSync(join(CORE_ABS, from), join(CORE_ABS, to));
  }
  removeEmptyFolders(CORE_ABS);

  // Where a file was (for the files moved by this run, or by an earlier run whose changes are still staged), and
  // where a file went (this plan's rule, which also answers for files moved by an earlier run).
  const oldByNew = new Map(moves.map(([from, to]) => [to, from]));
  for (const line of git('diff', '--cached', '-M', '--name-status', 'HEAD', '--', CORE).split('\n')) {
    const [status, from, to] = line.split('\t');
    if (status?.startsWith('R') && !oldByNew.has(to.slice(CORE.length + 1))) oldByNew.set(to.slice(CORE.length + 1), from.slice(CORE.length + 1));
  }
  const newByOld = new Map([...oldByNew].map(([to, from]) => [from, to]));
  const oldOf = (file) => oldByNew.get(file) ?? file;
  const movedNow = new Set(moves.map(([, to]) => to));
  const newOf = (file) => newByOld.get(file) ?? placeOf(file)?.to ?? null;

  let fixedFiles = 0;
  const broken = [];
  for (const file of walk(CORE_ABS).filter((name) => /\.tsx?$/.test(name))) {
    const result = fixImports(file, oldOf, newOf, movedNow);
    if (result.changed) fixedFiles++;
    for (const specifier of result.broken) broken.push(`${CORE}/${file}: '${specifier}'`);
  }
  const mentions = fixPathMentions(newByOld);
  const outside = deepImportsFromOutside();

  console.log(`moved ${moves.length} file(s); rewrote imports in ${fixedFiles} file(s); rewrote paths in ${mentions.length} file(s) outside core${mentions.length ? `: ${mentions.join(', ')}` : ''}.`);
  for (const line of outside) console.error(`deep import of core from outside it (fix by hand): ${line}`);
  for (const line of broken) console.error(`unresolved import (fix by hand): ${line}`);
  if (broken.length > 0 || outside.length > 0) process.exit(1);
}

main();
