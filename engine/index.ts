export * from './taxonomy';
export * from './types';
export { LineIndex, applyEdits, diffEdit, detectEol } from './text';
export { decodeBytes, checkText, MAX_NESTING } from './guards';
export { walkValue, breakCycles, type WalkEntry, type WalkControl } from './walk';
export { parseManifest, blocksLint, RECURSIVE_ALIAS, YAML_OPTIONS, isRecord, API_VERSION_RE, KIND_RE, CUSTOM_RESOURCE, isCustomApiVersion, type ParsedFile, type ParsedDoc, type Comment, type DuplicateKey } from './parse';
export { rangeForPath, locate, nodeAt } from './paths';
export { planFix, formatScalar } from './fix';
export { verifyFix, sameExceptFixed, deepEqual } from './fix-verify';
export { fixEdits, applyFixes, type FixAllResult } from './fixing';
export { lintText, lintDocument, objectsOf, makeRuleSet, type ActiveRule, type RuleSet, type LintResult } from './lint';
export { RuleContext, objectsOfKind, type K8sObject } from './context';
export { POD_SPEC_KINDS, POD_SPEC_PATHS, podMetadataPathOf, CONTAINER_LISTS, INHERITED_FIELDS, CONTAINER_ONLY_FIELDS, getPath, type ContainerRef, type PodSpecRef, type Setting } from './workloads';
export { parseDirectives, isSuppressed, annotationSuppresses } from './suppress';
export { parseConfig, resolveRules, profileOf, isPolicyRuleId, unknownPolicyRuleIds, POLICY_RULE_ID, type Config, type ConfigError, type RuleSetting } from './config';
export { isTemplateSource, hasPlaceholder } from './detect';
export { yamlSyntaxErrors } from './syntax';
export { GlobSet, expandBraces, MAX_BRACE_EXPANSIONS, type GlobOptions } from './glob';
export { peerAnnotationSuppresses } from './peer-annotations';
export { default as configSchema } from './config.schema.json';

import type { Rule } from './types';
import { isPolicyRuleId } from './config';
/** Identity helper that gives a rule module its types. */
export function defineRule(rule: Rule): Rule { return rule; }

/** Where a rule's page lives; diagnostics and SARIF link to it. */
export const DOCS_BASE = 'https://github.com/kubehex/kubehex/blob/main/rules/';
/** Admission-policy rules (`vap:…`, `kyverno:…`, …) are the user's own: they link to the README's section on them. */
export const POLICY_DOCS_URL = 'https://github.com/kubehex/kubehex/blob/main/README.md#admission-policies-as-rules';
export function ruleDocsUrl(id: string): string { return isPolicyRuleId(id) ? POLICY_DOCS_URL : `${DOCS_BASE}${id}/README.md`; }
export * from './report';
export { K8S_MERGE_TYPES, mergeTypeOfKind, mergeField, type ListMerge, type FieldInfo } from './k8s-merge';
