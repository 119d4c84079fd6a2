import { parseVersion as parseSemver, semverCompare, type SemverVersion } from './template/sprig-semver';

/**
 * Semantic versions and constraints as Helm reads them for `Chart.yaml` (`version`, `kubeVersion`) and for matching
 * a dependency's `version` range against the chart found in `charts/`. Helm and Sprig's `semverCompare` use the
 * same library (Masterminds semver v3), so both go through the one implementation in template/sprig-semver.ts.
 */
export type SemVer = SemverVersion;

/** Parse a version loosely (`v1.27`, `1.2.3-rc.1+meta`); undefined when invalid. */
export function parseVersion(text: string): SemVer | undefined {
  try {
    return parseSemver(text.trim());
  } catch {
    return undefined;
  }
}

/** Helm's "is this version in this range": false when either does not parse. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  try {
    return semverCompare(constraint, version.trim());
  } catch {
    return false;
  }
}
