import { chmodSync, lstatSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';

/**
 * Where a fix of `file` is written: the file itself, or, for a symlink, its target, when the target lies
 * inside one of `roots` (the scanned folders and the working directory). A string explains a refusal.
 */
export function fixTarget(file: string, roots: ReadonlyArray<string>): { path: string } | { refused: string } {
  let real: string;
  try {
    if (!lstatSync(file).isSymbolicLink()) return { path: file };
    real = realpathSync(file);
  } catch (e) {
    return { refused: `cannot resolve: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const inside = roots.some((r) => {
    let root: string;
    try { root = realpathSync(r); } catch { return false; }
    const rel = relative(root, real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
  if (!inside) return { refused: `a symlink to ${real}, outside the scanned folders and the working directory; not fixed` };
  return { path: real };
}

/**
 * Replaces a file's content atomically: a temporary file in the same folder (so the rename cannot cross file
 * systems), with the same mode, renamed over it. `file` must not be a symlink (see fixTarget).
 */
export function writeAtomic(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.kubehex-${process.pid}.tmp`);
  const mode = statSync(file).mode;
  try {
    writeFileSync(tmp, text, { mode, flag: 'wx' });
    chmodSync(tmp, mode);
    renameSync(tmp, file);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
}
