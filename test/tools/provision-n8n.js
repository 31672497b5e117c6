#!/usr/bin/env node
'use strict';
// Installs n8n (version pinned in n8n-instance.js) into the cache once, with progress; a no-op when cached.
// Run under Node 24: node test/tools/node24.js node test/tools/provision-n8n.js
const { ensureN8n } = require('./n8n-instance');

ensureN8n({ log: (m) => process.stdout.write(`[n8n] ${m}\n`) }).catch((e) => {
	process.stderr.write(`[n8n] ${e.message}\n`);
	process.exit(1);
});
