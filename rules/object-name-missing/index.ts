import { defineRule, hasPlaceholder, isRecord } from '../../engine';
import { SCHEMA_KINDS } from '../_lib/k8s-schema';

/** Kinds sent to the API without a name of their own: reviews, subresource bodies and lists. */
const NAMELESS = new Set(['Binding', 'DeploymentRollback', 'Eviction', 'Scale', 'TokenRequest', 'TokenReview', 'SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SelfSubjectReview']);

export default defineRule({
  meta: {
    id: 'object-name-missing',
    title: 'Object has no name',
    category: 'core',
    goals: ['utility', 'availability'],
    severity: 'error',
    appliesTo: SCHEMA_KINDS.filter((k) => !k.endsWith('List') && !NAMELESS.has(k)),
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'The API server refuses an object with neither `metadata.name` nor `metadata.generateName`, so it is never created, and objects that refer to it by name find nothing.',
      recipe: 'Give the object a `metadata.name` (a lower-case DNS name such as `web-frontend`); use `generateName` only for objects created with `kubectl create`, never applied.',
    },
    peers: {
      datree: ['RESOURCE_MISSING_NAME'],
    },
    messages: {
      missing: '{{kind}}: no metadata.name (nor generateName); the API server refuses the object.',
      empty: '{{kind}}: metadata.name is empty; the API server refuses the object.',
    },
  },
  check(ctx) {
    const meta = ctx.object.value.metadata;
    const m = isRecord(meta) ? meta : {};
    const name = m.name;
    const generated = typeof m.generateName === 'string' && m.generateName !== '';
    // a name of the wrong type is invalid-field-type's finding; `${NAME}` and `{{ }}` are filled in before apply
    if (name !== undefined && name !== null && typeof name !== 'string') return;
    if (typeof name === 'string' && hasPlaceholder(name)) return;
    if (typeof name === 'string' && name !== '') return;
    if (generated) return;
    ctx.report({ messageId: typeof name === 'string' ? 'empty' : 'missing', path: ['metadata', 'name'] });
  },
});
