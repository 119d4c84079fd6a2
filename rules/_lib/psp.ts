import { isRecord, type Path } from '../../engine';

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
