import { defineRule } from '../../engine';
import { compareVersions, resolveImage, versionOf } from '../_lib/image';

interface Advisory {
  cve: string;
  /** Repositories (registry/repository) of the affected image. */
  images: string[];
  /** Affected when `from <= version < to` for one of the ranges. */
  ranges: Array<[string, string]>;
  fixed: string;
  what: string;
}

/** A deliberately small table of add-on images with critical, well-known flaws (documented in the README). */
const ADVISORIES: Advisory[] = [
  { cve: 'CVE-2025-1974', images: ['registry.k8s.io/ingress-nginx/controller', 'k8s.gcr.io/ingress-nginx/controller'], ranges: [['0.0.0', '1.11.5'], ['1.12.0', '1.12.1']], fixed: '1.11.5 or 1.12.1', what: 'unauthenticated code execution through the admission webhook' },
  { cve: 'CVE-2022-24348', images: ['quay.io/argoproj/argocd', 'docker.io/argoproj/argocd'], ranges: [['0.0.0', '2.1.9'], ['2.2.0', '2.2.4']], fixed: '2.1.9 or 2.2.4', what: 'path traversal that reads other applications\' secrets' },
  { cve: 'CVE-2021-43798', images: ['docker.io/grafana/grafana', 'docker.io/grafana/grafana-oss', 'docker.io/grafana/grafana-enterprise'], ranges: [['8.0.0', '8.0.7'], ['8.1.0', '8.1.8'], ['8.2.0', '8.2.7'], ['8.3.0', '8.3.1']], fixed: '8.0.7, 8.1.8, 8.2.7 or 8.3.1', what: 'unauthenticated path traversal that reads any file' },
  { cve: 'CVE-2022-39328', images: ['docker.io/grafana/grafana', 'docker.io/grafana/grafana-oss', 'docker.io/grafana/grafana-enterprise'], ranges: [['9.2.0', '9.2.4']], fixed: '9.2.4', what: 'authentication bypass' },
  { cve: 'CVE-2022-47633', images: ['ghcr.io/kyverno/kyverno'], ranges: [['1.8.3', '1.8.5']], fixed: '1.8.5', what: 'image signature verification bypass' },
];

export default defineRule({
  meta: {
    id: 'vulnerable-image',
    title: 'Add-on image version has a known critical vulnerability',
    category: 'components',
    goals: ['integrity', 'confidentiality', 'possession'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'system',
    docs: {
      summary: 'Some cluster add-ons run with wide rights and face the network; a version with a published critical vulnerability is an open door into the cluster.',
      recipe: 'Upgrade the image to the fixed version named in the message (or later).',
    },
    peers: {
      kubescape: ['C-0081', 'C-0090', 'C-0091'],
    },
    messages: {
      vulnerable: '{{kind}} {{name}}: container "{{container}}" runs {{image}}, affected by {{cve}} ({{what}}); upgrade to {{fixed}} or later.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const image = c.value.image;
      if (typeof image !== 'string') continue;
      const ref = resolveImage(image);
      const version = versionOf(ref?.tag);
      if (!ref || !version) continue;
      const repo = `${ref.registry}/${ref.repository}`;
      for (const a of ADVISORIES) {
        if (!a.images.includes(repo)) continue;
        if (!a.ranges.some(([from, to]) => compareVersions(version, versionOf(from)!) >= 0 && compareVersions(version, versionOf(to)!) < 0)) continue;
        ctx.report({ messageId: 'vulnerable', data: { container: c.name, image, cve: a.cve, what: a.what, fixed: a.fixed }, path: [...c.path, 'image'] });
      }
    }
  },
});
