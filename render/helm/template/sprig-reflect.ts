/** Sprig's reflection and default functions: typeOf, kindOf, deepEqual, default, empty, coalesce, ternary… */
import { type SignedFunc, sig } from './func-sig';
import { GoInt, goTypeTag, isGoMap, isGoStruct, kindOf, truth, typeName } from './go-value';
import { chosenProv, defaultProv } from './prov';

/** reflect.DeepEqual: same Go type and deeply equal contents. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (typeName(a) !== typeName(b)) return false;
  if (a instanceof GoInt) return a.value === (b as GoInt).value;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  if (isGoMap(a)) {
    const bm = b as Record<string, unknown>;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(bm).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(bm, k) && deepEqual(a[k], bm[k]));
  }
  if (isGoStruct(a)) {
    if (a === b) return true;
    const ka = Object.keys(a);
    return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** reflect.Kind's name of a value ('invalid' for nil). */
export function kindName(v: unknown): string {
  const k = kindOf(v);
  if (k === 'interface') return 'invalid';
  return k;
}

export function reflectFuncs(): Record<string, SignedFunc> {
  return {
    typeOf: sig('any', (v: unknown) => typeName(v)),
    typeIs: sig('string, any', (t: string, v: unknown) => t === typeName(v)),
    typeIsLike: sig('string, any', (t: string, v: unknown) => { const n = typeName(v); return t === n || '*' + t === n; }),
    kindOf: sig('any', (v: unknown) => kindName(v)),
    kindIs: sig('string, any', (t: string, v: unknown) => t === kindName(v)),
    deepEqual: sig('any, any', deepEqual),
    default: sig('any, ...any', (d: unknown, ...given: unknown[]) => {
      if (given.length === 0) return d;
      return truth(given[0]) ? given[0] : d;
    }, defaultProv),
    empty: sig('any', (v: unknown) => !truth(v)),
    coalesce: sig('...any', (...v: unknown[]) => v.find(truth) ?? null, chosenProv),
    all: sig('...any', (...v: unknown[]) => v.every(truth)),
    any: sig('...any', (...v: unknown[]) => v.some(truth)),
    ternary: sig('any, any, bool', (vt: unknown, vf: unknown, c: boolean) => (c ? vt : vf), (provs, _a, r) => (r === _a[0] ? provs[0] : provs[1])),
  };
}

export { goTypeTag };
