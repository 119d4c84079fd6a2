import { isRecord } from './parse';
import type { Path } from './types';

/** Where each pod-spec carrier keeps its pod spec. */
export const POD_SPEC_PATHS: Readonly<Record<string, Path>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  DeploymentConfig: ['spec', 'template', 'spec'],
  Rollout: ['spec', 'template', 'spec'],
};

export const POD_SPEC_KINDS: ReadonlyArray<string> = Object.keys(POD_SPEC_PATHS);

export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];

/** securityContext fields a container inherits from the pod's securityContext. */
export const INHERITED_FIELDS = ['runAsNonRoot', 'runAsUser', 'runAsGroup', 'seccompProfile', 'seLinuxOptions', 'appArmorProfile', 'windowsOptions'] as const;
/** securityContext fields that exist only on containers. */
export const CONTAINER_ONLY_FIELDS = ['privileged', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'capabilities', 'procMount'] as const;

export interface PodSpecRef {
  value: Record<string, unknown>;
  path: Path;
  /** The pod template's metadata (or the Pod's own), for annotations and labels. */
  metadata: Record<string, unknown>;
  /** Where that metadata is (or would be written) in the object. */
  metadataPath: Path;
}

/** Path of the pod metadata of a pod-spec carrier: the Pod's own, else its template's (`spec.template.metadata`, …). */
export function podMetadataPathOf(kind: string): Path | undefined {
  const p = POD_SPEC_PATHS[kind];
  if (!p) return undefined;
  return kind === 'Pod' ? ['metadata'] : [...p.slice(0, -1), 'metadata'];
}

export interface Setting {
  value: unknown;
  /** Where the value is written; for an unset field, where it should go on the container. */
  path: Path;
  from: 'container' | 'pod' | 'unset';
}

export interface ContainerRef {
  value: Record<string, unknown>;
  path: Path;
  list: ContainerList;
  index: number;
  name: string;
  pod: PodSpecRef;
  /** The container's own securityContext (may be empty). */
  securityContext: Record<string, unknown>;
  /** Effective value of a securityContext field: the container's, else the pod's for inherited fields. */
  effective(field: string): Setting;
}

export function podSpecOf(kind: string, value: unknown): PodSpecRef | undefined {
  const p = POD_SPEC_PATHS[kind];
  if (!p) return undefined;
  const spec = getPath(value, p);
  if (!isRecord(spec)) return undefined;
  const metadataPath = podMetadataPathOf(kind)!;
  const meta = getPath(value, metadataPath);
  return { value: spec, path: p, metadata: isRecord(meta) ? meta : {}, metadataPath };
}

export function containersOf(pod: PodSpecRef): ContainerRef[] {
  const out: ContainerRef[] = [];
  const podSc = isRecord(pod.value.securityContext) ? pod.value.securityContext : {};
  for (const list of CONTAINER_LISTS) {
    const arr = pod.value[list];
    if (!Array.isArray(arr)) continue;
    arr.forEach((c, index) => {
      if (!isRecord(c)) return;
      const path = [...pod.path, list, index];
      const sc = isRecord(c.securityContext) ? c.securityContext : {};
      out.push({
        value: c,
        path,
        list,
        index,
        name: typeof c.name === 'string' ? c.name : `#${index}`,
        pod,
        securityContext: sc,
        effective(field: string): Setting {
          if (sc[field] !== undefined && sc[field] !== null) return { value: sc[field], path: [...path, 'securityContext', field], from: 'container' };
          if ((INHERITED_FIELDS as readonly string[]).includes(field) && podSc[field] !== undefined && podSc[field] !== null) {
            return { value: podSc[field], path: [...pod.path, 'securityContext', field], from: 'pod' };
          }
          return { value: undefined, path: [...path, 'securityContext', field], from: 'unset' };
        },
      });
    });
  }
  return out;
}

export function getPath(value: unknown, path: Path): unknown {
  let v = value;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(v)) return undefined;
      v = v[seg];
    } else {
      if (!isRecord(v)) return undefined;
      v = v[seg];
    }
  }
  return v;
}
