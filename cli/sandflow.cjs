#!/usr/bin/env node
// The installed `sandflow` command: the CLI is TypeScript, run through tsx (a dependency).
require('tsx/cjs');
require('./main.ts');
