/** Template actions at the structure level: a line that is (or starts a value with) `{{ … }}`. */
const STRUCTURAL_TEMPLATE = /^[ \t]*(?:-[ \t]+)?\{\{|:[ \t]+\{\{[^\n]*\}\}[ \t]*$/m;

/**
 * Helm (or other Go-template) sources are not manifests until rendered: skip them without noise.
 * `underChartTemplates` is the caller's knowledge that the file sits in `templates/` below a Chart.yaml.
 */
export function isTemplateSource(text: string, underChartTemplates: boolean): boolean {
  if (underChartTemplates) return true;
  if (!text.includes('{{')) return false;
  return STRUCTURAL_TEMPLATE.test(text);
}

/**
 * A value with a placeholder that a tool fills in before the object reaches the API server: `${VAR}`
 * (envsubst, Flux substitution) or `{{ … }}` (Helm, Go templates). Rules leave such values alone.
 */
export function hasPlaceholder(value: string): boolean {
  return value.includes('${') || value.includes('{{');
}

/** Whole values that say "fill me in" rather than being one (case-insensitive where written so). */
const FILL_IN: ReadonlyArray<RegExp> = [
  /^<[^<>]*>$/, // <ADD LUN ID Here>, <your-password>
  /^\[[^\][]*\b(?:your|insert|add|enter|put|replace)\b[^\][]*\]$/i, // [your token here]
  /^(?:INSERT|REPLACE|ENTER|ADD|PUT|SET)_[A-Z0-9_]+$/, // INSERT_ETCD_DISCOVERY_TOKEN, REPLACE_WITH_KEY
  /^(?:YOUR|MY)[_-][A-Z0-9_-]+$/i, // YOUR_API_KEY, your-password
  /^your[a-z]+$/i, // yourpassword, YourToken
  /^[A-Z][A-Z0-9_]*_(?:VAL|VALUE|HERE|PLACEHOLDER)$/, // GOOGLE_API_KEY_VAL
  /^(?:CHANGE[_-]?ME|REPLACE[_-]?ME|FILL[_-]?ME(?:[_-]?IN)?|TO[_-]?BE[_-]?(?:SET|REPLACED|FILLED)|PLACEHOLDER|TODO|FIXME|TBD)(?:[0-9]*|[_-][A-Za-z0-9_-]*)$/i, // CHANGEME, changeme00000000, TODO
  /^__[A-Za-z0-9_]+__$/, // __PASSWORD__
  /^@[A-Za-z0-9_.-]+@$/, // @db.password@ (build-time substitution)
  /^%[A-Za-z0-9_]+%$/, // %PASSWORD%
  /^\$[A-Z_][A-Z0-9_]*$/, // $PASSWORD (shell-style, substituted before apply)
  /^(?:x{3,}|X{3,}|\*{3,}|\.{3}|…)$/, // xxxxx, *****, ...
];

/**
 * A value that a person or a tool fills in before the object reaches the API server: a template placeholder
 * (`hasPlaceholder`: `${VAR}`, `{{ … }}`) anywhere in it, or a whole value that obviously stands for one
 * (`INSERT_…`, `…_VAL`, `<ADD … Here>`, `CHANGEME`, `yourpassword`, `__X__`, `xxxx`). Rules that judge a
 * literal value (a credential, a type) leave such values alone: they are not the value that will be applied.
 */
export function isPlaceholderValue(value: string): boolean {
  if (hasPlaceholder(value)) return true;
  const v = value.trim();
  return FILL_IN.some((re) => re.test(v));
}
