/** Kyverno's `images` variable: every container image split into registry, path, name, tag and digest. */
import { isRecord, POD_SPEC_PATHS, getPath } from '../../engine';

export interface ImageInfo { registry: string; path: string; name: string; tag: string; digest: string; reference: string; referenceWithTag: string }

export function parseImage(image: string): ImageInfo {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) registry = parts.shift()!;
  else if (parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  if (!tag && !digest) tag = 'latest';
  const reference = `${registry}/${path}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  return { registry, path, name: parts[parts.length - 1], tag, digest, reference, referenceWithTag: `${registry}/${path}:${tag}` };
}

export function imagesOf(value: Record<string, unknown>): Record<string, Record<string, ImageInfo>> {
  const kind = String(value.kind ?? '');
  const specPath = POD_SPEC_PATHS[kind];
  const out: Record<string, Record<string, ImageInfo>> = {};
  if (!specPath) return out;
  const spec = getPath(value, specPath);
  if (!isRecord(spec)) return out;
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    const cs = spec[list];
    if (!Array.isArray(cs)) continue;
    const m: Record<string, ImageInfo> = {};
    for (const c of cs) if (isRecord(c) && typeof c.image === 'string') m[String(c.name ?? '')] = parseImage(c.image);
    if (Object.keys(m).length) out[list] = m;
  }
  return out;
}
