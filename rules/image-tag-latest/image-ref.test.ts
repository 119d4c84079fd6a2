import * as assert from 'node:assert/strict';
import { isValidDigest, parseImage } from '../_lib/image';

const D = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('rules/_lib/image: parseImage', () => {
  const cases: Array<[string, ReturnType<typeof parseImage>]> = [
    ['nginx', { raw: 'nginx', registry: undefined, repository: 'nginx', tag: undefined, digest: undefined }],
    ['library/nginx:1.27', { raw: 'library/nginx:1.27', registry: undefined, repository: 'library/nginx', tag: '1.27', digest: undefined }],
    ['registry:5000/app', { raw: 'registry:5000/app', registry: 'registry:5000', repository: 'app', tag: undefined, digest: undefined }],
    ['localhost/app:v1', { raw: 'localhost/app:v1', registry: 'localhost', repository: 'app', tag: 'v1', digest: undefined }],
    ['ghcr.io/org/team/app:2.0-rc.1', { raw: 'ghcr.io/org/team/app:2.0-rc.1', registry: 'ghcr.io', repository: 'org/team/app', tag: '2.0-rc.1', digest: undefined }],
    [`app@${D}`, { raw: `app@${D}`, registry: undefined, repository: 'app', tag: undefined, digest: D }],
    [`[::1]:5000/app:latest@${D}`, { raw: `[::1]:5000/app:latest@${D}`, registry: '[::1]:5000', repository: 'app', tag: 'latest', digest: D }],
    ['  nginx:1.27  ', { raw: 'nginx:1.27', registry: undefined, repository: 'nginx', tag: '1.27', digest: undefined }],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.deepEqual(parseImage(input), expected));
  }
  it('rejects what no runtime would pull: placeholders, upper-case repositories, bad tags', () => {
    for (const bad of ['${IMAGE}', '<your-image>', '{{ .Values.image }}', 'MyApp:1.0', 'app:-tag', 'app:', 'reg_istry.io:5000/app', 'a//b']) {
      assert.equal(parseImage(bad), undefined, bad);
    }
  });
  it('rejects empty and space-separated references', () => {
    assert.equal(parseImage(''), undefined);
    assert.equal(parseImage('   '), undefined);
    assert.equal(parseImage('nginx 1.27'), undefined);
    assert.equal(parseImage(':1.0'), undefined);
  });
});

describe('rules/_lib/image: isValidDigest', () => {
  it('accepts well-formed digests', () => {
    assert.ok(isValidDigest(D));
    assert.ok(isValidDigest(`sha512:${'ab'.repeat(64)}`));
    assert.ok(isValidDigest(`blake3:${'0'.repeat(64)}`));
  });
  it('rejects truncated, upper-case and algorithm-less digests', () => {
    assert.ok(!isValidDigest('sha256:0123abcd'));
    assert.ok(!isValidDigest(D.toUpperCase()));
    assert.ok(!isValidDigest(D.slice('sha256:'.length)));
    assert.ok(!isValidDigest(`sha256:${'g'.repeat(64)}`));
  });
});
