import { defineRule, isPlaceholderValue } from '../../engine';
import { SCHEMA_APPLIES_TO, SCHEMA_READS, schemaReadsOthers, schemaProblems } from '../_lib/k8s-schema';

export default defineRule({
  meta: {
    id: 'invalid-field-type',
    title: 'Field value has the wrong type or is not an allowed value',
    category: 'chain',
    goals: ['integrity', 'utility', 'availability'],
    severity: 'error',
    appliesTo: SCHEMA_APPLIES_TO,
    reads: SCHEMA_READS,
    readsOthers: schemaReadsOthers,
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'A value of the wrong type (`privileged: "false"`, `replicas: "3"`) or outside the allowed set is rejected by the API server, or worse, read differently by other tools than by the cluster.',
      recipe: 'Write the value with the type the API defines: booleans and numbers unquoted, enum values exactly as listed.',
    },
    peers: { 'kube-linter': ['schema-validation'] },
    messages: {
      type: '{{kind}} {{name}}: "{{field}}" must be {{expected}}, not {{actual}}.',
      enum: '{{kind}} {{name}}: "{{field}}" must be one of {{allowed}}.',
      value: '{{kind}} {{name}}: "{{field}}" {{problem}}.',
    },
  },
  check(ctx) {
    for (const p of schemaProblems(ctx)) {
      // a fill-me-in value (`lun: <ADD LUN ID Here>`, `port: ${PORT}`) is not what will be applied
      const written = ctx.get(p.path);
      if (typeof written === 'string' && isPlaceholderValue(written)) continue;
      if (p.type === 'type') ctx.report({ messageId: 'type', data: { field: p.field, expected: p.expected, actual: p.actual }, path: p.path, at: 'value' });
      else if (p.type === 'enum') ctx.report({ messageId: 'enum', data: { field: p.field, allowed: p.allowed }, path: p.path, at: 'value' });
      else if (p.type === 'value') ctx.report({ messageId: 'value', data: { field: p.field, problem: p.problem }, path: p.path, at: 'value' });
    }
  },
});
