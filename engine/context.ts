import { isRecord, type DuplicateKey } from './parse';
import { containersOf, podSpecOf, type ContainerRef, type PodSpecRef } from './workloads';
import type { Path, ReportDescriptor } from './types';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  value: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** Path of the object in its YAML document (`[]`, or `['items', i]` in a List). */
  path: Path;
  /** The file the object came from, when known (cross-object rules name it). */
  file?: string;
}

const byKindCache = new WeakMap<ReadonlyArray<K8sObject>, { length: number; byKind: Map<string, K8sObject[]> }>();

/**
 * The objects of one kind among `objects`, grouped once per objects array: a scan lints every object
 * against the same array, and a cross-object rule that filters the whole array for each object it judges
 * costs objects² on a large scan.
 */
export function objectsOfKind(objects: ReadonlyArray<K8sObject>, kind: string): ReadonlyArray<K8sObject> {
  let c = byKindCache.get(objects);
  if (!c || c.length !== objects.length) {
    const byKind = new Map<string, K8sObject[]>();
    for (const o of objects) {
      const list = byKind.get(o.kind);
      if (list) list.push(o);
      else byKind.set(o.kind, [o]);
    }
    c = { length: objects.length, byKind };
    byKindCache.set(objects, c);
  }
  return c.byKind.get(kind) ?? [];
}

/**
 * The pod spec and containers of an object, worked out once for every rule that looks at it (rules only read
 * them). Keyed by the object, so a new parse starts afresh.
 */
const perObject = new WeakMap<K8sObject, { pod?: PodSpecRef | null; ctrs?: ContainerRef[] }>();
function shared(o: K8sObject): { pod?: PodSpecRef | null; ctrs?: ContainerRef[] } {
  let c = perObject.get(o);
  if (!c) {
    c = {};
    perObject.set(o, c);
  }
  return c;
}

/** What a rule's check sees: one Kubernetes object and the engine's helpers. */
export class RuleContext {
  private pod?: PodSpecRef | null;
  private ctrs?: ContainerRef[];
  readonly reports: ReportDescriptor[] = [];

  constructor(
    readonly object: K8sObject,
    readonly options: Readonly<Record<string, unknown>>,
    /** Every object in the same scan (for cross-object rules); may be just this file's. */
    readonly objects: ReadonlyArray<K8sObject> = [],
    /** Keys written more than once inside this object (Kubernetes keeps the last value). */
    readonly duplicates: ReadonlyArray<DuplicateKey> = [],
  ) {}

  /** The objects of the scan of one kind (see {@link objectsOfKind}). */
  objectsOfKind(kind: string): ReadonlyArray<K8sObject> {
    return objectsOfKind(this.objects, kind);
  }

  podSpec(): PodSpecRef | undefined {
    if (this.pod === undefined) this.pod = shared(this.object).pod ??= podSpecOf(this.object.kind, this.object.value) ?? null;
    return this.pod ?? undefined;
  }

  /** Every container of the pod spec: init, regular and ephemeral, with its effective securityContext. */
  containers(): ContainerRef[] {
    if (!this.ctrs) {
      const cache = shared(this.object);
      if (!cache.ctrs) {
        const pod = this.podSpec();
        cache.ctrs = pod ? containersOf(pod) : [];
      }
      this.ctrs = cache.ctrs;
    }
    return this.ctrs;
  }

  report(d: ReportDescriptor): void { this.reports.push(d); }

  /** Read a value at a path relative to the object. */
  get(path: Path): unknown {
    let v: unknown = this.object.value;
    for (const seg of path) {
      if (typeof seg === 'number') v = Array.isArray(v) ? v[seg] : undefined;
      else v = isRecord(v) ? v[seg] : undefined;
      if (v === undefined) return undefined;
    }
    return v;
  }

  /** A short label for messages: `Deployment web`. */
  get label(): string { return `${this.object.kind} ${this.object.name || '(unnamed)'}`; }
}
