/**
 * The read-only file system every render runs on. The CLI passes the disk (regular files only, size-limited);
 * the language server passes the disk overlaid with open documents; tests pass `memoryFs`. Paths are absolute
 * and use `/`. Nothing in render/ touches `node:fs`: that is what keeps a template from reading outside its
 * chart and keeps renders testable.
 */
export interface FsEntry { name: string; type: 'file' | 'dir' }

export interface ReadOnlyFs {
  /** The text of a regular file (UTF-8, BOM removed), or undefined when it is missing, not regular, too big or not text. */
  readText(path: string): string | undefined;
  /** The bytes of a regular file (for `.tgz` subcharts and `.Files.Get` of binary files), or undefined. */
  readBytes(path: string): Uint8Array | undefined;
  /** What is at `path`: a file, a directory, or nothing (symlinks are followed; devices and FIFOs are nothing). */
  stat(path: string): 'file' | 'dir' | undefined;
  /** Entries of a directory, sorted by name (byte order), or [] when it is not one. */
  list(dir: string): FsEntry[];
  /** Why the last read of `path` gave nothing (`too large (32 MB > 16 MB)`), when the file system knows. */
  whyUnreadable?(path: string): string | undefined;
}

/** Path helpers on `/`-separated absolute paths, so render/ never depends on node:path's platform. */
export function joinPath(...parts: string[]): string {
  return normalizePath(parts.filter((p) => p !== '').join('/'));
}

export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') { if (out.length && out[out.length - 1] !== '..') out.pop(); else if (!abs) out.push('..'); continue; }
    out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/');
}

export function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function baseOf(p: string): string { return p.slice(p.lastIndexOf('/') + 1); }

/** Is `p` inside `root` (or equal to it)? Both normalised absolute paths. */
export function isWithin(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith('/') ? root : root + '/');
}

/** `p` relative to `root` (`p` must be within it). */
export function relativeTo(root: string, p: string): string {
  if (p === root) return '.';
  return p.slice((root.endsWith('/') ? root : root + '/').length);
}

/** A file system held in memory: for tests, and for the server's overlay of open documents. */
export function memoryFs(files: Record<string, string | Uint8Array>): ReadOnlyFs {
  const map = new Map<string, string | Uint8Array>();
  for (const [k, v] of Object.entries(files)) map.set(normalizePath(k), v);
  const dirs = new Set<string>(['/']);
  for (const k of map.keys()) for (let d = dirOf(k); ; d = dirOf(d)) { dirs.add(d); if (d === '/') break; }
  return {
    readText(p) {
      const v = map.get(normalizePath(p));
      if (v === undefined) return undefined;
      return typeof v === 'string' ? v.replace(/^\uFEFF/, '') : new TextDecoder('utf-8').decode(v);
    },
    readBytes(p) {
      const v = map.get(normalizePath(p));
      return v === undefined ? undefined : typeof v === 'string' ? new TextEncoder().encode(v) : v;
    },
    stat(p) {
      const n = normalizePath(p);
      return map.has(n) ? 'file' : dirs.has(n) ? 'dir' : undefined;
    },
    list(dir) {
      const d = normalizePath(dir);
      const prefix = d === '/' ? '/' : d + '/';
      const seen = new Map<string, FsEntry>();
      for (const k of [...map.keys(), ...dirs]) {
        if (!k.startsWith(prefix) || k === d) continue;
        const rest = k.slice(prefix.length);
        const name = rest.split('/')[0];
        if (!name) continue;
        const type = rest.includes('/') || dirs.has(prefix + name) ? 'dir' : 'file';
        if (!seen.has(name)) seen.set(name, { name, type });
      }
      return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

/** `base` with some files replaced or added (the server's open documents over the disk). */
export function overlayFs(base: ReadOnlyFs, overrides: ReadonlyMap<string, string>): ReadOnlyFs {
  const over = memoryFs(Object.fromEntries(overrides));
  return {
    readText: (p) => over.readText(p) ?? base.readText(p),
    readBytes: (p) => over.readBytes(p) ?? base.readBytes(p),
    stat: (p) => over.stat(p) === 'file' ? 'file' : base.stat(p) ?? over.stat(p),
    list(dir) {
      const m = new Map<string, FsEntry>();
      for (const e of base.list(dir)) m.set(e.name, e);
      for (const e of over.list(dir)) if (!m.has(e.name)) m.set(e.name, e);
      return [...m.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    whyUnreadable: (p) => base.whyUnreadable?.(p),
  };
}
