import { emptyTransformerConfig, mergeConfig, type TransformerConfig } from './builtin-config';
import { KustomizeError } from './errors';
import { parseYaml } from './yaml-in';

type Json = Record<string, unknown>;

function toJson(text: string): Json {
  try { return JSON.parse(text) as Json; } catch { /* YAML below */ }
  const doc = parseYaml(text, '<crd>').find((d) => d.node)?.node;
  const conv = (n: unknown): unknown => {
    const k = n as { kind: string; entries?: Array<{ key: string; value: unknown }>; items?: unknown[]; value?: string };
    if (k.kind === 'map') return Object.fromEntries(k.entries!.map((e) => [e.key, conv(e.value)]));
    if (k.kind === 'seq') return k.items!.map(conv);
    return k.value;
  };
  return (doc ? conv(doc) : {}) as Json;
}

/**
 * The legacy `crds:` field: OpenAPI definitions whose properties carry `x-kubernetes-object-ref-kind` /
 * `-api-version` (name references), `x-kubernetes-annotation`, `x-kubernetes-label-selector`,
 * `x-kubernetes-identity` extend the transformer configuration.
 */
export function loadCrdConfig(text: string): TransformerConfig {
  let defs: Json;
  try { defs = toJson(text); } catch (e) { throw new KustomizeError(`unable to parse open API definition: ${(e as Error).message}`); }
  let tc = emptyTransformerConfig();
  for (const [name, def] of Object.entries(defs)) {
    const props = ((def as Json)?.Schema as Json | undefined)?.properties as Json | undefined;
    if (!props || !props.kind || !props.apiVersion || !props.metadata) continue;
    const kind = name.slice(name.lastIndexOf('.') + 1);
    const one = emptyTransformerConfig();
    walk(defs, name, [], kind, one, 0);
    tc = mergeConfig(tc, one);
  }
  return tc;
}

function walk(defs: Json, typeName: string, path: string[], kind: string, tc: TransformerConfig, depth: number): void {
  if (depth > 20) return;
  const props = ((defs[typeName] as Json | undefined)?.Schema as Json | undefined)?.properties as Record<string, Json> | undefined;
  if (!props) return;
  for (const [prop, p] of Object.entries(props)) {
    const here = [...path, prop];
    if (p['x-kubernetes-annotation'] !== undefined) tc.commonAnnotations.push({ kind, path: here.join('/'), create: false });
    if (p['x-kubernetes-label-selector'] !== undefined) tc.commonLabels.push({ kind, path: here.join('/'), create: false });
    if (p['x-kubernetes-identity'] !== undefined) tc.namePrefix.push({ kind, path: here.join('/'), create: false });
    const version = p['x-kubernetes-object-ref-api-version'];
    const refKind = p['x-kubernetes-object-ref-kind'];
    if (typeof version === 'string' && typeof refKind === 'string') {
      const nameKey = typeof p['x-kubernetes-object-ref-name-key'] === 'string' ? (p['x-kubernetes-object-ref-name-key'] as string) : 'name';
      tc.nameReference.push({ kind: refKind, version, fieldSpecs: [{ kind, path: [...here, nameKey].join('/') }] });
    }
    if (typeof p.$ref === 'string') walk(defs, p.$ref, here, kind, tc, depth + 1);
  }
}
