import type { Path } from './types';

/** One value met by {@link walkValue}. */
export interface WalkEntry {
  value: unknown;
  /** Where the value is, from the walked root. Valid only during the callback: copy it to keep it. */
  path: Path;
  /** The map key or sequence index it is stored under (undefined for the root). */
  key: string | number | undefined;
  /** The map or sequence holding it (undefined for the root). */
  parent: Record<string, unknown> | unknown[] | undefined;
  /**
   * Set for a map or sequence met before: `shared` when it was reached by another path (a YAML alias),
   * `cycle` when it contains the place it is met at (a recursive alias). Its children are not walked again.
   */
  again?: 'shared' | 'cycle';
}

/** `skip`: do not walk the children of this value; `stop`: end the walk. */
export type WalkControl = void | 'skip' | 'stop';

interface Frame { value: unknown; key: string | number | undefined; parent: WalkEntry['parent']; exit?: boolean }

/**
 * The one walk over a plain value (an object's `value`, as composed from YAML) that rules and the engine use:
 * depth first, in document order, without recursion (a deep value cannot overflow the stack), and safe
 * against aliases: a map or sequence reached again, by another path or through a recursive alias, is reported
 * with `again` and never walked twice, so the walk is linear in the size of the value.
 */
export function walkValue(root: unknown, visit: (e: WalkEntry) => WalkControl): void {
  const path: (string | number)[] = [];
  const seen = new Set<object>();
  const open = new Set<object>();
  const stack: Frame[] = [{ value: root, key: undefined, parent: undefined }];
  const entry: WalkEntry = { value: undefined, path, key: undefined, parent: undefined };
  while (stack.length) {
    const f = stack.pop()!;
    if (f.exit) {
      open.delete(f.value as object);
      if (f.key !== undefined) path.pop();
      continue;
    }
    if (f.key !== undefined) path.push(f.key);
    const v = f.value;
    const container = typeof v === 'object' && v !== null;
    entry.value = v;
    entry.key = f.key;
    entry.parent = f.parent;
    entry.again = container && seen.has(v) ? (open.has(v) ? 'cycle' : 'shared') : undefined;
    const control = visit(entry);
    if (control === 'stop') return;
    if (!container || entry.again || control === 'skip') {
      if (f.key !== undefined) path.pop();
      continue;
    }
    seen.add(v);
    open.add(v);
    stack.push({ value: v, key: f.key, parent: f.parent, exit: true });
    pushChildren(v, stack);
  }
}

function pushChildren(v: object, stack: Frame[]): void {
  if (Array.isArray(v)) {
    for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: v });
    return;
  }
  if (v instanceof Map || v instanceof Set || ArrayBuffer.isView(v)) return; // YAML !!omap / !!set / !!binary: leaves
  const rec = v as Record<string, unknown>;
  const keys = Object.keys(rec);
  for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: rec[keys[i]], key: keys[i], parent: rec });
}

/**
 * Replaces every reference that closes a cycle (a recursive alias: `spec: &a {x: *a}`) by null, in place, and
 * returns the paths where it did; the value is a tree (or a DAG of shared aliases) afterwards, so no rule walking
 * it can loop. Kubernetes rejects such a document; the engine reports it and lints what remains.
 */
export function breakCycles(root: unknown): Path[] {
  const cut: Path[] = [];
  walkValue(root, (e) => {
    if (e.again !== 'cycle' || !e.parent || e.key === undefined) return;
    (e.parent as Record<string | number, unknown>)[e.key] = null;
    cut.push([...e.path]);
  });
  return cut;
}
