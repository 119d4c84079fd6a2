import type { K8sObject } from '../engine';

/**
 * The objects cross-object rules may look up, for the whole workspace: those of every open document (all its
 * chunks, from the editor's text) and those the workspace scan found in files that are not open. Keyed by URI,
 * so a new version of a file replaces its objects. Only objects, never a parse tree, and only of the kinds the
 * cross-object rules read (see `splitRuleSet`).
 */
export class ObjectIndex {
  /** Bumped whenever the set of objects changes. */
  generation = 0;
  /** Open documents: one object list per chunk (a chunk's list is shared with the chunk cache). */
  private open = new Map<string, ReadonlyArray<ReadonlyArray<K8sObject>>>();
  private scanned = new Map<string, ReadonlyArray<K8sObject>>();
  private flat?: K8sObject[];
  private listeners: Array<() => void> = [];

  onChange(l: () => void): void { this.listeners.push(l); }

  private bump(): void {
    this.generation++;
    this.flat = undefined;
    for (const l of this.listeners) l();
  }

  /** An open document's objects (per chunk); unchanged lists (same arrays) change nothing. */
  setOpen(uri: string, parts: ReadonlyArray<ReadonlyArray<K8sObject>>): void {
    const prev = this.open.get(uri);
    if (prev && prev.length === parts.length && prev.every((p, i) => p === parts[i])) return;
    const empty = !parts.some((p) => p.length);
    this.open.set(uri, parts);
    // a document without indexed objects that replaces nothing changes nothing
    if (empty && !prev?.some((p) => p.length) && !this.scanned.get(uri)?.length) return;
    this.bump();
  }

  /** The document was closed: what the scan saw of the file (if anything) counts again. */
  closeOpen(uri: string): void {
    const prev = this.open.get(uri);
    if (!prev) return;
    this.open.delete(uri);
    if (prev.some((p) => p.length) || this.scanned.get(uri)?.length) this.bump();
  }

  /** A file's objects as the workspace scan read them from disk. */
  setScanned(uri: string, objects: ReadonlyArray<K8sObject>): void {
    const prev = this.scanned.get(uri);
    if (prev === objects || (!prev && !objects.length)) return;
    // a re-scan of an unchanged file brings equal objects: keep the generation (and every cache keyed by it)
    if (prev && prev.length === objects.length && JSON.stringify(prev) === JSON.stringify(objects)) {
      this.scanned.set(uri, objects);
      this.flat = undefined;
      return;
    }
    if (!objects.length) this.scanned.delete(uri);
    else this.scanned.set(uri, objects);
    if (!this.open.has(uri)) this.bump();
  }

  /** Drops scanned files the latest scan no longer found (deleted, excluded). */
  retainScanned(keep: (uri: string) => boolean): void {
    let changed = false;
    for (const uri of [...this.scanned.keys()]) {
      if (keep(uri)) continue;
      this.scanned.delete(uri);
      if (!this.open.has(uri)) changed = true;
    }
    if (changed) this.bump();
  }

  /** Every indexed object: open documents' current text first, then scanned files that are not open. */
  all(): ReadonlyArray<K8sObject> {
    if (this.flat) return this.flat;
    const out: K8sObject[] = [];
    for (const parts of this.open.values()) for (const p of parts) for (const o of p) out.push(o);
    for (const [uri, objs] of this.scanned) if (!this.open.has(uri)) for (const o of objs) out.push(o);
    this.flat = out;
    return out;
  }

  /** Objects held (for tests and the stats request). */
  get size(): number { return this.all().length; }
}
