import { defineRule, isRecord } from '../../engine';
import { isTillerLabels } from '../_lib/addons';

export default defineRule({
  meta: {
    id: 'helm-tiller-service',
    title: 'Service exposes Helm v2 Tiller',
    category: 'components',
    goals: ['integrity', 'possession', 'authenticity'],
    severity: 'error',
    appliesTo: ['Service'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'A Service for Tiller, the Helm v2 server, gives every pod in the cluster a stable address for its unauthenticated gRPC API, through which charts are installed with Tiller\'s (often cluster-admin) rights.',
      recipe: 'Delete the Service (the `helm` v2 client reaches Tiller through a port-forward to the pod, not the Service), and migrate to Helm 3, which needs no Tiller at all.',
    },
    peers: {
      checkov: ['CKV_K8S_44'],
    },
    messages: {
      selector: '{{kind}} {{name}}: selects the Helm v2 Tiller pods (app=helm, name=tiller).',
      labelled: '{{kind}} {{name}}: labelled app=helm, name=tiller, it is the Helm v2 Tiller Service.',
      named: '{{kind}} {{name}}: tiller-deploy is the Helm v2 Tiller Service.',
    },
  },
  check(ctx) {
    const spec = isRecord(ctx.object.value.spec) ? ctx.object.value.spec : {};
    if (isRecord(spec.selector) && isTillerLabels(spec.selector)) ctx.report({ messageId: 'selector', path: ['spec', 'selector'] });
    else if (isRecord(ctx.object.metadata.labels) && isTillerLabels(ctx.object.metadata.labels)) ctx.report({ messageId: 'labelled', path: ['metadata', 'labels'] });
    else if (ctx.object.name === 'tiller-deploy') ctx.report({ messageId: 'named', path: ['metadata', 'name'] });
  },
});
