import type { K8sObject } from '../engine';

/** An object's kind and apiVersion: what the stamps are kept by. */
type KindKey = string;

const kindKey = (o: { kind: string; apiVersion: string }): KindKey => `${o.kind}\n${o.apiVersion}`;

/**
 * An object's content as a cross-object rule sees it (kind, name, namespace, value, place in its document). Two
 * versions of a chunk whose objects have equal keys look the same to every cross-object rule.
 */
const contentKeys = new WeakMap<K8sObject, string>();
let unique = 0;
function contentKey(o: K8sObject): string {
  let k = contentKeys.get(o);
  if (k === undefined) {
    // a lazily composed object (a CRD in a bundle): reading its value would compose it; it counts as changed
    if (Object.getOwnPropertyDescriptor(o, 'value')?.get) {
      k = `\0${++unique}`;
      contentKeys.set(o, k);
      return k;
    }
    try {
      k = JSON.stringify([o.apiVersion, o.kind, o.name, o.namespace ?? null, o.path, o.file ?? null, o.value]);
    } catch {
      k = `\0${++unique}`; // not serialisable: equal to nothing else
    }
    contentKeys.set(o, k);
  }
  return k;
}

/**
 * The objects cross-object rules may look up, for the whole workspace: those of every open document (all its
 * chunks, from the editor's text) and those the workspace scan found in files that are not open. Keyed by URI,
 * so a new version of a file replaces its objects. Only objects, never a parse tree, and only of the kinds the
 * cross-object rules read (see `splitRuleSet`).
 *
 * Besides the generation (bumped on any change), each kind (and apiVersion) has a stamp bumped when an object of
 * that kind appears, goes or changes: a cross-object rule's findings on an unchanged document stand while the
 * stamps of the kinds it reads (`meta.reads`) stay the same, so an edit of a Deployment re-runs no rule that reads
 * only ServiceAccounts. An edit that leaves every indexed object equal (a comment, an object of a kind no
 * cross-object rule reads) changes nothing at all: no new generation.
 */
export class ObjectIndex {
  /** Bumped whenever the set of objects changes. */
  generation = 0;
  /** Open documents: one object list per chunk (a chunk's list is shared with the chunk cache). */
  private open = new Map<string, ReadonlyArray<ReadonlyArray<K8sObject>>>();
  private scanned = new Map<string, ReadonlyArray<K8sObject>>();
  private flat?: K8sObject[];
  private listeners: Array<() => void> = [];
  /** Per kind and apiVersion: bumped when an object of it is added, removed or changed. */
  private stamps = new Map<KindKey, number>();
  private stampMemo = new WeakMap<(o: K8sObject) => boolean, { generation: number; stamp: number }>();

  onChange(l: () => void): void { this.listeners.push(l); }

  private bump(changed: Iterable<K8sObject>): void {
    for (const o of changed) {
      const k = kindKey(o);
      this.stamps.set(k, (this.stamps.get(k) ?? 0) + 1);
    }
    this.generation++;
    this.flat = undefined;
    for (const l of this.listeners) l();
  }

  /**
   * A number that changes whenever an object `reads` accepts (judged on kind and apiVersion only) is added,
   * removed or changed: the sum of the stamps of the kinds it accepts.
   */
  stampOf(reads: (o: K8sObject) => boolean): number {
    const m = this.stampMemo.get(reads);
    if (m && m.generation === this.generation) return m.stamp;
    let stamp = 0;
    for (const [k, n] of this.stamps) {
      const nl = k.indexOf('\n');
      if (reads({ kind: k.slice(0, nl), apiVersion: k.slice(nl + 1) } as K8sObject)) stamp += n;
    }
    this.stampMemo.set(reads, { generation: this.generation, stamp });
    return stamp;
  }

  /** An open document's objects (per chunk); unchanged lists (same arrays) change nothing. */
  setOpen(uri: string, parts: ReadonlyArray<ReadonlyArray<K8sObject>>): void {
    const prev = this.open.get(uri);
    if (prev && prev.length === parts.length && prev.every((p, i) => p === parts[i])) return;
    this.open.set(uri, parts);
    this.flat = undefined;
    if (!prev) {
      // opened: its objects replace what the scan read from the file
      const scanned = this.scanned.get(uri) ?? [];
      const came = parts.flat();
      // a document without indexed objects that replaces nothing changes nothing
      if (came.length || scanned.length) this.bump([...scanned, ...came]);
      return;
    }
    if (prev.length === parts.length) {
      // the same chunks at the same places, some re-linted: only objects that differ from the ones at their
      // place count as changed; when none does (an edit no cross-object rule can see), nothing changed
      const changed: K8sObject[] = [];
      for (let i = 0; i < parts.length; i++) {
        const a = prev[i];
        const b = parts[i];
        if (a === b) continue;
        if (a.length !== b.length) { changed.push(...a, ...b); continue; }
        for (let j = 0; j < a.length; j++) if (contentKey(a[j]) !== contentKey(b[j])) changed.push(a[j], b[j]);
      }
      if (changed.length) this.bump(changed);
      return;
    }
    // chunks added or removed: every object of a replaced chunk list counts as changed
    const kept = new Set(parts);
    const had = new Set(prev);
    const changed: K8sObject[] = [];
    for (const p of prev) if (!kept.has(p)) changed.push(...p);
    for (const p of parts) if (!had.has(p)) changed.push(...p);
    if (changed.length) this.bump(changed);
  }

  /** The document was closed: what the scan saw of the file (if anything) counts again. */
  closeOpen(uri: string): void {
    const prev = this.open.get(uri);
    if (!prev) return;
    this.open.delete(uri);
    const scanned = this.scanned.get(uri) ?? [];
    if (prev.some((p) => p.length) || scanned.length) this.bump([...prev.flat(), ...scanned]);
    else this.flat = undefined;
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
    if (!this.open.has(uri)) this.bump([...(prev ?? []), ...objects]);
    else this.flat = undefined;
  }

  /** Drops scanned files the latest scan no longer found (deleted, excluded). */
  retainScanned(keep: (uri: string) => boolean): void {
    const changed: K8sObject[] = [];
    let any = false;
    for (const uri of [...this.scanned.keys()]) {
      if (keep(uri)) continue;
      const objs = this.scanned.get(uri)!;
      this.scanned.delete(uri);
      if (!this.open.has(uri)) { any = true; changed.push(...objs); }
    }
    if (any) this.bump(changed);
    else this.flat = undefined;
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
