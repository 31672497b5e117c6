#!/usr/bin/env node
'use strict';
// Installs n8n into the cache once per version, with progress; a no-op when cached.
// Versions: the arguments, else OUTBOUND_N8N_VERSION, else the e2e tier's 2.40.7 (n8n-instance.js).
// Run under Node 24: node test/tools/node24.js node test/tools/provision-n8n.js [1.123.81 2.40.7]
const { ensureN8n, N8N_VERSION } = require('./n8n-instance');

const versions = process.argv.slice(2).length ? process.argv.slice(2) : [N8N_VERSION];

(async () => {
	for (const version of versions) await ensureN8n({ version, log: (m) => process.stdout.write(`[n8n] ${m}\n`) });
})().catch((e) => {
	process.stderr.write(`[n8n] ${e.message}\n`);
	process.exit(1);
});
