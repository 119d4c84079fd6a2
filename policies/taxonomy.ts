/** Category and goals of a policy's findings: its kubehex.io annotations, else cluster / integrity. */
import { CATEGORIES, GOALS, isRecord, SEVERITY_RANK, type Category, type Goal, type Severity } from '../engine';

export function annotationsTaxonomy(annotations: unknown): { category: Category; goals: Goal[] } {
  const a = isRecord(annotations) ? annotations : {};
  const cat = String(a['kubehex.io/category'] ?? '').trim();
  const goals = String(a['kubehex.io/goals'] ?? '').split(',').map((g) => g.trim()).filter((g): g is Goal => (GOALS as readonly string[]).includes(g));
  return {
    category: (CATEGORIES as readonly string[]).includes(cat) ? (cat as Category) : 'cluster',
    goals: goals.length ? goals : ['integrity'],
  };
}

export function strongest(sevs: ReadonlyArray<Severity>): Severity {
  return sevs.reduce<Severity>((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a), 'info');
}
