import { isRecord, objectsOfKind, type ContainerRef, type K8sObject, type PodSpecRef, type RuleContext } from '../../engine';
import { sameNamespace } from './selectors';

/** Controllers whose `spec.replicas` sets a pod count. */
export const REPLICATED_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Rollout'];

/** HorizontalPodAutoscalers in the scan that target this object. */
export function hpasTargeting(o: K8sObject, objects: ReadonlyArray<K8sObject>): K8sObject[] {
  return objectsOfKind(objects, 'HorizontalPodAutoscaler').filter((h) => {
    if (!sameNamespace(h, o)) return false;
    const ref = isRecord(h.value.spec) ? h.value.spec.scaleTargetRef : undefined;
    return isRecord(ref) && ref.kind === o.kind && ref.name === o.name;
  });
}

/** `spec.replicas` as a number (undefined when absent or not a number). */
export function replicasOf(o: K8sObject): number | undefined {
  const spec = isRecord(o.value.spec) ? o.value.spec : {};
  return typeof spec.replicas === 'number' ? spec.replicas : undefined;
}

/** Kinds whose pods run to completion: liveness/readiness probes make no sense there. */
const BATCH_KINDS = new Set(['Job', 'CronJob']);

/**
 * Containers that run for the pod's lifetime: regular ones and sidecars (init containers with
 * `restartPolicy: Always`); none for batch kinds or pods that are not restarted.
 */
export function longRunningContainers(kind: string, pod: PodSpecRef | undefined, all: ContainerRef[]): ContainerRef[] {
  if (!pod || BATCH_KINDS.has(kind)) return [];
  const rp = pod.value.restartPolicy;
  if (rp === 'Never' || rp === 'OnFailure') return [];
  return all.filter((c) => c.list === 'containers' || (c.list === 'initContainers' && c.value.restartPolicy === 'Always'));
}

/**
 * The check of the probe rules: reports each long-running container (regular, or a restartable init sidecar)
 * without `probe`, on the container (`missing` or `sidecar` message).
 */
export function reportMissingProbe(ctx: RuleContext, probe: 'livenessProbe' | 'readinessProbe'): void {
  for (const c of longRunningContainers(ctx.object.kind, ctx.podSpec(), ctx.containers())) {
    if (c.value[probe] !== undefined && c.value[probe] !== null) continue;
    ctx.report({ messageId: c.list === 'containers' ? 'missing' : 'sidecar', data: { container: c.name }, path: [...c.path, probe] });
  }
}
