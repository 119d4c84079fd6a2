import * as assert from 'node:assert/strict';
import { runtimeSocketIn } from '.';
import { normalizeHostPath } from '../_lib/volumes';

describe('docker-socket-mount: host paths', () => {
  it('normalises like the node would', () => {
    assert.equal(normalizeHostPath('//var/./run/'), '/var/run');
    assert.equal(normalizeHostPath('/var/lib/../run/docker.sock'), '/var/run/docker.sock');
    assert.equal(normalizeHostPath('/'), '/');
  });
  const hits: Array<[string, string]> = [
    ['/var/run/docker.sock', '/var/run/docker.sock'],
    ['/custom/place/docker.sock', '/custom/place/docker.sock'],
    ['/run/containerd/containerd.sock.ttrpc', '/run/containerd/containerd.sock.ttrpc'],
    ['/var/run', '/var/run/docker.sock'],
    ['/run/crio/', '/run/crio/crio.sock'],
    ['/', '/var/run/docker.sock'],
  ];
  for (const [path, socket] of hits) it(`${path} exposes ${socket}`, () => assert.equal(runtimeSocketIn(path), socket));
  for (const path of ['/var/lib/docker', '/var/log', '/run-docker', '/var/run/docker.sock.bak', '/etc/containerd']) {
    it(`${path} exposes no socket`, () => assert.equal(runtimeSocketIn(path), undefined));
  }
});
