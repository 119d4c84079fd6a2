import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { decodeBytes, GlobSet } from '../engine';
import { readRegularFile } from '../host';
import { ROOT_FILES } from '../render';

const EXTENSIONS = /\.(ya?ml|json)$/i;
const ALWAYS_SKIP = new Set(['node_modules', '.git', '.hg', '.svn']);
/** kubehex's own configuration is never a manifest. */
const CONFIG_NAME = '.kubehex.yaml';

export interface WalkOptions {
  /** The config's `ignore` globs, relative to `ignoreBase`. */
  ignore?: ReadonlyArray<string>;
  ignoreBase?: string;
  /** Largest .gitignore read (bytes, default 64 MB); a larger one, or one that is not a regular file, is not applied. */
  maxFileSize?: number;
}

export interface Collected {
  files: string[];
  missing: string[];
  /** .gitignore files that were not read (not a regular file, too large): their patterns were not applied. */
  warnings: string[];
}

interface Layer { base: string; rules: GlobSet }

/**
 * Files to scan under the given paths: YAML/JSON (and kustomize's `Kustomization`, which has no extension), minus node_modules, .git, what .gitignore ignores and the
 * config's `ignore`. A path named on the command line is scanned whatever it is (reading it reports a FIFO
 * or device as an error); inside folders only regular files are collected.
 */
export function collectFiles(paths: ReadonlyArray<string>, opts: WalkOptions = {}): Collected {
  const out: Collected = { files: [], missing: [], warnings: [] };
  const user = new GlobSet(opts.ignore ?? []);
  const userBase = opts.ignoreBase ?? process.cwd();
  const userIgnored = (abs: string, isDir: boolean) => {
    const rel = relative(userBase, abs).split(sep).join('/');
    return !!rel && !rel.startsWith('../') && user.verdict(rel, isDir) === true;
  };
  const walker = new Walker(out, userIgnored, opts.maxFileSize ?? 64 * 1024 * 1024);
  for (const p of paths) {
    const abs = resolve(p);
    let st;
    try { st = statSync(abs); } catch { out.missing.push(p); continue; }
    if (st.isDirectory()) walker.walk(abs, walker.parentLayers(abs));
    else out.files.push(abs);
  }
  out.files = [...new Set(out.files)];
  return out;
}

class Walker {
  constructor(private out: Collected, private userIgnored: (abs: string, isDir: boolean) => boolean, private maxBytes: number) {}

  /** .gitignore files above the start folder, up to the repository root. */
  parentLayers(dir: string): Layer[] {
    const layers: Layer[] = [];
    let d = dirname(dir);
    for (let i = 0; i < 64 && d !== dirname(d); i++, d = dirname(d)) {
      const l = this.layer(d);
      if (l) layers.unshift(l);
      if (existsSync(join(d, '.git'))) break;
    }
    return layers;
  }

  private layer(dir: string): Layer | undefined {
    const gi = join(dir, '.gitignore');
    const r = readRegularFile(gi, this.maxBytes);
    if (!r.ok) {
      if (r.reason !== 'missing') this.out.warnings.push(`${shown(gi)}: ${r.message}; its patterns are not applied`);
      return undefined;
    }
    const d = decodeBytes(r.bytes);
    if (!d.ok) {
      this.out.warnings.push(`${shown(gi)}: ${d.error.message}; its patterns are not applied`);
      return undefined;
    }
    return { base: dir, rules: new GlobSet(d.text.split(/\r?\n/), { gitignore: true }) };
  }

  walk(dir: string, layers: Layer[]): void {
    let entries;
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
    const l = entries.some((e) => e.name === '.gitignore') ? this.layer(dir) : undefined;
    const here = l ? [...layers, l] : layers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (ALWAYS_SKIP.has(e.name) || ignoredBy(here, abs, true) || this.userIgnored(abs, true)) continue;
        this.walk(abs, here);
      } else if (e.isFile() && (EXTENSIONS.test(e.name) || ROOT_FILES.has(e.name)) && e.name !== CONFIG_NAME) {
        if (ignoredBy(here, abs, false) || this.userIgnored(abs, false)) continue;
        this.out.files.push(abs);
      }
    }
  }
}

function shown(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return (rel && !rel.startsWith('..') ? rel : abs).split(sep).join('/');
}

/** Later .gitignore files (deeper folders) override earlier ones; within one, the last matching line wins. */
function ignoredBy(layers: ReadonlyArray<Layer>, abs: string, isDir: boolean): boolean {
  let ignored = false;
  for (const l of layers) {
    const rel = relative(l.base, abs).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    const v = l.rules.verdict(rel, isDir);
    if (v !== undefined) ignored = v;
  }
  return ignored;
}
