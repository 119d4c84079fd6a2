import { defineRule } from '../../engine';
import { isTillerLabels, labelsMatching, tillerContainers } from '../_lib/addons';

export default defineRule({
  meta: {
    id: 'helm-tiller-deployed',
    title: 'Helm v2 Tiller is deployed',
    category: 'components',
    goals: ['integrity', 'possession', 'confidentiality', 'authenticity'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'Tiller, the in-cluster server of Helm v2 (end of life since 2020), usually runs with cluster-admin rights and by default answers anyone who reaches its gRPC port, without authentication.',
      recipe: 'Migrate the releases to Helm 3 (the `helm-2to3` plugin), which has no in-cluster component, then delete the Tiller Deployment, Service and service account.',
    },
    peers: {
      checkov: ['CKV_K8S_34'],
      trivy: ['KSV-0102'],
    },
    messages: {
      image: '{{kind}} {{name}}: container "{{container}}" runs Helm v2 Tiller ({{image}}).',
      labelled: '{{kind}} {{name}}: labelled app=helm, name=tiller, so it deploys Helm v2 Tiller.',
    },
  },
  check(ctx) {
    const labels = labelsMatching(ctx.object, ctx.podSpec(), isTillerLabels);
    const tillers = tillerContainers(ctx.containers(), labels !== undefined);
    for (const c of tillers) {
      ctx.report({ messageId: 'image', data: { container: c.name, image: String(c.value.image) }, path: [...c.path, 'image'] });
    }
    if (!tillers.length && labels) ctx.report({ messageId: 'labelled', path: labels.path });
  },
});
