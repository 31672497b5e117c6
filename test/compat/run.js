#!/usr/bin/env node
'use strict';
/**
 * `npm run test:compat`: the compatibility tier. For every n8n line the package claims — the oldest supported
 * (latest 1.x) and the one the e2e tier uses — installs that n8n into the cache once (keyed by version), builds and
 * packs the package, installs the tarball as a community package and runs test/compat/tier.js against it.
 * Prints install and tier time per version; exits non-zero if any version failed.
 *   OUTBOUND_COMPAT_VERSIONS=1.123.81,2.40.7   versions to test (default below)
 *   OUTBOUND_SKIP_BUILD=1                     use the existing dist/ (CI builds in its own tier)
 * Runs under Node 24 (test/tools/node24.js); n8n 1.123 declares node ">=20.19 <= 24.x" and runs on it.
 */
const { spawnSync } = require('child_process');
const path = require('path');
const { node24Env } = require('../tools/node24');
const { ensureN8n, buildPackage, fmtSecs } = require('../tools/n8n-instance');
const { ROOT } = require('../tools/vendors');

/** Oldest supported (latest 1.x; 1.123.81 is the newest 1.123 on the registry) and the e2e tier's version. */
const DEFAULT_VERSIONS = ['1.123.81', '2.40.7'];
const versions = (process.env.OUTBOUND_COMPAT_VERSIONS || DEFAULT_VERSIONS.join(','))
	.split(',')
	.map((v) => v.trim())
	.filter(Boolean);
const log = (m) => process.stdout.write(`[compat] ${m}\n`);

async function main() {
	const results = [];
	const t0 = Date.now();
	// Installs first (each version once per machine), so a broken install is reported before any test runs.
	const installs = {};
	for (const version of versions) {
		const s = Date.now();
		try {
			const r = await ensureN8n({ version, log: (m) => log(m) });
			installs[version] = { ok: true, ms: r.installedMs, wallMs: Date.now() - s };
		} catch (e) {
			log(`!! n8n ${version} could not be installed: ${e.message}`);
			installs[version] = { ok: false, ms: Date.now() - s };
		}
	}
	if (!process.env.OUTBOUND_SKIP_BUILD) buildPackage({ log });

	for (const version of versions) {
		if (!installs[version].ok) {
			results.push({ version, ok: false, tierMs: 0, note: 'install failed' });
			continue;
		}
		log(`=== n8n ${version} ===`);
		const s = Date.now();
		const r = spawnSync(process.execPath, ['--test-reporter=spec', path.join(__dirname, 'tier.js')], {
			cwd: ROOT,
			stdio: 'inherit',
			env: node24Env({ ...process.env, OUTBOUND_N8N_VERSION: version, OUTBOUND_SKIP_BUILD: '1' }),
		});
		results.push({ version, ok: r.status === 0, tierMs: Date.now() - s });
	}

	log('=== compatibility summary ===');
	for (const r of results) {
		const inst = installs[r.version];
		const installText = !inst.ok ? 'install FAILED' : inst.ms ? `installed in ${fmtSecs(inst.ms)}` : 'cached';
		log(`  n8n ${r.version.padEnd(9)} ${installText.padEnd(22)} tier ${fmtSecs(r.tierMs).padStart(8)}  ${r.ok ? 'passed' : `FAILED${r.note ? ` (${r.note})` : ''}`}`);
	}
	log(`total ${fmtSecs(Date.now() - t0)}`);
	return results.every((r) => r.ok);
}

main().then(
	(ok) => process.exit(ok ? 0 : 1),
	(e) => {
		process.stderr.write(`[compat] ${e.stack || e.message}\n`);
		process.exit(1);
	},
);
