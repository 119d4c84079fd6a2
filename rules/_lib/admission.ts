/** Admission webhooks and policies as objects: which webhook belongs to a security tool, which selector exempts. */
import { isRecord, type K8sObject } from '../../engine';

export const WEBHOOK_KINDS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'] as const;

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

export function isAdmissionRegistration(o: K8sObject): boolean {
  return o.apiVersion.startsWith('admissionregistration.k8s.io/');
}

/** Policy engines, scanners and image verifiers whose webhooks enforce security. */
const SECURITY_TOOL = /kyverno|gatekeeper|\bopa\b|open-policy-agent|kubewarden|jspolicy|polaris|datree|kubearmor|neuvector|stackrox|sysdig|aqua|twistlock|prisma|falco|connaisseur|ratify|sigstore|cosign|policy-controller|image-?policy|pod-?security|psa|security|validat(e|ing|ion)-?polic|admission-controller|trivy/i;

export interface Webhook { index: number; name: string; value: Record<string, unknown> }

export function webhooksOf(o: K8sObject): Webhook[] {
  return arr(o.value.webhooks).flatMap((w, index) => (isRecord(w) ? [{ index, name: typeof w.name === 'string' ? w.name : `#${index + 1}`, value: w }] : []));
}

/** The security tool a webhook belongs to (by its own, its configuration's or its service's name), if any. */
export function securityTool(o: K8sObject, w: Webhook): string | undefined {
  const svc = rec(rec(w.value.clientConfig).service);
  const url = typeof rec(w.value.clientConfig).url === 'string' ? String(rec(w.value.clientConfig).url) : '';
  for (const s of [w.name, o.name, String(svc.name ?? ''), String(svc.namespace ?? ''), url]) {
    const m = SECURITY_TOOL.exec(s);
    if (m) return m[0].toLowerCase();
  }
  return undefined;
}

const NAME_KEY = 'kubernetes.io/metadata.name';

/**
 * Label keys of a selector that decide by a label the selected side sets itself (every key but the
 * namespace's name, which only the API server sets): `key` with how it exempts.
 */
export function selfChosenLabels(sel: unknown): string[] {
  if (!isRecord(sel)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(rec(sel.matchLabels))) if (k !== NAME_KEY) out.push(`${k}=${String(v)}`);
  for (const e of arr(sel.matchExpressions).map(rec)) {
    const key = String(e.key ?? '');
    if (!key || key === NAME_KEY) continue;
    const values = arr(e.values).map(String).join(',');
    switch (e.operator) {
      case 'NotIn': out.push(`${key} not in (${values})`); break;
      case 'In': out.push(`${key} in (${values})`); break;
      case 'Exists': out.push(`${key} set`); break;
      case 'DoesNotExist': out.push(`${key} unset`); break;
      default: break;
    }
  }
  return out;
}
