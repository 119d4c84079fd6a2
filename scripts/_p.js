const fs = require('fs');
eval(fs.readFileSync('/tmp/fh.js','utf8') + ';global.fiveHundred=fiveHundred');
const text = fiveHundred();
const { lintText, resolveRules } = require('/work/main/out/engine/index.js');
const { rules } = require('/work/main/out/rules/index.js');
const S = ['unknown-field','invalid-field-type','missing-required-field','deprecated-api-version'];
const on = resolveRules(rules, undefined, 'recommended');
const off = resolveRules(rules, { rules: Object.fromEntries(S.map(s=>[s,'off'])) }, 'recommended');
const cpu = (set) => { const c = process.cpuUsage(); lintText(text, set); const d = process.cpuUsage(c); return (d.user + d.system) / 1000; };
for (let i=0;i<3;i++){cpu(on);cpu(off);}
const a=[],b=[]; for (let i=0;i<15;i++){a.push(cpu(on)); b.push(cpu(off));}
a.sort((x,y)=>x-y); b.sort((x,y)=>x-y); console.log('on', a[7].toFixed(1), 'off', b[7].toFixed(1), 'diff', (a[7]-b[7]).toFixed(1));
console.log('kinds on', on.kinds.size, 'off', off.kinds.size);
