#!/usr/bin/env node
'use strict';
// The CLI entry: the real code is bundled into dist/cli.js by `npm run build`.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('tensorlint: dist/cli.js is missing; run `npm run build` first\n');
  process.exitCode = 2;
} else {
  require(bundle).main(process.argv.slice(2));
}
