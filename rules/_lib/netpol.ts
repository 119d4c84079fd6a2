import { isRecord, type K8sObject } from '../../engine';

/** The directions a NetworkPolicy isolates: `policyTypes` when written, else Ingress (+ Egress if it has egress rules). */
export function policyDirections(np: K8sObject): { ingress: boolean; egress: boolean } {
  const spec = isRecord(np.value.spec) ? np.value.spec : {};
  if (Array.isArray(spec.policyTypes)) {
    const t = spec.policyTypes.map(String);
    return { ingress: t.includes('Ingress'), egress: t.includes('Egress') };
  }
  return { ingress: true, egress: spec.egress !== undefined && spec.egress !== null };
}

export function podSelectorOf(np: K8sObject): unknown {
  const spec = isRecord(np.value.spec) ? np.value.spec : {};
  return spec.podSelector;
}
