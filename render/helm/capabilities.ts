import { parseVersion } from './semver';

/**
 * What `.Capabilities` holds under `helm template` (Helm 3.12.3, no cluster): the Kubernetes version given with
 * `--kube-version` (else kubehex's configured `kubernetesVersion`, else Helm's default v1.27.0), Helm's default list
 * of API versions plus `--api-versions`, and Helm's build information. Facts about Helm 3.12.3, typed here as data.
 */
export const HELM_VERSION = { version: 'v3.12.3', gitCommit: '3a31588ad33fe3b89af5a2a54ee1d25bfe6eaa5e', gitTreeState: 'clean', goVersion: 'go1.19.8' };

export const DEFAULT_KUBE_VERSION = 'v1.27.0';

/** Group/versions Helm 3.12 reports when it cannot ask a cluster (in Helm's own order). */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1',
  ...['v1', 'v1alpha1', 'v1beta1'].map((v) => `admissionregistration.k8s.io/${v}`),
  'internal.apiserver.k8s.io/v1alpha1',
  ...['v1', 'v1beta1', 'v1beta2'].map((v) => `apps/${v}`),
  ...['v1', 'v1alpha1', 'v1beta1'].map((v) => `authentication.k8s.io/${v}`),
  ...['v1', 'v1beta1'].map((v) => `authorization.k8s.io/${v}`),
  ...['v1', 'v2', 'v2beta1', 'v2beta2'].map((v) => `autoscaling/${v}`),
  ...['v1', 'v1beta1'].map((v) => `batch/${v}`),
  ...['v1', 'v1beta1', 'v1alpha1'].map((v) => `certificates.k8s.io/${v}`),
  ...['v1beta1', 'v1'].map((v) => `coordination.k8s.io/${v}`),
  ...['v1', 'v1beta1'].map((v) => `discovery.k8s.io/${v}`),
  ...['v1', 'v1beta1'].map((v) => `events.k8s.io/${v}`),
  'extensions/v1beta1',
  ...['v1alpha1', 'v1beta1', 'v1beta2', 'v1beta3'].map((v) => `flowcontrol.apiserver.k8s.io/${v}`),
  ...['v1', 'v1alpha1', 'v1beta1'].map((v) => `networking.k8s.io/${v}`),
  ...['v1', 'v1alpha1', 'v1beta1'].map((v) => `node.k8s.io/${v}`),
  ...['v1', 'v1beta1'].map((v) => `policy/${v}`),
  ...['v1', 'v1beta1', 'v1alpha1'].map((v) => `rbac.authorization.k8s.io/${v}`),
  'resource.k8s.io/v1alpha2',
  ...['v1alpha1', 'v1beta1', 'v1'].map((v) => `scheduling.k8s.io/${v}`),
  ...['v1beta1', 'v1', 'v1alpha1'].map((v) => `storage.k8s.io/${v}`),
  ...['v1beta1', 'v1'].map((v) => `apiextensions.k8s.io/${v}`),
];

export interface KubeVersionInfo { version: string; major: string; minor: string }

/**
 * `--kube-version` as Helm parses it: a loose semantic version (`1.27`, `v1.27.0`), reported as `v<major>.<minor>.<patch>`.
 * Undefined when invalid.
 */
export function parseKubeVersion(text: string): KubeVersionInfo | undefined {
  const v = parseVersion(text);
  if (!v) return undefined;
  const version = `v${v.major}.${v.minor}.${v.patch}${v.pre ? '-' + v.pre : ''}${v.meta ? '+' + v.meta : ''}`;
  return { version, major: String(v.major), minor: String(v.minor) };
}
