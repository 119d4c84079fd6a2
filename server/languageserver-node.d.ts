// tsconfig uses moduleResolution "node", which ignores package.json "exports"; vscode-languageserver 11 and the
// packages under it publish their entry points only there. These declarations map each public specifier to the
// declarations "exports" names, for the type checker only; esbuild resolves the real modules through "exports".
// (The client has the same mapping for its packages; moduleResolution "node16" would make both unnecessary.)
declare module 'vscode-languageserver' {
  export * from 'vscode-languageserver/lib/common/api';
}
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}
declare module 'vscode-languageserver-protocol' {
  export * from 'vscode-languageserver-protocol/lib/common/api';
}
declare module 'vscode-languageserver-protocol/node' {
  export * from 'vscode-languageserver-protocol/lib/node/main';
}
declare module 'vscode-jsonrpc' {
  export * from 'vscode-jsonrpc/lib/common/api';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
