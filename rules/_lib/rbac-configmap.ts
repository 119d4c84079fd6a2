import type { K8sObject, Path } from '../../engine';
import { findGrant, grantPath, rolesGranting, type Grant } from './rbac-rules';

/**
 * Rule entries of a Role or ClusterRole that let its subjects update or patch one ConfigMap of kube-system
 * (the EKS `aws-auth` map, CoreDNS's `coredns`): a rule that names it in `resourceNames`, or an un-narrowed rule
 * in a ClusterRole or a kube-system Role. A Role in another namespace cannot reach it; a Role with no
 * namespace written reaches it only by naming it, which makes sense only in kube-system.
 */
export function kubeSystemConfigMapWrites(object: K8sObject, configMap: string): Grant[] {
  if (object.kind === 'Role' && object.namespace !== undefined && object.namespace !== 'kube-system') return [];
  const inKubeSystem = object.kind === 'ClusterRole' || object.namespace === 'kube-system';
  return rolesGranting(object, (r) => {
    if (r.resourceNames.length ? !r.resourceNames.includes(configMap) : !inKubeSystem) return undefined;
    return findGrant(r, [['', 'configmaps']], ['update', 'patch']);
  });
}

/** Where a write to the named ConfigMap is reported: its `resourceNames` item when the rule names it, else the `resources` item. */
export function configMapGrantPath(g: Grant, configMap: string): Path {
  const named = g.rule.resourceNames.indexOf(configMap);
  return named >= 0 ? [...g.rule.path, 'resourceNames', named] : grantPath(g);
}
