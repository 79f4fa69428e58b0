#!/usr/bin/env node
// The `mtls-lens` command. The code lives in dist/cli.js (built by `npm run build`).
const { main } = require('../dist/cli.js');
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`mtls-lens: ${(e && e.stack) || e}\n`);
    process.exit(2);
  },
);
