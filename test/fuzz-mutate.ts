import { generateManifest } from './engine/manifest-gen';
import { rng } from './random';

type R = ReturnType<typeof rng>;

const CHARS = [':', '-', ' ', '\t', '\n', '\r', '[', ']', '{', '}', '"', "'", '&', '*', '#', '|', '>', '!', '%', '@', '`', ',', '?', 'a', '0', 'é', '😀'];

/**
 * The mutations the reliability test used on real manifests: truncation, byte flips, duplicated lines, tabs, lost
 * indentation and aliases (plain, recursive, to unknown anchors). Bounded: the result is at most `max` characters.
 */
export function mutate(text: string, r: R, max = 4096): string {
  let t = text;
  const times = r.chance(0.6) ? 1 : 2 + r.int(2);
  for (let i = 0; i < times; i++) t = r.pick(MUTATIONS)(t, r);
  return t.slice(0, max);
}

const lines = (t: string) => t.split('\n');

const MUTATIONS: ReadonlyArray<(t: string, r: R) => string> = [
  // truncation
  (t, r) => t.slice(0, r.int(t.length + 1)),
  // byte flips
  (t, r) => {
    let s = t;
    for (let k = 1 + r.int(4); k > 0 && s.length; k--) {
      const at = r.int(s.length);
      s = s.slice(0, at) + r.pick(CHARS) + s.slice(at + 1);
    }
    return s;
  },
  // a duplicated line, next to itself or elsewhere
  (t, r) => {
    const ls = lines(t);
    const i = r.int(ls.length);
    ls.splice(r.chance(0.5) ? i : r.int(ls.length), 0, ls[i]);
    return ls.join('\n');
  },
  // a tab in the indentation
  (t, r) => {
    const ls = lines(t);
    const i = r.int(ls.length);
    ls[i] = ls[i].replace(/^( *)/, (m) => (r.chance(0.5) ? '\t' + m : m.replace(/ {1,2}$/, '\t')));
    return ls.join('\n');
  },
  // lost indentation
  (t, r) => {
    const ls = lines(t);
    const i = r.int(ls.length);
    ls[i] = r.chance(0.5) ? ls[i].trimStart() : ls[i].replace(/^ {1,2}/, '');
    return ls.join('\n');
  },
  // aliases: an anchor on a map or a scalar, then aliases to it after it, inside it (recursive) or to nothing
  (t, r) => {
    const ls = lines(t);
    const keyed = ls.map((l, i) => [/^(\s*)(- )?[\w.-]+:(\s*)(\S.*)?$/.exec(l), i] as const).filter(([m]) => m);
    if (!keyed.length) return t;
    const [m, a] = r.pick(keyed);
    const block = !m![4];
    ls[a] = block ? `${ls[a].replace(/\s*$/, '')} &fz` : ls[a].replace(/:\s*/, ': &fz ');
    const child = ' '.repeat((m![1].length + (m![2] ? 2 : 0)) + 2);
    for (let k = 1 + r.int(2); k > 0; k--) {
      const name = r.chance(0.9) ? '*fz' : '*nothere';
      const later = keyed.filter(([x, i]) => i > a && x![4]);
      if (block && r.chance(0.4)) ls.splice(a + 1, 0, `${child}loop${k}: ${name}`); // recursive
      else if (later.length && r.chance(0.6)) {
        const [, j] = r.pick(later);
        ls[j] = ls[j].replace(/:\s*\S.*$/, `: ${name}`);
      } else ls.push(`${' '.repeat(2 * r.int(3))}extra${k}: ${name}`);
    }
    return ls.join('\n');
  },
  // (aliases again: the mutation that found recursive aliases gets twice the weight)
  (t, r) => MUTATIONS[5](t, r),
  // a merge key with an alias
  (t, r) => {
    const ls = lines(t);
    const i = r.int(ls.length);
    const indent = /^ */.exec(ls[i])![0];
    ls.splice(i, 0, `${indent}<<: *fz`);
    return ls.join('\n');
  },
];

/** Lines of `text` as LSP and the engine count characters: a range is inside when its line exists and its character is at most that line's length. */
export function rangeInside(text: string, r: { start: { line: number; character: number }; end: { line: number; character: number } } | undefined): boolean {
  if (!r) return true;
  const ls = text.split('\n');
  const ok = (p: { line: number; character: number }) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < ls.length && p.character >= 0 && p.character <= ls[p.line].length;
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ok(r.start) && ok(r.end) && ordered;
}

/** Base manifests besides the generated ones: a List, a CRD with its custom resource, JSON. */
export const FUZZ_BASES = [
  `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: a, annotations: {token: "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}}
  spec:
    containers: [{name: c, image: "nginx:1.27", securityContext: {privileged: true}}]
- apiVersion: v1
  kind: Service
  metadata:
    name: s
  spec:
    type: NodePort
    ports:
    - port: 80
`,
  `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  names: {kind: Gadget, plural: gadgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
---
apiVersion: example.com/v1
kind: Gadget
metadata:
  name: g
spec:
  size: 3
`,
  '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"}, "spec": {"hostNetwork": true, "containers": [{"name": "c", "image": "nginx"}]}}\n',
];

/** `count` mutants of generated and base manifests; the same seed gives the same cases. */
export function fuzzCases(seed: number, count: number): string[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => mutate(i % 4 === 3 ? FUZZ_BASES[r.int(FUZZ_BASES.length)] : generateManifest(seed * 1000 + i), r));
}

