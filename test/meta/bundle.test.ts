import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

describe('bundles', () => {
  for (const name of ['cli.js', 'server.js']) {
    it(`${name} calls the yaml package's functions directly, not through esbuild's interop getters`, () => {
      const text = readFileSync(join(ROOT, 'dist', name), 'utf8');
      // what a plain `import { isScalar } from 'yaml'` would bundle to: a getter call on every use
      assert.deepEqual(text.match(/\bimport_yaml\d*\.\w+/g) ?? [], []);
      // the shim that replaces it, read once when the bundle loads
      assert.match(text, /\nvar isScalar\d* = Y\d*\.isScalar;\n/);
      assert.match(text, /\nvar Composer\d* = Y\d*\.Composer;\n/);
    });
  }
});
