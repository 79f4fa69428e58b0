// Run by bench/cases/bundle.ts in a fresh Node process (plain CommonJS, no tsx, so nothing but the
// bundle is timed). Usage: node require-probe.cjs <module path> [--activate]
// Prints one JSON line: { requireMs, activateMs?, activateError?, clusterModules, modules }.
// `vscode` is served by a stub (Module._resolveFilename redirect, as the research notes describe): a
// recursive Proxy where every property is callable and constructible, so activation runs its real code.
/* global require, process, setTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS on purpose: no loader in the timing */
'use strict';
const Module = require('node:module');
const path = require('node:path');

const [target, ...flags] = process.argv.slice(2);

const loggedErrors = [];

function stub(name) {
  const fixed = {
    then: undefined, // not a thenable: `await stub` must resolve to the stub itself
    workspaceFolders: undefined,
    textDocuments: [],
    visibleTextEditors: [],
    activeTextEditor: undefined,
    isTrusted: true,
    length: 0,
    [Symbol.iterator]: function* () {},
    [Symbol.toPrimitive]: () => '',
    toString: () => name,
  };
  const fn = function () {};
  const assigned = new Map();
  return new Proxy(fn, {
    set(_t, key, value) {
      assigned.set(key, value);
      return true;
    },
    get(_t, key) {
      if (assigned.has(key)) return assigned.get(key);
      if (key in fixed) return fixed[key];
      if (key === 'prototype') return fn.prototype;
      return stub(`${name}.${String(key)}`);
    },
    apply: (_t, _this, args) => {
      // the extension logs a feature that failed to start through its LogOutputChannel's error()
      if (name.endsWith('.error')) loggedErrors.push(String(args[0]).split('\n')[0]);
      return stub(`${name}()`);
    },
    construct: () => stub(`new ${name}`),
  });
}

// esbuild's `import * as vscode` copies the module's own enumerable names, so the top level lists
// every name @types/vscode declares.
function apiNames() {
  try {
    const dts = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
    return [...new Set([...dts.matchAll(/^(?:\t| {4})export (?:class|enum|namespace|function|const|let|var) (\w+)/gm)].map((m) => m[1]))];
  } catch {
    return [];
  }
}
const names = apiNames();
const vscodeStub = new Proxy({}, {
  get: (_t, key) => (key === 'then' ? undefined : stub(`vscode.${String(key)}`)),
  ownKeys: () => names,
  getOwnPropertyDescriptor: (_t, key) => ({ configurable: true, enumerable: true, writable: false, value: stub(`vscode.${String(key)}`) }),
});
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode-stub' : resolve.call(this, request, ...rest);
};
require.cache['vscode-stub'] = { id: 'vscode-stub', filename: 'vscode-stub', loaded: true, exports: vscodeStub };

const isClusterSide = (file) => /[\\/]cluster\.js$|@kubernetes[\\/]client-node|[\\/]undici[\\/]/.test(file);

async function main() {
  const t0 = process.hrtime.bigint();
  const mod = require(path.resolve(target));
  const requireMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const out = { requireMs };
  if (flags.includes('--activate') && typeof mod.activate === 'function') {
    const context = { subscriptions: [], extensionPath: path.dirname(path.resolve(target)), extensionUri: vscodeStub, globalState: vscodeStub, workspaceState: vscodeStub, secrets: vscodeStub, extensionMode: 1, environmentVariableCollection: vscodeStub, asAbsolutePath: (p) => p, logUri: vscodeStub, storageUri: undefined, globalStorageUri: vscodeStub };
    const t1 = process.hrtime.bigint();
    try {
      await mod.activate(context);
    } catch (e) {
      out.activateError = String((e && e.message) || e);
    }
    out.activateMs = Number(process.hrtime.bigint() - t1) / 1e6;
    await new Promise((r) => setTimeout(r, 300)); // anything activation started in the background
  }
  const files = Object.keys(require.cache);
  out.loggedErrors = loggedErrors;
  out.modules = files.length;
  out.clusterModules = files.filter(isClusterSide);
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String((e && e.stack) || e) }) + '\n');
  process.exit(1);
});
