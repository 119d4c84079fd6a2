// tsconfig uses moduleResolution "node", which ignores package.json "exports". vscode-languageclient 11 and
// the packages under it publish their entry points only there, so the type checker cannot find them. These
// declarations map each public specifier to the declarations "exports" names; at run time esbuild resolves
// the real modules through "exports" itself. (moduleResolution "node16" would make this file unnecessary.)
declare module 'vscode-languageclient' {
  export * from 'vscode-languageclient/lib/common/api';
}
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
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
