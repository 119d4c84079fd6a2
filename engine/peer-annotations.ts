import type { K8sObject } from './context';
import { isRecord } from './parse';
import type { Rule } from './types';

function list(v: unknown): string[] {
  return typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : [];
}

/**
 * Honours other linters' own exemption annotations through the rule's declared `peers` ids, so a
 * team's existing exemptions keep working the day it switches. Looks at the object's metadata and, for
 * pod-spec carriers, the pod template's metadata.
 */
export function peerAnnotationSuppresses(rule: Rule, object: K8sObject): boolean {
  // asked for every rule on every object: most objects carry no peer annotation at all, worked out once per object
  let any = mayExempt.get(object);
  if (any === undefined) {
    any = hasPeerKey(object.metadata.annotations) || hasPeerKey(templateAnnotations(object));
    mayExempt.set(object, any);
  }
  if (!any) return false;
  const peers = rule.meta.peers;
  const sources = [object.metadata.annotations, templateAnnotations(object)];
  for (const a of sources) {
    if (!isRecord(a)) continue;
    for (const id of peers['kube-linter'] ?? []) if (`ignore-check.kube-linter.io/${id}` in a) return true;
    if (peers.polaris?.length && String(a['polaris.fairwinds.com/exempt']) === 'true') return true;
    for (const id of peers.polaris ?? []) if (String(a[`polaris.fairwinds.com/${id}-exempt`]) === 'true') return true;
    const ks = list(a['kube-score/ignore']);
    if ((peers['kube-score'] ?? []).some((id) => ks.includes(id))) return true;
    for (const [k, v] of Object.entries(a)) {
      if (/^checkov\.io\/skip\d+$/.test(k) && typeof v === 'string') {
        const id = v.split('=')[0].trim();
        if ((peers.checkov ?? []).includes(id)) return true;
      }
      if (k.startsWith('datree.skip/') && (peers.datree ?? []).includes(k.slice('datree.skip/'.length))) return true;
    }
    const kss = list(a['kubescape.io/skip-controls']);
    if ((peers.kubescape ?? []).some((id) => kss.includes(id))) return true;
  }
  return false;
}

/** Every key read below starts with one of these. */
const PEER_PREFIXES = ['ignore-check.kube-linter.io/', 'polaris.fairwinds.com/', 'kube-score/ignore', 'checkov.io/skip', 'datree.skip/', 'kubescape.io/skip-controls'];

const mayExempt = new WeakMap<K8sObject, boolean>();

/** Whether annotations `a` have a key that any peer's exemption reads (own, or inherited from an unusual prototype). */
function hasPeerKey(a: unknown): boolean {
  if (!isRecord(a)) return false;
  const proto = Object.getPrototypeOf(a) as unknown;
  if (proto !== Object.prototype && proto !== null) return true;
  for (const k of Object.getOwnPropertyNames(a)) {
    for (const p of PEER_PREFIXES) if (k.startsWith(p)) return true;
  }
  return false;
}

function templateAnnotations(object: K8sObject): unknown {
  const v = object.value as Record<string, unknown>;
  const spec = isRecord(v.spec) ? v.spec : undefined;
  const tpl = spec && (isRecord(spec.template) ? spec.template : isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) && isRecord(spec.jobTemplate.spec.template) ? spec.jobTemplate.spec.template : undefined);
  return tpl && isRecord(tpl.metadata) ? tpl.metadata.annotations : undefined;
}
