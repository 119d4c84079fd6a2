import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { globToRegex, isIgnored, parseIgnore, type IgnoreRule } from './ignore';

const EXTENSIONS = /\.(ya?ml|json)$/i;
const ALWAYS_SKIP = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface WalkOptions { ignore?: ReadonlyArray<string>; ignoreBase?: string }

interface Layer { base: string; rules: IgnoreRule[] }

/** Files to scan under the given paths: YAML/JSON, minus node_modules, .git and what .gitignore ignores. */
export function collectFiles(paths: ReadonlyArray<string>, opts: WalkOptions = {}): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const extra = (opts.ignore ?? []).map((g) => new RegExp(`^${globToRegex(g.replace(/^\.\//, ''))}$`));
  const extraBase = opts.ignoreBase ?? process.cwd();
  const userIgnored = (abs: string) => extra.some((re) => re.test(relative(extraBase, abs).split(sep).join('/')));
  for (const p of paths) {
    const abs = resolve(p);
    let st;
    try { st = statSync(abs); } catch { missing.push(p); continue; }
    if (st.isFile()) { files.push(abs); continue; }
    if (st.isDirectory()) walk(abs, parentLayers(abs), files, userIgnored);
  }
  return { files: [...new Set(files)], missing };
}

/** .gitignore files above the start folder, up to the repository root. */
function parentLayers(dir: string): Layer[] {
  const layers: Layer[] = [];
  let d = dirname(dir);
  for (let i = 0; i < 64 && d !== dirname(d); i++, d = dirname(d)) {
    const gi = join(d, '.gitignore');
    if (existsSync(gi)) layers.unshift({ base: d, rules: parseIgnore(safeRead(gi)) });
    if (existsSync(join(d, '.git'))) break;
  }
  return layers;
}

function safeRead(f: string): string {
  try { return readFileSync(f, 'utf8'); } catch { return ''; }
}

function ignoredBy(layers: ReadonlyArray<Layer>, abs: string, isDir: boolean): boolean {
  let ignored = false;
  for (const l of layers) {
    const rel = relative(l.base, abs).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    const rules = l.rules;
    let verdict: boolean | undefined;
    for (const r of rules) {
      if (r.dirOnly && !isDir) continue;
      if (r.re.test(rel)) verdict = !r.negate;
    }
    if (verdict !== undefined) ignored = verdict;
  }
  return ignored;
}

function walk(dir: string, layers: Layer[], out: string[], userIgnored: (abs: string) => boolean): void {
  const gi = join(dir, '.gitignore');
  const here = existsSync(gi) ? [...layers, { base: dir, rules: parseIgnore(safeRead(gi)) }] : layers;
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) {
      if (ALWAYS_SKIP.has(e.name) || ignoredBy(here, abs, true) || userIgnored(abs)) continue;
      walk(abs, here, out, userIgnored);
    } else if (e.isFile() && EXTENSIONS.test(e.name)) {
      if (ignoredBy(here, abs, false) || userIgnored(abs)) continue;
      out.push(abs);
    }
  }
}

/** True for files in a `templates/` folder of a Helm chart (a Chart.yaml above it). */
export function isUnderChartTemplates(file: string): boolean {
  const parts = file.split(sep);
  const i = parts.lastIndexOf('templates');
  if (i <= 0) return false;
  for (let j = i; j > 0; j--) {
    if (existsSync(join(parts.slice(0, j).join(sep) || sep, 'Chart.yaml'))) return true;
  }
  return false;
}

export { isIgnored, basename };
