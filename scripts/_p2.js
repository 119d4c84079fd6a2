const { scan } = require('/work/main/out/cli/scan.js');
const { collectFiles } = require('/work/main/out/cli/files.js');
const { rules } = require('/work/main/out/rules/index.js');
const { files } = collectFiles(['/work/shared/corpus/real']);
const S = ['unknown-field','invalid-field-type','missing-required-field'];
const only = { rules: Object.fromEntries(rules.map(r => [r.meta.id, S.includes(r.meta.id) ? 'error' : 'off'])) };
(async () => { await scan({ files, workers: 1, config: only }); })();
