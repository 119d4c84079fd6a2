import { isRecord, type ContainerRef, type Path, type PodSpecRef } from '../../engine';

export interface HostPathVolume {
  /** The volume's `name`, or `#index` when it has none. */
  name: string;
  /** Path of the volume entry, relative to the object. */
  path: Path;
  /** `hostPath.path` when it is a string. */
  hostPath?: string;
}

/** Every volume of the pod spec that declares a `hostPath` source (even an empty one). */
export function hostPathVolumes(pod: PodSpecRef): HostPathVolume[] {
  const vols = pod.value.volumes;
  if (!Array.isArray(vols)) return [];
  const out: HostPathVolume[] = [];
  vols.forEach((v, i) => {
    if (!isRecord(v) || !('hostPath' in v) || v.hostPath === undefined) return;
    const hp = isRecord(v.hostPath) ? v.hostPath.path : undefined;
    out.push({
      name: typeof v.name === 'string' ? v.name : `#${i}`,
      path: [...pod.path, 'volumes', i],
      hostPath: typeof hp === 'string' ? hp : undefined,
    });
  });
  return out;
}

/** Names of the containers that mount the named volume (any container list). */
export function containersMounting(containers: ReadonlyArray<ContainerRef>, volume: string): string[] {
  const names: string[] = [];
  for (const c of containers) {
    const mounts = c.value.volumeMounts;
    if (!Array.isArray(mounts)) continue;
    if (mounts.some((m) => isRecord(m) && m.name === volume) && !names.includes(c.name)) names.push(c.name);
  }
  return names;
}

/** `" (mounted by container "a", "b")"`, or an empty string when no container mounts it. */
export function mountedByText(names: ReadonlyArray<string>): string {
  if (!names.length) return '';
  return ` (mounted by container${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')})`;
}

/**
 * A host path in canonical form: backslashes are not separators on Linux nodes, so only `/` is handled;
 * repeated slashes collapse, `.` segments vanish, `..` climbs, and a trailing slash is dropped.
 */
export function normalizeHostPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}
