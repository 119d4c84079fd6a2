export * from './taxonomy';
export * from './types';
export { LineIndex, applyEdits, diffEdit, detectEol } from './text';
export { decodeBytes, checkText, MAX_NESTING } from './guards';
export { BAIL, BlockLines, COLON, DASH, HASH, NL, SP, badStart, bail, decodeDouble } from './yaml-lines';
export { walkValue, breakCycles, type WalkEntry, type WalkControl } from './walk';
export { parseManifest, parseManifestPrepared, shiftDocument, flowScalarText, metadataNameOf, blocksLint, type ParseOptions, RECURSIVE_ALIAS, YAML_OPTIONS, isRecord, API_VERSION_RE, KIND_RE, CUSTOM_RESOURCE, isCustomApiVersion, type ParsedFile, type ParsedDoc, type PreparedDoc, type Comment, type DuplicateKey } from './parse';
export { rangeForPath, locate, nodeAt } from './paths';
export { planFix, formatScalar } from './fix';
export { verifyFix, sameExceptFixed, deepEqual } from './fix-verify';
export { fixEdits, applyFixes, type FixAllResult } from './fixing';
export { lintText, lintDocument, reportsAny, readsOthers, rulesFor, deferredObject, deferredHead, mayHoldPair, type DeferredHead, objectsOf, makeRuleSet, dropYielded, type ActiveRule, type RuleSet, type LintResult, type RuleFilter, type LintDocumentOptions, type FindingPlace } from './lint';
export { RuleContext, objectsOfKind, type K8sObject } from './context';
export { POD_SPEC_KINDS, POD_SPEC_PATHS, podMetadataPathOf, CONTAINER_LISTS, INHERITED_FIELDS, CONTAINER_ONLY_FIELDS, getPath, type ContainerRef, type PodSpecRef, type Setting } from './workloads';
export { parseDirectives, isSuppressed, annotationSuppresses } from './suppress';
export { parseConfig, splitIgnoreList, IGNORE_FAST_ITEMS, resolveRules, profileOf, isPolicyRuleId, unknownPolicyRuleIds, configPosition, POLICY_RULE_ID, type Config, type ConfigError, type PolicySettings, type RuleSetting } from './config';
export { isTemplateSource, hasPlaceholder, isPlaceholderValue } from './detect';
export { yamlSyntaxErrors } from './syntax';
export { GlobSet, expandBraces, MAX_BRACE_EXPANSIONS, type GlobOptions } from './glob';
export { peerAnnotationSuppresses } from './peer-annotations';
export { default as configSchema } from './config.schema.json';

import type { Rule } from './types';
import { isPolicyRuleId } from './config';
/** Identity helper that gives a rule module its types. */
export function defineRule(rule: Rule): Rule { return rule; }

/**
 * A rule's page, as a path inside the kubehex package (the .vsix and the repository ship it): `rules/<id>/README.md`;
 * admission-policy rules (`vap:…`, `kyverno:…`, …) are the user's own, so theirs is the README's section on them.
 */
export function rulePage(id: string): { file: string; section?: string } {
  return isPolicyRuleId(id) ? { file: 'README.md', section: 'admission-policies-as-rules' } : { file: `rules/${id}/README.md` };
}
/**
 * The rule page's web URL under a docs base URL (the root the repository's files are served from, ending in
 * `/`); undefined without one, so nothing links to a place that may not exist.
 */
export function ruleDocsUrl(id: string, docsBase: string | undefined): string | undefined {
  if (!docsBase) return undefined;
  const page = rulePage(id);
  return `${docsBase}${page.file}${page.section ? `#${page.section}` : ''}`;
}
export * from './report';
export { K8S_MERGE_TYPES, mergeTypeOfKind, mergeField, type ListMerge, type FieldInfo } from './k8s-merge';
