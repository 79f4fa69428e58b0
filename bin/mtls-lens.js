#!/usr/bin/env node
// The `mtls-lens` command. The code lives in dist/cli.js (npm run build).
require('../dist/cli.js');
