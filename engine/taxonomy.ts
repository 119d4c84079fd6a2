/** The two security models every rule is classified by (see docs/taxonomy.md). */

export const CATEGORIES = ['core', 'chain', 'cluster', 'container', 'code', 'components'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_SLOGANS: Record<Category, string> = {
  core: 'Know what you are doing. Own up.',
  chain: 'Do it all, every time. Sleep well.',
  cluster: 'Secure the VMs.',
  container: 'Secure the images.',
  code: 'Secure the application.',
  components: 'Secure the components.',
};

export const GOALS = ['confidentiality', 'possession', 'integrity', 'authenticity', 'availability', 'utility'] as const;
export type Goal = (typeof GOALS)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export const PROFILES = ['recommended', 'pss-baseline', 'pss-restricted', 'all'] as const;
export type Profile = (typeof PROFILES)[number];

export const PEER_TOOLS = ['kube-linter', 'polaris', 'kube-score', 'checkov', 'kubescape', 'kubesec', 'trivy', 'datree', 'pss'] as const;
export type PeerTool = (typeof PEER_TOOLS)[number];

export const LAYERS = ['application', 'orchestrator', 'system'] as const;
export type Layer = (typeof LAYERS)[number];
