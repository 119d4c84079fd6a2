import type { Path, Range } from '../../engine';
import type { Origin } from '../source-map';

/**
 * Where a values entry came from: a key of a values file (the chart's values.yaml, a user's `--values` file, a
 * subchart's values.yaml) or a `--set` expression. Recorded per (container, key) by object identity, so every map
 * handed to the template engine can answer "who wrote `.x` here" without the engine knowing about Helm.
 */
export type ValueSource =
  | { kind: 'file'; file: string; path: Path; range: Range }
  | { kind: 'set'; expr: string; flag: '--set' | '--set-string' }
  /** Not from values at all (`.Release.Namespace`): see Origin `generated`. */
  | { kind: 'generated'; note: string; placeholder?: true };

export class ValueOrigins {
  private readonly table = new WeakMap<object, Map<string, ValueSource>>();

  set(container: object, key: string | number, src: ValueSource | undefined): void {
    let m = this.table.get(container);
    if (!src) { m?.delete(String(key)); return; }
    if (!m) this.table.set(container, (m = new Map()));
    m.set(String(key), src);
  }

  get(container: object, key: string | number): ValueSource | undefined {
    return this.table.get(container)?.get(String(key));
  }

  /** The source-map origin of `container[key]` (what the template engine's `valueOrigin` answers). */
  origin(container: object, key: string): Origin | undefined {
    const s = this.get(container, key);
    if (!s) return undefined;
    if (s.kind === 'set') return { kind: 'generated', note: `${s.flag} ${s.expr}` };
    if (s.kind === 'generated') return s;
    return { kind: 'node', file: s.file, doc: 0, path: s.path, range: s.range };
  }
}

export type GoMap = Record<string, unknown>;

/** A plain map as the template engine models Go's map[string]interface{}. */
export function isMap(v: unknown): v is GoMap {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** Set a key on a map (safe for `__proto__` and friends). */
export function setKey(m: GoMap, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(m, key, { value, enumerable: true, configurable: true, writable: true });
  else m[key] = value;
}

export function hasKey(m: GoMap, key: string): boolean { return Object.prototype.hasOwnProperty.call(m, key); }
