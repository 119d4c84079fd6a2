import { CATEGORIES, CATEGORY_SLOGANS, GOALS, PEER_TOOLS, ruleDocsUrl, type Rule } from '../engine';

/** One rule of `kubehex rules --format json`; `docs` is the page's URL under a configured docs base, else null. */
export function ruleJson(r: Rule, fixable: ReadonlySet<string>, docsBase?: string) {
  const peers: Record<string, string[]> = {};
  for (const p of PEER_TOOLS) peers[p] = [...(r.meta.peers[p] ?? [])];
  const messageIds = Object.keys(r.meta.messages);
  // for every peer check: the messageIds it corresponds to — the subset the rule declares in its metadata
  // (a peer check that matches only some of its messages), otherwise all of them
  const peerMessages: Record<string, Record<string, string[]>> = {};
  for (const p of PEER_TOOLS) {
    const ids = r.meta.peers[p] ?? [];
    if (!ids.length) continue;
    peerMessages[p] = Object.fromEntries(ids.map((id) => [id, [...(r.meta.peerMessages?.[p]?.[id] ?? messageIds)]]));
  }
  return {
    id: r.meta.id,
    title: r.meta.title,
    severity: r.meta.severity,
    category: r.meta.category,
    goals: [...r.meta.goals],
    fixable: fixable.has(r.meta.id),
    docs: ruleDocsUrl(r.meta.id, docsBase) ?? null,
    profiles: ['all', ...r.meta.profiles.filter((p) => p !== ('all' as string))].sort(),
    pss: r.meta.pss ?? null,
    summary: r.meta.docs.summary,
    recipe: r.meta.docs.recipe,
    peers,
    messageIds,
    peerMessages,
  };
}

const PEER_LABEL: Record<string, string> = {
  'kube-linter': 'kube-linter', polaris: 'Polaris', 'kube-score': 'kube-score', checkov: 'Checkov', kubescape: 'Kubescape',
  kubesec: 'kubesec', trivy: 'Trivy', datree: 'Datree', pss: 'Pod Security Admission',
};

/** `podSpec` in words; `Kind@apiVersion` entries grouped per kind: `CronJob (batch/v1beta1, batch/v2alpha1)`. */
function appliesToText(appliesTo: ReadonlyArray<string>): string {
  const out: string[] = [];
  const versions = new Map<string, string[]>();
  for (const k of appliesTo) {
    const at = k.indexOf('@');
    if (at < 0) {
      out.push(k === 'podSpec' ? 'every pod-spec carrier' : k);
      continue;
    }
    const kind = k.slice(0, at);
    if (!versions.has(kind)) {
      versions.set(kind, []);
      out.push(kind);
    }
    versions.get(kind)!.push(k.slice(at + 1));
  }
  return out.map((k) => (versions.has(k) ? `${k} (${versions.get(k)!.join(', ')})` : k)).join(', ');
}

function profilesOf(r: Rule): string {
  return [...r.meta.profiles, 'all'].join(', ');
}

/** The generated block between `<!-- meta:start -->` and `<!-- meta:end -->` in a rule's README. */
export function renderMetaBlock(r: Rule, fixable: ReadonlySet<string>): string {
  const m = r.meta;
  const peers = PEER_TOOLS.filter((p) => m.peers[p]?.length).map((p) => `${PEER_LABEL[p]}: ${m.peers[p]!.map((x) => `\`${x}\``).join(', ')}`);
  const rows = [
    ['Title', m.title],
    ['6C category', `\`${m.category}\` — ${CATEGORY_SLOGANS[m.category]}`],
    ['Parkerian Hexad goals', m.goals.map((g) => `\`${g}\``).join(', ')],
    ['Default severity', m.severity],
    ['Profiles', profilesOf(r)],
    ['Pod Security Standards', m.pss ?? '—'],
    ['Quick fix', fixable.has(m.id) ? 'yes' : 'no'],
    ['Applies to', appliesToText(m.appliesTo)],
    ['Peers', peers.length ? peers.join('<br>') : 'none: kubehex only'],
  ];
  if (m.defaultOptions && Object.keys(m.defaultOptions).length) rows.push(['Options (defaults)', `\`${JSON.stringify(m.defaultOptions)}\``]);
  for (const [p, o] of Object.entries(m.profileOptions ?? {})) rows.push([`Options in profile ${p}`, `\`${JSON.stringify(o)}\``]);
  return ['<!-- meta:start -->', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '<!-- meta:end -->'].join('\n');
}

/** `kubehex rules --format markdown` and docs/rules/README.md. */
export function renderRulesMarkdown(all: ReadonlyArray<Rule>, fixable: ReadonlySet<string>, linkBase = ''): string {
  const lines: string[] = ['# kubehex rules', '', `${all.length} rules. Each rule's page explains why it matters, the recipe to fix it, and its peers' ids.`, ''];
  lines.push('## Rules per 6C category', '', '| category | rules | slogan |', '|---|---:|---|');
  for (const c of CATEGORIES) lines.push(`| ${c} | ${all.filter((r) => r.meta.category === c).length} | ${CATEGORY_SLOGANS[c]} |`);
  lines.push('', '## Rules per Parkerian Hexad goal', '', '| goal | rules |', '|---|---:|');
  for (const g of GOALS) lines.push(`| ${g} | ${all.filter((r) => r.meta.goals.includes(g)).length} |`);
  for (const c of CATEGORIES) {
    const rs = all.filter((r) => r.meta.category === c);
    if (!rs.length) continue;
    lines.push('', `## ${c}`, '', '| rule | severity | goals | profiles | fix | peers |', '|---|---|---|---|---|---|');
    for (const r of rs) {
      const peers = PEER_TOOLS.map((p) => (r.meta.peers[p] ?? []).map((x) => `${p}:${x}`)).flat();
      const link = linkBase ? `[${r.meta.id}](${linkBase}${r.meta.id}/README.md)` : `\`${r.meta.id}\``;
      lines.push(`| ${link} — ${r.meta.title} | ${r.meta.severity} | ${r.meta.goals.join(', ')} | ${profilesOf(r)} | ${fixable.has(r.meta.id) ? 'yes' : '—'} | ${peers.length ? peers.join(' ') : '—'} |`);
    }
  }
  return lines.join('\n') + '\n';
}
