/**
 * Kyverno's CEL libraries that can be answered offline: `parseServiceAccount`, and `resource.Get/List` and
 * `image.GetMetadata` when the caller binds `resource`/`image` to stand-in data (a Kyverno CLI Context file).
 * Unbound, they read the live cluster and stay not evaluable (functions.ts).
 */
import { define, asString, fail } from './functions';
import { CelOpaque, CelUnknown, fromJson, type Value } from './values';

/** What `resource.Get/List` answer from: stand-in objects, not the cluster. */
export interface ResourceSource {
  get(apiVersion: string, resource: string, namespace: string, name: string): unknown;
  list(apiVersion: string, resource: string, namespace: string): unknown[];
}
/** What `image.GetMetadata` answers from. */
export interface ImageSource { get(ref: string): unknown }

export const RESOURCE_LIB = 'kyverno.resource';
export const IMAGE_LIB = 'kyverno.image';

define('parseServiceAccount', (_r, a, pos) => {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(asString(a[0], pos, 'parseServiceAccount'));
  return new Map<string, Value>([['Namespace', m ? m[1] : ''], ['Name', m ? m[2] : '']]);
});

function lib<T>(r: Value | undefined, type: string, fn: string, pos: number): T {
  if (!(r instanceof CelOpaque) || r.type !== type) {
    if (r === undefined) throw new CelUnknown(`${fn}() reads the live cluster`);
    fail(pos, fn, r);
  }
  return r.v as T;
}

define('Get', (r, a, pos) => {
  const src = lib<ResourceSource>(r, RESOURCE_LIB, 'resource.Get', pos);
  const [apiVersion, resource, namespace, name] = a.map((x, i) => asString(x, pos, `resource.Get argument ${i + 1}`));
  const hit = src.get(apiVersion, resource, namespace, name);
  if (hit === undefined) throw new CelUnknown(`resource.Get(${apiVersion}, ${resource}, ${namespace || '""'}, ${name}) is not in the context data`);
  return fromJson(hit);
});

define('List', (r, a, pos) => {
  const src = lib<ResourceSource>(r, RESOURCE_LIB, 'resource.List', pos);
  const [apiVersion, resource, namespace] = a.map((x, i) => asString(x, pos, `resource.List argument ${i + 1}`));
  return fromJson({ items: src.list(apiVersion, resource, namespace ?? '') });
});

define('GetMetadata', (r, a, pos) => {
  const src = lib<ImageSource>(r, IMAGE_LIB, 'image.GetMetadata', pos);
  const ref = asString(a[0], pos, 'image.GetMetadata');
  const hit = src.get(ref);
  if (hit === undefined) throw new CelUnknown(`image.GetMetadata(${ref}): the image is not in the context data`);
  return fromJson(hit);
});
