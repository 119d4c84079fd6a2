import { defineRule } from '../../engine';
import { SCHEMA_APPLIES_TO, SCHEMA_READS, schemaReadsOthers, schemaProblems } from '../_lib/k8s-schema';

export default defineRule({
  meta: {
    id: 'missing-required-field',
    title: 'Field required by the Kubernetes API is missing',
    category: 'chain',
    goals: ['utility', 'availability'],
    severity: 'error',
    appliesTo: SCHEMA_APPLIES_TO,
    reads: SCHEMA_READS,
    readsOthers: schemaReadsOthers,
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'The API server rejects an object without a required field (a container without `name`, a Deployment without `selector`), so the change never reaches the cluster.',
      recipe: 'Add the missing field where the message says; `kubectl explain <kind>.<path>` describes it.',
    },
    peers: { 'kube-linter': ['schema-validation'] },
    messages: {
      required: '{{kind}} {{name}}: "{{field}}" is required in {{parent}} but missing.',
    },
  },
  check(ctx) {
    for (const p of schemaProblems(ctx)) {
      if (p.type === 'required') ctx.report({ messageId: 'required', data: { field: p.field, parent: p.parent }, path: p.path });
    }
  },
});
