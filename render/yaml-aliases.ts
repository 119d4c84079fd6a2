/**
 * go-yaml's guard against alias bombs, which Helm (v2) and kustomize (v3) both inherit: once more than 100 nodes
 * have been decoded through aliases and more than 1,000 in all, the share decoded through aliases may not exceed
 * a ratio that falls from 99% (up to 400,000 nodes) to 10% (4,000,000 nodes and more). A document past it fails
 * with "document contains excessive aliasing" instead of expanding to billions of nodes.
 */
export const EXCESSIVE_ALIASING = 'yaml: document contains excessive aliasing';

export class AliasBudget {
  private decoded = 0;
  private aliased = 0;
  private depth = 0;

  /** `fail` builds the error each reader throws (its own class, Go's wording). */
  constructor(private readonly fail: (message: string) => Error) {}

  /** One node decoded (a scalar, a sequence, a map, a key). */
  count(): void {
    this.decoded++;
    if (this.depth > 0) this.aliased++;
    if (this.aliased > 100 && this.decoded > 1000 && this.aliased / this.decoded > allowedRatio(this.decoded)) throw this.fail(EXCESSIVE_ALIASING);
  }

  /** Decode the target of an alias. */
  through<T>(decode: () => T): T {
    this.depth++;
    try { return decode(); } finally { this.depth--; }
  }
}

function allowedRatio(decoded: number): number {
  if (decoded <= 400_000) return 0.99;
  if (decoded >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decoded - 400_000) / 3_600_000);
}
