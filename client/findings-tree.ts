// The "kubehex" tree: the last workspace scan grouped 6C category -> rule -> finding, with counts.
import * as vscode from 'vscode';
import type { ScanItem, ScanWorkspaceResult, Severity } from './protocol';

/** The six 6C categories in the order the product documents them. */
const CATEGORY_ORDER = ['core', 'chain', 'cluster', 'container', 'code', 'components'];
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SEVERITY_ICON: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};

export type FindingNode =
  | { kind: 'category'; category: string; items: ScanItem[] }
  | { kind: 'rule'; category: string; ruleId: string; items: ScanItem[] }
  | { kind: 'finding'; item: ScanItem };

function worst(items: ScanItem[]): Severity {
  return items.reduce<Severity>((w, i) => (SEVERITY_RANK[i.severity] < SEVERITY_RANK[w] ? i.severity : w), 'info');
}

function groupBy<K extends string>(items: ScanItem[], key: (i: ScanItem) => K): Map<K, ScanItem[]> {
  const m = new Map<K, ScanItem[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}

export class FindingsTree implements vscode.TreeDataProvider<FindingNode> {
  private result: ScanWorkspaceResult | undefined;
  private readonly changed = new vscode.EventEmitter<FindingNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  /** Replaces the tree's content with a new scan result. */
  update(result: ScanWorkspaceResult): void {
    this.result = result;
    this.changed.fire(undefined);
  }

  get lastResult(): ScanWorkspaceResult | undefined {
    return this.result;
  }

  getChildren(node?: FindingNode): FindingNode[] {
    if (!this.result) return [];
    if (!node) {
      const byCat = groupBy(this.result.items, (i) => i.category);
      const rank = (c: string) => (CATEGORY_ORDER.indexOf(c) + 1 || CATEGORY_ORDER.length + 1);
      return [...byCat.entries()]
        .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
        .map(([category, items]) => ({ kind: 'category', category, items }));
    }
    if (node.kind === 'category') {
      return [...groupBy(node.items, (i) => i.ruleId).entries()]
        .sort(([a, x], [b, y]) => SEVERITY_RANK[worst(x)] - SEVERITY_RANK[worst(y)] || y.length - x.length || a.localeCompare(b))
        .map(([ruleId, items]) => ({ kind: 'rule', category: node.category, ruleId, items }));
    }
    if (node.kind === 'rule') {
      return [...node.items]
        .sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
        .map((item) => ({ kind: 'finding', item }));
    }
    return [];
  }

  getTreeItem(node: FindingNode): vscode.TreeItem {
    if (node.kind === 'category') {
      const t = new vscode.TreeItem(node.category, vscode.TreeItemCollapsibleState.Expanded);
      t.description = `${node.items.length}`;
      t.tooltip = `6C category "${node.category}": ${node.items.length} finding(s)`;
      t.contextValue = 'kubehex.category';
      t.iconPath = new vscode.ThemeIcon('shield');
      return t;
    }
    if (node.kind === 'rule') {
      const t = new vscode.TreeItem(node.ruleId, vscode.TreeItemCollapsibleState.Collapsed);
      t.description = `${node.items.length}`;
      t.contextValue = 'kubehex.rule';
      t.iconPath = SEVERITY_ICON[worst(node.items)];
      return t;
    }
    const { item } = node;
    const uri = vscode.Uri.parse(item.uri);
    const t = new vscode.TreeItem(item.message, vscode.TreeItemCollapsibleState.None);
    t.description = `${vscode.workspace.asRelativePath(uri)}:${item.range.start.line + 1}`;
    // no resourceUri: the file decoration would add the file's problem count to every finding row
    t.tooltip = `${item.severity}: ${item.message}\n${t.description}`;
    t.iconPath = SEVERITY_ICON[item.severity];
    t.contextValue = 'kubehex.finding';
    const r = item.range;
    const selection = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    t.command = { command: 'vscode.open', title: 'Open finding', arguments: [uri, { selection } satisfies vscode.TextDocumentShowOptions] };
    return t;
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
