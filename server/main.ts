import { isMainThread, workerData } from 'node:worker_threads';
import { IPCMessageReader, IPCMessageWriter, ProposedFeatures, createConnection, type Connection } from 'vscode-languageserver/node';
import { runScanWorker } from './scan-worker';
import { KubehexServer } from './server';

export { KubehexServer } from './server';

/**
 * Starts the kubehex language server on this process. `stdio` and `ipc` pick the transport; without
 * one, the command line decides (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`), as editors
 * pass it.
 */
export function startServer(connectionKind?: 'stdio' | 'ipc'): Connection {
  let connection: Connection;
  if (connectionKind === 'stdio') {
    // stdout carries the protocol: nothing else may write there
    const toErr = (...args: unknown[]) => { process.stderr.write(args.map(String).join(' ') + '\n'); };
    console.log = console.info = console.debug = toErr;
    connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  } else if (connectionKind === 'ipc') {
    connection = createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process));
  } else {
    connection = createConnection(ProposedFeatures.all);
  }
  new KubehexServer(connection).listen();
  return connection;
}

const isScanWorker = !isMainThread && (workerData as { kubehexScanWorker?: boolean } | null)?.kubehexScanWorker === true;
if (isScanWorker) {
  runScanWorker();
} else if (isMainThread && typeof require !== 'undefined' && require.main === module && /[\\/](server|main)(\.js)?$/.test(process.argv[1] ?? '')) {
  // `node dist/server.js --stdio` (or `--node-ipc`, as VS Code starts it)
  startServer();
}
