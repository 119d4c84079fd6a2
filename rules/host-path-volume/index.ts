import { defineRule } from '../../engine';
import { containersMounting, hostPathVolumes, mountedByText } from '../_lib/volumes';

export default defineRule({
  meta: {
    id: 'host-path-volume',
    title: 'Pod mounts a directory of the node (hostPath volume)',
    category: 'cluster',
    goals: ['possession', 'integrity', 'confidentiality'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: HostPath Volumes',
    // a hostPath of a sensitive directory or of the container runtime's socket gets the narrower rule's finding, on
    // the same `path:` line, which says what the path exposes; this one would only say it is a hostPath
    yieldsTo: ['sensitive-host-mount', 'docker-socket-mount'],
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'A hostPath volume exposes part of the node\'s filesystem to the pod: it ties the pod to one node and is a common first step from a container to the node.',
      recipe: 'Replace the hostPath volume with an emptyDir, configMap, secret, projected or persistentVolumeClaim volume; if a node agent really needs it, mount it read-only and as narrowly as possible.',
    },
    peers: {
      polaris: ['hostPathSet'],
      kubescape: ['C-0048'],
      trivy: ['KSV-0023'],
      datree: ['CONTAINERS_INCORRECT_KEY_HOSTPATH'],
      pss: ['hostPathVolumes'],
    },
    messages: {
      hostPath: '{{kind}} {{name}}: volume "{{volume}}" is a hostPath volume for {{hostPath}} on the node{{mountedBy}}.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    for (const v of hostPathVolumes(pod)) {
      ctx.report({
        messageId: 'hostPath',
        data: {
          volume: v.name,
          hostPath: v.hostPath === undefined ? 'an unspecified path' : `"${v.hostPath}"`,
          mountedBy: mountedByText(containersMounting(ctx.containers(), v.name)),
        },
        // on the path it mounts (the `hostPath` key when there is none), where the narrower rules report too
        path: [...v.path, 'hostPath', 'path'],
      });
    }
  },
});
