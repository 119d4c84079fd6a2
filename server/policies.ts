/**
 * Admission policies in the editor: the policies among the workspace index's objects (open documents, scanned
 * files) and in `.kubehex.yaml` policies.paths become rules of every open manifest's rule set. Editing a policy
 * changes the index, which re-lints the open documents (the set's key carries the policies' stamp).
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CUSTOM_RESOURCE, makeRuleSet, objectsOf, parseManifest, resolveRules, type Config, type K8sObject, type Rule, type RuleSet } from '../engine';
import { configPosition } from '../engine';
import { isPolicyObject, loadPolicies, podSecurityCheck, policyFileProblems, policyRules, standInsOf, type LoadedPolicies, type StandInError, type StandInRead } from '../policies';
import { rules as builtins } from '../rules';
import { readRegularFile } from '../host';
import type { ObjectIndex } from './object-index';
import type { Resolved } from './settings';

/** Kinds the index must hold for policies: the policies themselves, Namespaces (selectors) and likely params. */
const POLICY_READS = ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ClusterPolicy', 'Policy', 'ValidatingPolicy', 'NamespacedValidatingPolicy', 'ConstraintTemplate', 'Namespace', 'ConfigMap', CUSTOM_RESOURCE];

/** Never reports: makes the index keep what policies need, so a policy opened in the editor is found. */
const reader: Rule = {
  meta: {
    id: 'kubehex-policy-index', title: 'Indexes admission policies', category: 'cluster', goals: ['integrity'], severity: 'info',
    appliesTo: [], reads: POLICY_READS, profiles: [], docs: { summary: '', recipe: '' }, peers: {}, messages: {},
  },
  check() { /* indexing only */ },
};

const MAX_PATH_FILES = 2000;

function yamlFiles(p: string, out: string[]): void {
  if (out.length >= MAX_PATH_FILES) return;
  let st;
  try { st = statSync(p); } catch { return; }
  if (st.isFile()) { if (/\.(ya?ml|json)$/i.test(p)) out.push(p); return; }
  if (!st.isDirectory()) return;
  for (const e of readdirSync(p)) if (e !== 'node_modules' && !e.startsWith('.')) yamlFiles(join(p, e), out);
}

/** Largest file read from `policies.paths`. */
const MAX_POLICY_FILE_BYTES = 16 * 1024 * 1024;

function policiesInFile(file: string, problems: Array<{ file: string; line: number; message: string }>): K8sObject[] {
  // a regular file of sane size only, like every other file the server reads from a configured path
  const read = readRegularFile(file, MAX_POLICY_FILE_BYTES);
  if (!read.ok) { problems.push({ file, line: 1, message: `policies.paths: ${read.message}` }); return []; }
  const text = read.bytes.toString('utf8');
  const parsed = parseManifest(text, {});
  // the file is not open: what keeps its policies from loading is said on the config (never silently dropped)
  for (const p of policyFileProblems(parsed)) problems.push({ file, line: p.line, message: `policies.paths: ${p.message}` });
  if (parsed.fatal) return [];
  return parsed.docs.flatMap((pd) => (pd.doc && !pd.errors.length ? objectsOf(pd, file) : [])).filter(isPolicyObject);
}

/** A stand-in file (policies.values, context, userInfo): its text, or why there is none. */
function readStandIn(file: string): StandInRead {
  const r = readRegularFile(file, MAX_POLICY_FILE_BYTES);
  if (!r.ok) return { ok: false, message: r.message };
  return { ok: true, text: r.bytes.toString('utf8') };
}

export class PolicyStore {
  private generation = -1;
  private configKey = '';
  private sig = '';
  private stamp = 0;
  private rules: Rule[] = [];
  private loadedPolicies: LoadedPolicies = { units: [], notes: [] };
  private sets = new Map<string, { base: RuleSet; set: RuleSet }>();

  /** Problems with the config's stand-in files, for the config's own diagnostics. */
  private standInErrors: { configPath: string; errors: StandInError[] } = { configPath: '', errors: [] };

  /** `configText`: the text of an open `.kubehex.yaml` (else it is read from disk), to place problems on its lines. */
  constructor(private readonly index: ObjectIndex, private readonly configText: (path: string) => string | undefined = () => undefined) {}

  /** Problems with the stand-in files `configPath` names (as of the last load under that config). */
  standInProblems(configPath: string): ReadonlyArray<StandInError> {
    return this.standInErrors.configPath === configPath ? this.standInErrors.errors : [];
  }

  /** The policy rules for the current index and config, and a stamp that changes when they do. */
  current(config: Config | undefined, configPath: string | undefined): { rules: Rule[]; stamp: number } {
    const cfgKey = JSON.stringify([configPath ?? '', config?.policies ?? null]);
    if (this.generation === this.index.generation && cfgKey === this.configKey) return { rules: this.rules, stamp: this.stamp };
    this.generation = this.index.generation;
    this.configKey = cfgKey;
    const objects = this.index.all().filter(isPolicyObject);
    const extra: K8sObject[] = [];
    const pathProblems: StandInError[] = [];
    if (configPath && config?.policies?.paths?.length) {
      const open = new Set(objects.map((o) => o.file));
      config.policies.paths.forEach((p, i) => {
        const files: string[] = [];
        const problems: StandInError[] = [];
        const abs = resolve(dirname(configPath), p);
        try { statSync(abs); } catch { problems.push({ file: configPath, line: 1, message: `policies.paths: ${p}: no such file or directory` }); }
        yamlFiles(abs, files);
        for (const f of files) if (!open.has(f)) extra.push(...policiesInFile(f, problems));
        if (problems.length) {
          const line = configPosition(this.configText(configPath) ?? (readStandIn(configPath) as { text?: string }).text ?? '', ['policies', 'paths', i]).line;
          for (const e of problems) pathProblems.push(e.file === configPath ? { ...e, line, configLine: line } : { ...e, configLine: line });
        }
      });
    }
    const all = [...objects, ...extra];
    // the cluster stand-ins the config names (Kyverno CLI Values, Context, UserInfo files)
    let standIns: ReturnType<typeof standInsOf> = { errors: [] };
    const texts: string[] = [];
    if (configPath && config?.policies) {
      const text = () => this.configText(configPath) ?? (readStandIn(configPath) as { text?: string }).text ?? '';
      const read = (f: string) => { const r = readStandIn(f); texts.push(f, r.ok ? r.text : r.message); return r; };
      standIns = standInsOf(config.policies, (f) => resolve(dirname(configPath), f), read, configPath, (p) => configPosition(text(), p).line);
    }
    this.standInErrors = { configPath: configPath ?? '', errors: [...pathProblems, ...standIns.errors] };
    const sig = JSON.stringify([cfgKey, all.map((o) => [o.file ?? '', o.value]), texts]);
    if (sig !== this.sig) {
      this.sig = sig;
      this.stamp++;
      this.loadedPolicies = loadPolicies(all, { unbound: config?.policies?.unbound, podSecurity: podSecurityCheck(builtins), ...(standIns.external ? { external: standIns.external } : {}) });
      this.rules = policyRules(this.loadedPolicies);
      this.sets.clear();
    }
    return { rules: this.rules, stamp: this.stamp };
  }

  /** Whether the last load found any policy (lenses are refreshed only then). */
  hasPolicies(): boolean { return this.loadedPolicies.units.length > 0; }

  /** The policies loaded for the current index and config (code lenses count what they do). */
  loaded(config: Config | undefined, configPath: string | undefined): LoadedPolicies {
    this.current(config, configPath);
    return this.loadedPolicies;
  }

  /** The resolved rule set plus the index reader and the policy rules (trusted workspaces only). */
  apply(r: Resolved, trusted: boolean): Resolved {
    if (!trusted) return r;
    const config = r.config.config;
    const { rules, stamp } = this.current(config, r.config.path);
    const key = `${r.key}|policies:${stamp}`;
    // policy rules are all cross-object rules (they read '*'): the own-object rules, and what chunks keep for the
    // cross pass, depend only on whether there are any
    const localKey = `${r.localKey ?? r.key}|policies:${rules.length ? 'on' : 'off'}`;
    const hit = this.sets.get(key);
    if (hit && hit.base === r.set) return { ...r, set: hit.set, key, localKey };
    const policySet = rules.length ? resolveRules(rules, config, undefined) : undefined;
    const active = [...r.set.rules, { rule: reader, severity: 'info' as const, options: {} }, ...(policySet?.rules ?? [])];
    const set = makeRuleSet(active, r.set.suppressedBy);
    this.sets.set(key, { base: r.set, set });
    return { ...r, set, key, localKey };
  }
}
