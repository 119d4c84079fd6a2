import { helmFlagError, type HelmOptions, type KustomizeOptions, type RenderOptions } from '../render';
import { UsageError } from './usage';

/** The render flags `kubehex scan` shares with `kubehex render` (product.md): repeatable, single and boolean ones. */
const REPEATED: Record<string, 'values' | 'set' | 'apiVersions'> = { '--values': 'values', '--set': 'set', '--api-versions': 'apiVersions' };
const SINGLE: Record<string, 'releaseName' | 'namespace' | 'kubeVersion'> = { '--release-name': 'releaseName', '--namespace': 'namespace', '--kube-version': 'kubeVersion' };
const BOOLS: Record<string, 'includeCrds' | 'skipTests'> = { '--include-crds': 'includeCrds', '--skip-tests': 'skipTests' };

export const RENDER_FLAGS_HELP = `Render options (every chart and kustomization the scan renders):
  --values FILE                 Helm values file (repeatable, in order; .kubehex.yaml helm.charts adds per chart)
  --set KEY=VALUE               Helm --set value (repeatable)
  --release-name NAME           release name (default: release-name)
  --namespace NS                release namespace (default: default)
  --kube-version X.Y            Kubernetes version for .Capabilities
  --api-versions G/V            extra API version for .Capabilities.APIVersions (repeatable)
  --include-crds                render the charts' crds/ files too
  --skip-tests                  leave out test hooks
  --load-restrictor NAME        LoadRestrictionsRootOnly (default) | LoadRestrictionsNone
`;

/** Takes the render flags out of `argv`; the rest goes to the command's own parser. */
export function takeRenderFlags(argv: ReadonlyArray<string>): { rest: string[]; render: RenderOptions } {
  const helm: HelmOptions = {};
  const kustomize: KustomizeOptions = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline: string | undefined;
    if (a.startsWith('--') && a.includes('=')) { inline = a.slice(a.indexOf('=') + 1); a = a.slice(0, a.indexOf('=')); }
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a in REPEATED) (helm[REPEATED[a]] ??= []).push(value());
    else if (a in SINGLE) helm[SINGLE[a]] = value();
    else if (a in BOOLS && inline === undefined) helm[BOOLS[a]] = true;
    else if (a === '--load-restrictor') {
      const v = value();
      if (v !== 'LoadRestrictionsRootOnly' && v !== 'LoadRestrictionsNone') throw new UsageError('--load-restrictor must be LoadRestrictionsRootOnly or LoadRestrictionsNone');
      kustomize.loadRestrictor = v;
    } else rest.push(argv[i]);
  }
  if (helm.set) for (const s of helm.set) if (!s.includes('=')) throw new UsageError(`--set ${s}: expected KEY=VALUE`);
  const flagError = helmFlagError(helm);
  if (flagError) throw new UsageError(flagError);
  const render: RenderOptions = {};
  if (Object.keys(helm).length) render.helm = helm;
  if (Object.keys(kustomize).length) render.kustomize = kustomize;
  return { rest, render };
}
