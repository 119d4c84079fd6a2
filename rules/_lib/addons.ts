import { isRecord, type ContainerRef, type K8sObject, type Path, type PodSpecRef } from '../../engine';
import { parseImage } from './image';

/**
 * Recognising well-known cluster add-ons in workloads: by the image they run, else by the labels their
 * installers put on them. Shared by the Helm v2 Tiller and Kubernetes Dashboard rules.
 */

/** The last component of an image's repository (`gcr.io/kubernetes-helm/tiller:v2.16.1` → `tiller`). */
export function imageName(image: unknown): string | undefined {
  if (typeof image !== 'string') return undefined;
  const ref = parseImage(image);
  return ref?.repository.split('/').pop();
}

/** The repository without the registry (`docker.io/kubernetesui/dashboard` → `kubernetesui/dashboard`). */
export function imageRepository(image: unknown): string | undefined {
  if (typeof image !== 'string') return undefined;
  return parseImage(image)?.repository;
}

export interface LabelMatch { path: Path }

/**
 * The first labels map, of the object or of its pod template, for which `match` holds; its path for the
 * report. Labels are strings; other values never match.
 */
export function labelsMatching(object: K8sObject, pod: PodSpecRef | undefined, match: (labels: Record<string, unknown>) => boolean): LabelMatch | undefined {
  const candidates: Array<[unknown, Path]> = [[object.metadata.labels, ['metadata', 'labels']]];
  if (pod) candidates.push([pod.metadata.labels, [...pod.metadataPath, 'labels']]);
  for (const [labels, path] of candidates) if (isRecord(labels) && match(labels)) return { path };
  return undefined;
}

/** `app: helm` and `name: tiller`: the labels `helm init` gives the Tiller Deployment, its pods and Service. */
export const isTillerLabels = (labels: Record<string, unknown>) => labels.app === 'helm' && labels.name === 'tiller';

/** A container running Tiller: the image is `…/tiller`, or a container named `tiller` in a Tiller-labelled workload. */
export function tillerContainers(containers: ContainerRef[], labelled: boolean): ContainerRef[] {
  return containers.filter((c) => imageName(c.value.image) === 'tiller' || (labelled && c.name === 'tiller'));
}

/** Images of the Kubernetes Dashboard: `kubernetesui/dashboard` (its v7 parts `dashboard-api`, `-web`, `-auth`,
 * and the per-architecture `dashboard-<arch>` images of the v2 betas), and the older `kubernetes-dashboard-<arch>`
 * images of k8s.gcr.io. */
export function isDashboardImage(image: unknown): boolean {
  const repo = imageRepository(image);
  const name = imageName(image);
  if (!repo || !name) return false;
  const arch = '(amd64|arm64|arm|ppc64le|s390x)';
  return new RegExp(`^kubernetesui/dashboard(-(api|web|auth|${arch}))?$`).test(repo) || new RegExp(`^kubernetes-dashboard(-${arch})?$`).test(name);
}

export const isDashboardLabels = (labels: Record<string, unknown>) =>
  labels['k8s-app'] === 'kubernetes-dashboard' || labels.app === 'kubernetes-dashboard';

/** The Dashboard's metrics scraper, which runs as the Dashboard's service account in the upstream manifests. */
export function isDashboardScraperImage(image: unknown): boolean {
  const repo = imageRepository(image);
  return repo === 'kubernetesui/metrics-scraper' || repo === 'kubernetesui/dashboard-metrics-scraper';
}
