/** A container image reference split into registry host, repository path, tag and digest (Docker's defaults applied). */
export interface ImageRef { registry: string; repository: string; tag?: string; digest?: string }

export function parseImage(image: string): ImageRef | undefined {
  const s = image.trim();
  if (!s || /\s/.test(s) || s.includes('{{') || s.includes('${')) return undefined;
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  const first = rest.split('/')[0];
  let registry = 'docker.io';
  let repository = rest;
  if (rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first.toLowerCase();
    repository = rest.slice(first.length + 1);
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  return { registry, repository, tag, digest };
}

/** Numeric version parts of a tag such as `v1.11.3` or `9.2.3-ubuntu` (undefined when the tag is not a version). */
export function versionOf(tag: string | undefined): number[] | undefined {
  const m = tag ? /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}
