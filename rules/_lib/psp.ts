import { isRecord, type Path, type RuleContext } from '../../engine';

/**
 * Helpers for the legacy PodSecurityPolicy rules (policy/v1beta1 and extensions/v1beta1, removed in
 * Kubernetes 1.25). A PSP says what the pods it admits may ask for; the rules judge what it admits.
 */

/** The PSP's `spec`, or an empty map when it is missing or not a map. */
export function pspSpec(object: unknown): Record<string, unknown> {
  return isRecord(object) && isRecord(object.spec) ? object.spec : {};
}

export interface PspCapability { value: string; path: Path }

/** The string entries of a capability list of the PSP spec, with their paths. */
export function pspCapabilities(spec: Record<string, unknown>, field: 'allowedCapabilities' | 'defaultAddCapabilities' | 'requiredDropCapabilities'): PspCapability[] | undefined {
  const list = spec[field];
  if (!Array.isArray(list)) return undefined;
  return list.flatMap((v, i) => (typeof v === 'string' ? [{ value: v, path: ['spec', field, i] }] : []));
}

/** Capability names as the PSP lists them (`NET_RAW`); the `CAP_` spelling is accepted too. */
export function isCapability(name: string, cap: string): boolean {
  return name === cap || name === `CAP_${cap}`;
}

/**
 * The name of another PodSecurityPolicy of the scan that does not admit what `admits` judges, if any.
 *
 * The CIS benchmark asks that at least one policy refuse each risky setting, and describes a separate, permissive
 * policy (whose `use` RBAC grants to the few workloads that need it) as the way to serve the exceptions. A policy
 * is therefore judged together with the others of the scan: when another one refuses the setting, this one is the
 * exception and is reported as such (info), not as the cluster's only policy. A policy is cluster-scoped, so one
 * with the same name is the same policy.
 */
export function otherRestrictingPsp(ctx: RuleContext, admits: (spec: Record<string, unknown>) => boolean): string | undefined {
  const self = ctx.object;
  for (const o of ctx.objectsOfKind('PodSecurityPolicy')) {
    if (o.value === self.value || (self.name !== '' && o.name === self.name)) continue;
    if (!admits(pspSpec(o.value))) return o.name || '(unnamed)';
  }
  return undefined;
}

/** `otherRestricts`, the message every PodSecurityPolicy rule uses for a permissive policy next to a restrictive one. */
export function otherRestrictsMessage(what: string): string {
  return `{{kind}} {{name}}: ${what}. PodSecurityPolicy {{other}} in the scan is stricter on this point, so this one serves the exceptions: grant its \`use\` only to the workloads that need it.`;
}
