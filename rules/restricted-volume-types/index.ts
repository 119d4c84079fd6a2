import { defineRule, isRecord } from '../../engine';
import { RESTRICTED_VOLUME_SOURCES, show } from '../_lib/pss';

export default defineRule({
  meta: {
    id: 'restricted-volume-types',
    title: 'Volume type outside the restricted allow-list',
    category: 'cluster',
    goals: ['integrity', 'confidentiality'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['pss-restricted'],
    pss: 'restricted: Volume Types',
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'Direct network and cloud volume plugins (nfs, iscsi, rbd, cephfs, awsElasticBlockStore, gitRepo, …) let a pod author reach storage the cluster administrator has not provisioned for them; the restricted level allows only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret.',
      recipe: 'Provision the storage as a PersistentVolume (bound through a `persistentVolumeClaim`) or use a CSI driver; replace gitRepo with an init container that clones into an emptyDir.',
    },
    peers: {
      trivy: ['KSV-0028'],
      pss: ['restrictedVolumes'],
    },
    messages: {
      volume: '{{kind}} {{name}}: volume "{{volume}}" uses the {{type}} volume type, which the restricted level does not allow.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod || !Array.isArray(pod.value.volumes)) return;
    pod.value.volumes.forEach((v, i) => {
      if (!isRecord(v)) return;
      for (const [key, source] of Object.entries(v)) {
        // `name` is not a source; hostPath is the baseline host-path-volume rule's finding.
        if (key === 'name' || key === 'hostPath' || RESTRICTED_VOLUME_SOURCES.has(key) || source === null || source === undefined) continue;
        ctx.report({
          messageId: 'volume', data: { volume: show(v.name), type: key }, path: [...pod.path, 'volumes', i, key],
        });
      }
    });
  },
});
