import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { decodeBytes, GlobSet, parseConfig, resolveRules, SEVERITIES, type Config, type ConfigError, type RuleSet, type RuleSetting, type Severity } from '../engine';
import { readRegularFile } from '../host';
import { rules, ruleIds } from '../rules';

export type RunMode = 'onType' | 'onSave';
export type SeveritySetting = Severity | 'hint' | 'off';

/** The `kubehex` section of the editor settings. */
export interface Settings {
  enable: boolean;
  profile?: string;
  run: RunMode;
  severity: Record<string, SeveritySetting>;
  /** Bytes; larger files get one info diagnostic and no lint. */
  maxFileSize: number;
  kubernetesVersion?: string;
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', severity: {}, maxFileSize: DEFAULT_MAX_FILE_SIZE };

const SEVERITY_SETTINGS: ReadonlyArray<string> = [...SEVERITIES, 'hint', 'off'];

/** Accepts whatever the client sends and keeps only well-typed values. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const severity: Record<string, SeveritySetting> = {};
  if (r.severity && typeof r.severity === 'object') {
    for (const [id, v] of Object.entries(r.severity as Record<string, unknown>)) {
      if (typeof v === 'string' && SEVERITY_SETTINGS.includes(v)) severity[id] = v as SeveritySetting;
    }
  }
  const max = typeof r.maxFileSize === 'number' && r.maxFileSize > 0 ? r.maxFileSize : DEFAULT_MAX_FILE_SIZE;
  return {
    enable: r.enable !== false,
    profile: typeof r.profile === 'string' && r.profile ? r.profile : undefined,
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    severity,
    maxFileSize: max,
    kubernetesVersion: typeof r.kubernetesVersion === 'string' && r.kubernetesVersion ? r.kubernetesVersion : undefined,
  };
}

export const CONFIG_NAME = '.kubehex.yaml';

/**
 * A `.kubehex.yaml` as the server uses it: the config, or every error in it (then the file gets diagnostics
 * and linting goes on with the defaults), and its `ignore` globs compiled once per version of the file.
 */
export interface LoadedConfig { config?: Config; error?: ConfigError; errors?: ConfigError[]; ignore?: GlobSet }

export interface ConfigLookup extends LoadedConfig { path?: string }

/** Largest `.kubehex.yaml` the server reads (the CLI's limit is --max-file-size). */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** What a file is linted with: the rule set, a cache key for it, and how to show severities. */
export interface Resolved {
  set: RuleSet;
  key: string;
  /**
   * Identifies the rules that read only their own object (and what the chunks keep for the cross pass); the same
   * for two keys that differ only in cross-object rules (admission policies), so a policy edit re-parses nothing.
   * Defaults to `key`.
   */
  localKey?: string;
  /** Rules the settings put at `hint`. */
  hints: ReadonlySet<string>;
  config: ConfigLookup;
}

/**
 * Finds and parses the nearest `.kubehex.yaml` for a file, preferring the text of an open editor over
 * the disk. Results are cached until a config file changes.
 */
export class ConfigStore {
  private dirs = new Map<string, string | null>();
  private parsed = new Map<string, LoadedConfig>();
  private sets = new Map<string, RuleSet>();
  /** Bumped whenever a config file changes; part of every cache key. */
  generation = 0;

  constructor(private openText: (path: string) => string | undefined) {}

  invalidate(): void {
    this.dirs.clear();
    this.parsed.clear();
    this.sets.clear();
    this.generation++;
  }

  nearest(file: string): string | undefined {
    const seen: string[] = [];
    let dir = dirname(file);
    let found: string | null | undefined;
    for (;;) {
      found = this.dirs.get(dir);
      if (found !== undefined) break;
      seen.push(dir);
      const candidate = join(dir, CONFIG_NAME);
      // anything there counts: loading it refuses what is not a regular file, with a diagnostic on it
      if (this.openText(candidate) !== undefined || exists(candidate)) { found = candidate; break; }
      const up = dirname(dir);
      if (up === dir) { found = null; break; }
      dir = up;
    }
    for (const d of seen) this.dirs.set(d, found);
    return found ?? undefined;
  }

  load(path: string): LoadedConfig {
    let p = this.parsed.get(path);
    if (!p) {
      p = loadConfigText(path, this.openText(path));
      this.parsed.set(path, p);
    }
    return p;
  }

  lookup(file: string, trusted: boolean): ConfigLookup {
    if (!trusted) return {};
    const path = this.nearest(file);
    if (!path) return {};
    return { path, ...this.load(path) };
  }

  /**
   * The rule set for a file. Untrusted workspaces get the built-in profile only: no `.kubehex.yaml`,
   * no profile or severity from the (workspace) settings.
   */
  resolve(file: string | undefined, settings: Settings, trusted: boolean): Resolved {
    const config = file ? this.lookup(file, trusted) : {};
    const base: Config = config.config ?? {};
    const ruleSettings: Record<string, RuleSetting> = { ...(base.rules ?? {}) };
    const hints = new Set<string>();
    if (trusted) {
      for (const [id, sev] of Object.entries(settings.severity)) {
        // the project's .kubehex.yaml wins, so the editor agrees with CI; settings fill in the rest
        const prev = ruleSettings[id];
        if (!ruleIds.has(id) || typeof prev === 'string' || (typeof prev === 'object' && prev.severity !== undefined)) continue;
        if (sev === 'hint') hints.add(id);
        const engineSev = sev === 'hint' ? 'info' : sev;
        ruleSettings[id] = typeof prev === 'object' ? { ...prev, severity: engineSev } : engineSev;
      }
    }
    const profile = trusted ? base.profile ?? settings.profile : undefined;
    const kubernetesVersion = base.kubernetesVersion ?? (trusted ? settings.kubernetesVersion : undefined);
    const effective: Config = { ...base, rules: ruleSettings, ...(kubernetesVersion ? { kubernetesVersion } : {}) };
    const key = JSON.stringify([this.generation, config.path ?? '', trusted, profile ?? '', settings.severity, kubernetesVersion ?? '']);
    let set = this.sets.get(key);
    if (!set) {
      set = resolveRules(rules, effective, profile);
      this.sets.set(key, set);
    }
    return { set, key, hints, config };
  }
}

/**
 * Parses a config (the open editor's text, else the disk: a regular file of at most MAX_CONFIG_BYTES) and compiles
 * its ignore globs, unless only its errors are wanted (the config file's own diagnostics, on every keystroke).
 */
export function loadConfigText(path: string, text: string | undefined, compileIgnore = true): LoadedConfig {
  const failed = (message: string, line = 1): LoadedConfig => {
    const error = { file: path, line, character: 1, message };
    return { error, errors: [error] };
  };
  if (text === undefined) {
    const read = readRegularFile(path, MAX_CONFIG_BYTES);
    if (!read.ok) return failed(`cannot read ${basename(path)}: ${read.message}`);
    const d = decodeBytes(read.bytes);
    if (!d.ok) return failed(d.error.message, (d.error.range?.start.line ?? 0) + 1);
    text = d.text;
  }
  const r = parseConfig(text, path, rules);
  if ('error' in r) return { error: r.error, errors: r.errors };
  return { config: r.config, ignore: compileIgnore && r.config.ignore?.length ? new GlobSet(r.config.ignore) : undefined };
}

function exists(p: string): boolean {
  try { statSync(p); return true; } catch { return false; }
}

const chartCache = new Map<string, boolean>();

/** A file in `templates/` (at any depth) below a folder that holds a Chart.yaml is a Helm template. */
export function underChartTemplates(file: string): boolean {
  const parts = dirname(file).split(sep);
  for (let i = parts.length - 1; i > 0; i--) {
    if (parts[i] !== 'templates') continue;
    const chartDir = parts.slice(0, i).join(sep) || sep;
    let v = chartCache.get(chartDir);
    if (v === undefined) {
      v = existsSync(join(chartDir, 'Chart.yaml'));
      chartCache.set(chartDir, v);
    }
    if (v) return true;
  }
  return false;
}

export function clearChartCache(): void { chartCache.clear(); }
