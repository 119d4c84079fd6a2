import type { Range } from '../../engine';

/**
 * A build error with kustomize's wording (including the prefixes kustomize wraps it in on the way up) and
 * the place a person would fix it: the innermost kustomization entry (or file) involved.
 */
export class KustomizeError extends Error {
  file?: string;
  range?: Range;
  /** Set when the build stopped at a remote entry it does not fetch. */
  remote?: string;
  constructor(message: string, file?: string, range?: Range) {
    super(message);
    if (file) this.file = file;
    if (range) this.range = range;
  }
}

/** Turns anything thrown into a KustomizeError. */
export function asKustomizeError(e: unknown): KustomizeError {
  if (e instanceof KustomizeError) return e;
  return new KustomizeError(e instanceof Error ? e.message : String(e));
}

/** Prefixes the message the way kustomize's errors.WrapPrefixf does (`prefix: message`). */
export function wrap(e: unknown, prefix: string): KustomizeError {
  const k = asKustomizeError(e);
  k.message = `${prefix}: ${k.message}`;
  return k;
}

/** Records where the error happened, unless a deeper place is already known. */
export function placed(e: unknown, file: string, range?: Range): KustomizeError {
  const k = asKustomizeError(e);
  if (!k.file) { k.file = file; if (range) k.range = range; }
  return k;
}

/** Go's %q of a string: double-quoted with backslash escapes. */
export function goQuote(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r') + '"';
}
