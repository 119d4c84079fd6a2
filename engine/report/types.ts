// The posture report's input and data. Plain JSON shapes: the CLI builds the input from a scan, the
// language server from its workspace index, and `kubehex report --format json` prints the data as it is.
import type { Category, Goal, Layer, Severity } from '../taxonomy';
import type { Path, Range } from '../types';

export type PssLevel = 'privileged' | 'baseline' | 'restricted';

export interface ReportObjectRef { apiVersion: string; kind: string; name: string; namespace?: string | null }

/** A finding as the report sees it (the shape of a `--format json` finding, plus what the report needs). */
export interface ReportFinding {
  ruleId: string;
  messageId?: string;
  severity: Severity;
  message: string;
  /** Display path of the file a person would edit (relative to the working directory or workspace). */
  file: string;
  range: Range;
  object: ReportObjectRef;
  /** Field path in the object's document; the baseline matches on it. */
  path?: Path;
  category: Category;
  goals: Goal[];
  fixable: boolean;
  /** Set by render/ for findings in what a Helm chart or kustomization produced. */
  rendered?: { source: string };
}

/** A Kubernetes object that was linted, with or without findings. */
export interface ReportObject extends ReportObjectRef { file: string; rendered?: { source: string } }

/** What the report needs to know about a rule. */
export interface ReportRule {
  id: string;
  title: string;
  category: Category;
  goals: Goal[];
  severity: Severity;
  summary: string;
  recipe: string;
  layer?: Layer;
  phase?: string;
  /** PSS control, `baseline: …` or `restricted: …`. */
  pss?: string;
}

export interface ReportInput {
  generatedAt: string;
  version: string;
  profile: string;
  paths: string[];
  files: string[];
  objects: ReportObject[];
  /** Findings of the profile's rules: what is scored. */
  findings: ReportFinding[];
  /**
   * Findings of the Pod Security Standards rules (those with `pss`), run whatever the profile: they decide the
   * highest PSS level each workload meets. They are not scored unless they are also in `findings`.
   */
  pssFindings: ReportFinding[];
  errors: Array<{ file: string; message: string }>;
  /** Every active rule plus the PSS rules: titles, recipes, coverage of the heat map. */
  rules: ReportRule[];
  /** Rule ids that were active (scored); the heat map's "not checked" cells are the pairs none of them covers. */
  activeRules: string[];
  baseline?: { file: string; findings: BaselineFinding[]; score?: number };
  /** Caveats shown at the top of the report (e.g. which PSS rules the editor's verdicts rest on). */
  notes?: string[];
}

/** A finding of an earlier `--format json` scan (or report): `path` may be missing in old output. */
export interface BaselineFinding {
  ruleId: string;
  severity: Severity;
  message?: string;
  file?: string;
  object: { kind: string; name: string; namespace?: string | null; apiVersion?: string };
  path?: Path;
  category?: Category;
}

export interface Counts { error: number; warning: number; info: number }

export interface Posture { score: number; grade: string; objects: number; findings: number; counts: Counts }

export interface RecipeEntry {
  rank: number;
  recipe: string;
  rules: string[];
  title: string;
  category: Category;
  severity: Severity;
  findings: number;
  objects: number;
  counts: Counts;
  quickFixes: number;
  /** Σ over the objects it touches of the worst severity weight there. */
  risk: number;
  /** Share of all errors this recipe clears, in percent (0 when there are no errors). */
  errorShare: number;
  /** The rule page inside the report. */
  link: string;
}

export interface WorkloadRow {
  file: string;
  kind: string;
  name: string;
  namespace: string | null;
  counts: Counts;
  pss: PssLevel;
  /** The PSS controls it fails, as the rules name them (`baseline: Privileged Containers`). */
  pssFailing: string[];
  worst?: { ruleId: string; severity: Severity; message: string; line: number };
  rendered?: string;
}

export interface GroupRow { name: string; objects: number; findings: number; counts: Counts; score: number }

export interface BaselineDelta {
  file: string;
  counts: { new: Counts; fixed: Counts; unchanged: Counts };
  byCategory: Record<string, { new: Counts; fixed: Counts; unchanged: number }>;
  /** Σ weight(new) − Σ weight(fixed): below 0 the posture got better. */
  riskDelta: number;
  verdict: 'better' | 'worse' | 'unchanged';
  scoreBefore?: number;
  summary: string;
  newFindings: ReportFinding[];
  fixedFindings: BaselineFinding[];
}

export interface ReportData {
  kind: 'kubehex-report';
  version: 1;
  generatedAt: string;
  tool: string;
  profile: string;
  paths: string[];
  scoring: { weights: Record<Severity, number>; formula: string[] };
  totals: { files: number; objects: number; workloads: number; findings: number; counts: Counts; quickFixes: number; fileErrors: number };
  overall: Posture;
  categories: Record<Category, Posture & { checked: number }>;
  goals: Record<Goal, Posture & { checked: number }>;
  /** heatmap[category][goal]: the score, or null when no active rule covers the pair. */
  heatmap: Record<Category, Record<Goal, { score: number | null; findings: number }>>;
  recipes: RecipeEntry[];
  topFix: { recipes: number; errors: number; totalErrors: number; percent: number };
  workloads: WorkloadRow[];
  pss: Record<PssLevel, number>;
  files: GroupRow[];
  layers: GroupRow[];
  phases: GroupRow[];
  rendered: GroupRow[];
  rules: Record<string, ReportRule>;
  findings: ReportFinding[];
  errors: Array<{ file: string; message: string }>;
  notes: string[];
  baseline?: BaselineDelta;
}
