import { defineRule } from '../../engine';
import { SCHEMA_APPLIES_TO, SCHEMA_READS, schemaReadsOthers, schemaProblems } from '../_lib/k8s-schema';

export default defineRule({
  meta: {
    id: 'unknown-field',
    title: 'Field unknown to the Kubernetes API (typo); the API server drops it',
    category: 'chain',
    goals: ['integrity', 'utility'],
    severity: 'error',
    // every built-in kind of the Kubernetes 1.36 schema except CustomResourceDefinition, and custom resources
    appliesTo: SCHEMA_APPLIES_TO,
    reads: SCHEMA_READS,
    readsOthers: schemaReadsOthers,
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'A misspelt key such as `runAsNonroot` is silently dropped by the API server, so the hardening it was meant to switch on never happens.',
      recipe: 'Rename the key to the field the API defines (the quick fix offers the nearest valid name) or delete it.',
    },
    peers: { 'kube-linter': ['schema-validation'] },
    messages: {
      unknown: '{{kind}} {{name}}: "{{field}}" is not a field of the Kubernetes API here; the API server drops it.',
      unknownSuggest: '{{kind}} {{name}}: "{{field}}" is not a field of the Kubernetes API here (did you mean "{{suggestion}}"?); the API server drops it.',
    },
  },
  check(ctx) {
    for (const p of schemaProblems(ctx)) {
      if (p.type !== 'unknown') continue;
      if (!p.suggestion) {
        ctx.report({ messageId: 'unknown', data: { field: p.field }, path: p.path, at: 'key' });
        continue;
      }
      ctx.report({
        messageId: 'unknownSuggest',
        data: { field: p.field, suggestion: p.suggestion },
        path: p.path,
        at: 'key',
        fix: { title: `Rename to ${p.suggestion}`, safety: 'review', ops: [{ op: 'rename', path: p.path, to: p.suggestion }] },
      });
    }
  },
});
