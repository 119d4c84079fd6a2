import type { Category, Goal, Layer, PeerTool, Profile, Severity } from './taxonomy';

/** A path into a YAML document: map keys and sequence indexes. */
export type Path = ReadonlyArray<string | number>;

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

/** A minimal replacement of the source text, by UTF-16 offsets into the whole file. */
export interface TextEdit { start: number; end: number; newText: string }

/** Fix operations on paths; the engine turns them into minimal text edits. */
type FlowScalar = string | number | boolean;
/** A map of scalars, or of maps of scalars, that a fix writes as one flow map. */
export type FlowMapValue = Readonly<Record<string, FlowScalar | Readonly<Record<string, FlowScalar>>>>;

export type FixOp =
  /**
   * `value` may be a string array (written as a flow list) or a map of scalars, or of maps of scalars (written as
   * a flow map: `{limits: {memory: 512Mi}, requests: {cpu: 100m}}`).
   */
  | { op: 'set'; path: Path; value: string | number | boolean | ReadonlyArray<string> | FlowMapValue }
  | { op: 'remove'; path: Path }
  | { op: 'append'; path: Path; value: string | number | boolean }
  /** Renames the map key at `path` to `to`; only the key's text changes. */
  | { op: 'rename'; path: Path; to: string };

export interface Fix {
  title: string;
  /** `safe`: the CLI's --fix may apply it unattended; `review`: offered in the editor only. */
  safety: 'safe' | 'review';
  ops: FixOp[];
}

export interface ObjectRef { apiVersion: string; kind: string; name: string; namespace?: string }

export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  severity: Severity;
  range: Range;
  /** Offsets of the range in the file text. */
  offsets: [number, number];
  /** Absolute path in the document that the finding is about. */
  path: Path;
  /** Index of the YAML document in the file. */
  docIndex: number;
  object: ObjectRef;
  category: Category;
  goals: Goal[];
  fix?: Fix;
  /**
   * Set only where the rule set asked to keep yielded findings (RuleSet.keepYielded): this finding yields to another
   * one on the same range (meta.yieldsTo) and is not shown; it still counts for the report's Pod Security level.
   */
  yielded?: true;
}

export interface RuleDocs {
  summary: string;
  /** The recipe: what to do, in one or two sentences. */
  recipe: string;
  url?: string;
}

export interface RuleMeta {
  id: string;
  title: string;
  category: Category;
  goals: Goal[];
  severity: Severity;
  /**
   * Kinds the rule reads; `podSpec` stands for every pod-spec carrier, `*` for any kind, `customResource`
   * for any object of a custom API group (group with a dot, not `*.k8s.io`), `Kind@apiVersion` for objects of
   * that kind written with exactly that apiVersion (so other versions of a big kind are never composed).
   */
  appliesTo: ReadonlyArray<string>;
  /**
   * Other kinds a cross-object rule looks up in `ctx.objects`; they are composed in every file, since the
   * object looked up may be in another file of the scan or the workspace.
   */
  reads?: ReadonlyArray<string>;
  /**
   * With `reads`: whether judging this object looks up other objects at all. A rule that reads others only for
   * some of the kinds it judges (the schema rules: custom resources need their CRD, built-in kinds do not) says
   * false for the rest, so that a scan judges those objects right after their parse, like a local rule's.
   * Absent: every object it judges may read others.
   */
  readsOthers?: (object: { apiVersion: string; kind: string }) => boolean;
  /**
   * Rules whose finding on the very same range says more about the same thing: when one of them reports that
   * range, this rule's finding there is dropped (one problem, one finding). When they are off, this rule speaks.
   * `rule-id:messageId` yields only to that message of the rule (the narrower RBAC rules yield to
   * `rbac-wildcard:everything`, not to its finding on each `*`).
   */
  yieldsTo?: ReadonlyArray<string>;
  profiles: ReadonlyArray<Profile>;
  docs: RuleDocs;
  peers: Partial<Record<PeerTool, string[]>>;
  /** When a peer check matches only some of this rule's messages (e.g. Polaris' memory-only check),
   * the messageIds that correspond to it, keyed by peer tool and peer check id. */
  peerMessages?: Partial<Record<PeerTool, Record<string, string[]>>>;
  messages: Record<string, string>;
  layer?: Layer;
  principle?: string;
  /** PSS control this rule implements, e.g. `baseline: privileged`. */
  pss?: string;
  /** Option names and their defaults, documented in the README. */
  defaultOptions?: Record<string, unknown>;
  /**
   * Option defaults that differ in one profile (e.g. `run-as-root` keeps the Pod Security verdict in
   * `pss-restricted`): applied over `defaultOptions` when that profile is active; the configuration still wins.
   * Keys must be options named in `defaultOptions`.
   */
  profileOptions?: Partial<Record<Profile, Record<string, unknown>>>;
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  /** Path relative to the object being checked. */
  path: Path;
  /** Narrow the range to the map key (`'key'`, e.g. an unknown field) or to the value (`'value'`). */
  at?: 'key' | 'value';
  fix?: Fix;
  /**
   * This finding's severity when it differs by finding (an admission policy's binding decides Deny, Warn or
   * Audit); a severity set in the configuration still wins.
   */
  severity?: import('./taxonomy').Severity;
  /** Characters [start, end) of the string value at `path` the finding is about (an error inside an expression). */
  span?: readonly [number, number];
  /**
   * Rules whose findings on this very place yield to this one (meta.yieldsTo) and which this finding speaks for
   * (a bare container's gaps). Where the user suppressed one of them there (a comment on the line, the
   * `kubehex.io/ignore` annotation, a peer tool's annotation), the engine shows `without(suppressed)` instead:
   * this finding without what it said for them, or nothing when it returns undefined.
   */
  absorbs?: ReadonlyArray<string>;
  without?: (suppressed: ReadonlySet<string>) => AbsorbingReport | undefined;
}

/** What `ReportDescriptor.without` gives: the finding's words and fix; its place stays. */
export type AbsorbingReport = Pick<ReportDescriptor, 'messageId' | 'data' | 'fix' | 'severity'>;

export interface Rule {
  meta: RuleMeta;
  check(ctx: import('./context').RuleContext): void;
}

export interface ParseErrorInfo { message: string; range?: Range; code?: string }
