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
