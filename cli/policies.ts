/**
 * The scan's admission-policy pass: find policies in the scanned files and in `.kubehex.yaml` policies.paths,
 * then lint every scanned file with them (as rules `vap:…`, `kyverno:…`, `gatekeeper:…`, policy-not-evaluated)
 * and merge the findings into the scan's result. Runs only when a policy exists, after the built-in scan.
 */
import { readRegularFile } from '../host';
import { dirname, resolve } from 'node:path';
import { CUSTOM_RESOURCE, checkText, configPosition, decodeBytes, objectsOf, parseManifest, resolveRules, unknownPolicyRuleIds, type Config, type K8sObject, type Rule } from '../engine';
import { isPolicyObject, loadPolicies, podSecurityCheck, policyFileProblems, policyRules, standInsOf, type External, type StandInRead } from '../policies';
import { rules as builtins } from '../rules';
import { collectFiles } from './files';
import { lintLoaded, loadFile, type ScanResult } from './scan';

/** Cheap test before parsing: could this text hold an admission policy? */
const POLICY_TEXT = /ValidatingAdmissionPolicy|ClusterPolicy|kind:\s*"?(Namespaced)?(Validating)?Policy\b|"kind":\s*"(ClusterPolicy|Policy|ValidatingPolicy)"|ConstraintTemplate|constraints\.gatekeeper\.sh/;

export interface PolicyPassOptions {
  files: ReadonlyArray<string>;
  stdin?: string;
  config?: Config;
  /** The config file, for resolving policies.paths. */
  configFile?: string;
  profile?: string;
}

/**
 * How a worker thread gets the same policies: the policy objects found (plain data, sent to it), loaded again
 * there, so that no worker reads and parses the candidate files a second time.
 */
export interface PolicyRecipe { sources: K8sObject[]; extra: K8sObject[]; config?: Config; external?: External }

export interface FoundPolicies { rules: Rule[]; extra: K8sObject[]; warnings: string[]; recipe: PolicyRecipe }

function readText(file: string): string | undefined {
  // regular files only, like the scan (a FIFO named on the command line must not block here either)
  const r = readRegularFile(file, 64 * 1024 * 1024);
  if (!r.ok) return undefined;
  const d = decodeBytes(r.bytes);
  return d.ok ? d.text : undefined;
}

/** Words of which every match of POLICY_TEXT other than a `kind: …Policy` contains one (as UTF-8 bytes). */
const POLICY_NAMES = ['ValidatingAdmissionPolicy', 'ClusterPolicy', 'ConstraintTemplate', 'constraints.gatekeeper.sh'].map((w) => Buffer.from(w));
const POLICY_WORD = Buffer.from('Policy');
/** What may stand between `kind:` and `Policy` in a match, nearest first. */
const VALIDATING = Buffer.from('Validating');
const NAMESPACED = Buffer.from('Namespaced');
const KIND = Buffer.from('kind:');
const QUOTED_KIND = Buffer.from('"kind":');

const endsWith = (b: Buffer, end: number, w: Buffer): boolean => end >= w.length && b.subarray(end - w.length, end).equals(w);

/**
 * Whether a file's bytes may match POLICY_TEXT once decoded: they hold one of its names, or a `Policy` after
 * `kind:` (then optional white space, a quote, `Namespaced`, `Validating`, as the pattern allows; any non-ASCII
 * byte counts as white space, as Unicode spaces are such bytes in UTF-8). A necessary condition only: the text
 * is then tested with POLICY_TEXT itself. Most manifests hold `imagePullPolicy`, many CRDs the word in prose.
 */
export function mayHoldPolicy(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (POLICY_NAMES.some((w) => b.includes(w))) return true;
  for (let i = b.indexOf(POLICY_WORD); i >= 0; i = b.indexOf(POLICY_WORD, i + POLICY_WORD.length)) {
    let j = i;
    if (endsWith(b, j, VALIDATING)) j -= VALIDATING.length;
    if (endsWith(b, j, NAMESPACED)) j -= NAMESPACED.length;
    if (j > 0 && b[j - 1] === 0x22) j--;
    while (j > 0 && (b[j - 1] === 0x20 || (b[j - 1] >= 0x09 && b[j - 1] <= 0x0d) || b[j - 1] >= 0x80)) j--;
    if (endsWith(b, j, KIND) || endsWith(b, j, QUOTED_KIND)) return true;
  }
  return false;
}

/** A scanned file's text when it may hold a policy (a cheap test of its bytes first), else undefined. */
function readPolicyText(file: string): string | undefined {
  const r = readRegularFile(file, 64 * 1024 * 1024);
  if (!r.ok) return undefined;
  if (!mayHoldPolicy(r.bytes)) return undefined;
  const d = decodeBytes(r.bytes);
  return d.ok ? d.text : undefined;
}

/** Largest stand-in file read (they describe a few objects, a user, some values). */
export const MAX_STAND_IN_BYTES = 16 * 1024 * 1024;

/** A stand-in file's text, or why there is none. */
export function readStandIn(file: string): StandInRead {
  const r = readRegularFile(file, MAX_STAND_IN_BYTES);
  if (!r.ok) return { ok: false, message: r.message };
  const d = decodeBytes(r.bytes);
  return d.ok ? { ok: true, text: d.text } : { ok: false, message: `line ${(d.error.range?.start.line ?? 0) + 1}: ${d.error.message}` };
}

/** Only policy objects are read from scanned files (their other documents are left to the scan). */
const POLICY_PARSE = new Set(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ClusterPolicy', 'Policy', 'ValidatingPolicy', 'NamespacedValidatingPolicy', 'ConstraintTemplate', CUSTOM_RESOURCE]);

/** The policy objects of a scanned file: only its documents that may hold one are parsed (see policyChunks). */
function policiesOfText(text: string, file: string): K8sObject[] {
  const out: K8sObject[] = [];
  // (each chunk is checked as a text of its own by parseManifest first)
  for (const chunk of policyChunks(text)) {
    const parsed = parseManifest(chunk, { kinds: POLICY_PARSE, otherErrors: false });
    if (parsed.fatal) continue;
    for (const pd of parsed.docs) if (pd.doc && !pd.errors.length) out.push(...objectsOf(pd, file).filter(isPolicyObject));
  }
  // what makes the whole file unparsable (a control character, a nesting bomb) keeps every chunk of it out;
  // asked only of a file with a policy (most chunks are RBAC rules naming policy resources)
  return out.length && checkText(text) ? [] : out;
}

/** A line that starts a document (`---`) or ends one (`...`): never part of a scalar, whatever the indentation. */
const DOC_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * The texts to parse for policies: each run of documents between markers that mentions a policy kind, cut at
 * `---` lines (before them) and `...` lines (after them), so that each is parsed exactly as in its file. A
 * file with directives (`%YAML`, `%TAG`, which reach across a marker) is parsed whole.
 */
export function policyChunks(text: string): string[] {
  if (!POLICY_TEXT.test(text)) return [];
  if (/^%/m.test(text)) return [text];
  const cuts: number[] = [0];
  DOC_MARKER.lastIndex = 0;
  for (let m = DOC_MARKER.exec(text); m; m = DOC_MARKER.exec(text)) {
    if (m[0] === '---') cuts.push(m.index);
    else {
      const nl = text.indexOf('\n', m.index);
      cuts.push(nl < 0 ? text.length : nl + 1);
    }
  }
  cuts.push(text.length);
  const out: string[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const chunk = text.slice(cuts[i], cuts[i + 1]);
    if (POLICY_TEXT.test(chunk)) out.push(chunk);
  }
  return out;
}

/** Policies from the scan and the configured paths; `extra` are the objects of configured files not scanned. */
export function findPolicies(o: PolicyPassOptions): FoundPolicies {
  const scanned = new Set(o.files.map((f) => resolve(f)));
  const sources: K8sObject[] = [];
  const extra: K8sObject[] = [];
  for (const f of o.files) {
    const t = readPolicyText(f);
    if (t) sources.push(...policiesOfText(t, f));
  }
  if (o.stdin !== undefined) sources.push(...policiesOfText(o.stdin, '<stdin>'));
  const paths = o.config?.policies?.paths ?? [];
  const warnings: string[] = [];
  let configText: string | undefined;
  /** The line of `.kubehex.yaml` that sets `path` (problems with what it names are shown there). */
  const configLine = (path: Array<string | number>) => {
    configText ??= (o.configFile ? readText(o.configFile) : undefined) ?? '';
    return configPosition(configText, path).line;
  };
  if (paths.length) {
    const base = o.configFile ? dirname(resolve(o.configFile)) : process.cwd();
    const { files, missing } = collectFiles(paths.map((p) => resolve(base, p)));
    for (const m of missing) {
      // on the config line that names it
      const i = paths.findIndex((p) => resolve(base, p) === m);
      warnings.push(`${o.configFile ? `${o.configFile}:${configLine(['policies', 'paths', Math.max(0, i)])}: ` : ''}policies.paths: no such file or directory: ${m}`);
    }
    for (const f of files) {
      if (scanned.has(f)) continue;
      // not scanned: what keeps its policies from loading is said here (never silently dropped)
      const r = readStandIn(f);
      if (!r.ok) { warnings.push(`${f}: policies.paths: ${r.message}`); continue; }
      const parsed = parseManifest(r.text, {});
      for (const p of policyFileProblems(parsed)) warnings.push(`${f}:${p.line}: policies.paths: ${p.message}`);
      const objs = parsed.fatal ? [] : parsed.docs.flatMap((pd) => (pd.doc && !pd.errors.length ? objectsOf(pd, f) : []));
      extra.push(...objs);
      sources.push(...objs);
    }
  }
  // the cluster stand-ins (Kyverno CLI Values, Context, UserInfo files) the config names
  const cfgBase = o.configFile ? dirname(resolve(o.configFile)) : process.cwd();
  const standIns = standInsOf(o.config?.policies, (f) => resolve(cfgBase, f), readStandIn, o.configFile ?? '.kubehex.yaml', configLine);
  for (const e of standIns.errors) warnings.push(`${e.file}:${e.line}: ${e.message}`);
  const recipe: PolicyRecipe = { sources, extra, ...(o.config ? { config: o.config } : {}), ...(standIns.external ? { external: standIns.external } : {}) };
  const { rules } = policiesOf(recipe);
  const ids = new Set(rules.map((r) => r.meta.id));
  for (const id of unknownPolicyRuleIds(o.config, ids)) warnings.push(`rules: "${id}" names no loaded admission policy`);
  return { rules, extra, warnings, recipe };
}

/** The policy rules of objects found by findPolicies (in the thread that found them, or in a worker thread). */
export function policiesOf(recipe: PolicyRecipe): { rules: Rule[]; extra: K8sObject[] } {
  const loaded = loadPolicies(recipe.sources, { unbound: recipe.config?.policies?.unbound, podSecurity: podSecurityCheck(builtins), ...(recipe.external ? { external: recipe.external } : {}) });
  // a scan composes only the documents the policies may judge or read (see PolicyUnit.scope)
  return { rules: policyRules(loaded, { narrow: true }), extra: recipe.extra };
}

/** Lints the scanned files with the policies and merges their findings into `result`; returns the policy rules. */
export function addPolicyFindings(result: ScanResult, o: PolicyPassOptions, warn: (m: string) => void): Rule[] {
  const { rules, extra, warnings } = findPolicies(o);
  warnings.forEach(warn);
  if (!rules.length) return [];
  const set = resolveRules(rules, o.config, o.profile);
  const settings = { config: o.config, profile: o.profile };
  const loaded = o.files.map((f) => loadFile(f, set, settings));
  if (o.stdin !== undefined) loaded.unshift(loadFile('<stdin>', set, settings, o.stdin));
  const all = [...loaded.flatMap((l) => l.objects), ...extra];
  const byFile = new Map(result.results.map((r) => [r.file, r]));
  for (const l of loaded) {
    const target = byFile.get(l.file);
    if (!target || target.skipped || !l.parsed) continue;
    const r = lintLoaded(l, set, all);
    if (!r.findings.length) continue;
    target.findings.push(...r.findings);
    target.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  }
  return rules;
}
