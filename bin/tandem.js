#!/usr/bin/env node
// The `tandem` command: a thin launcher for the bundled CLI (see src/cli).
require('../dist/cli.js');
