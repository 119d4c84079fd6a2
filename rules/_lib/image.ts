/**
 * Container image references, read the way container runtimes read them:
 * `[registry[:port]/]repository[:tag][@algorithm:digest]`.
 *
 * The first `/`-separated component is a registry only when it looks like a host name (it contains a `.`
 * or a `:`, or is `localhost`); otherwise it is part of the repository (`library/nginx`). A `:` after the
 * last `/` starts the tag, so `registry:5000/app` has a registry port and no tag.
 */
export interface ImageRef {
  /** The reference as written (trimmed). */
  raw: string;
  /** Registry host (with port), or undefined for the default registry. */
  registry?: string;
  repository: string;
  tag?: string;
  /** `algorithm:hex`, without the `@`. */
  digest?: string;
}

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const REGISTRY_RE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;

/**
 * Parses an image reference; undefined when it is not one a runtime would accept (empty, upper-case
 * repository, or a template placeholder such as `${IMAGE}` or `<your-image>`), so rules do not judge it.
 */
export function parseImage(raw: string): ImageRef | undefined {
  const ref = raw.trim();
  if (!ref || /\s/.test(ref)) return undefined;
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!REPOSITORY_RE.test(rest) || (tag !== undefined && !TAG_RE.test(tag)) || (registry !== undefined && !REGISTRY_RE.test(registry))) return undefined;
  return { raw: ref, registry, repository: rest, tag: tag || undefined, digest: digest || undefined };
}

/** A content digest as the OCI spec defines it, e.g. `sha256:` followed by 64 hex digits. */
const DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const KNOWN_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** True when the digest is well formed (known algorithms must have the right length of lowercase hex). */
export function isValidDigest(digest: string): boolean {
  if (!DIGEST_RE.test(digest)) return false;
  const [alg, hex] = digest.split(':', 2);
  const len = KNOWN_LENGTHS[alg];
  return len === undefined || (hex.length === len && /^[a-f0-9]+$/.test(hex));
}

/** An image's registry and repository as Docker resolves them: Docker Hub by default, `library/` for official images. */
export interface ResolvedImage { registry: string; repository: string; tag?: string; digest?: string }

/**
 * {@link parseImage} with Docker's defaults applied, for comparing images with lists of registries and
 * repositories: no registry means `docker.io` (also written `index.docker.io` or `registry-1.docker.io`), and a
 * one-part Docker Hub name is an official image under `library/`. Registry host names compare in lower case.
 */
export function resolveImage(raw: string): ResolvedImage | undefined {
  const ref = parseImage(raw);
  if (!ref) return undefined;
  let registry = (ref.registry ?? 'docker.io').toLowerCase();
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  const repository = registry === 'docker.io' && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository;
  return { registry, repository, tag: ref.tag, digest: ref.digest };
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
