// The posture report: pure data builder and its renderers, shared by the CLI (`kubehex report`) and the
// language server (the editor's dashboard).
export * from './types';
export { buildReport } from './build';
export { WEIGHTS, SCORING_TEXT, grade, posture, riskOf, lostPoints, scoreOf, objectKey, objectHome, findingObjectKey } from './score';
export { buildRecipes, topFix, ruleAnchor, TOP_FIX } from './recipes';
export { buildWorkloads, pssLevel, pssLevelOfRule, isWorkload } from './workloads';
export { matchBaseline, parseBaseline, compareBaseline, type BaselineMatch } from './baseline';
export { renderHtml, REPORT_CSP, type HtmlOptions } from './html';
export { renderMarkdown, MARKDOWN_LIMIT } from './markdown';
export { reportRule, pssRuleIds, reportFinding, renderedSourceOf } from './from-engine';
