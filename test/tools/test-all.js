#!/usr/bin/env node
'use strict';
// `npm test`: every tier, in order, with the time each took — unit + engine tests (jest), n8n provisioning
// (first run only), then the real-n8n e2e tier with the browser check. Exits non-zero if any tier failed.
// Quick loop while developing: `npm run test:unit`, or `npm test -- test/talkdesk` for one folder.
const { spawnSync } = require('child_process');
const path = require('path');
const { node24Env } = require('./node24');

const root = path.join(__dirname, '..', '..');
const env = node24Env();
const node = process.execPath;
const tiers = [
	['unit + engine tests', [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js')]],
	['n8n provisioning', [path.join(__dirname, 'provision-n8n.js')]],
	['e2e: real n8n + browser', [path.join(root, 'test', 'e2e', 'run.js')]],
];

// `npm test -- <jest arguments>` (e.g. a folder) runs just those unit/engine tests, as a focused loop.
const jestArgs = process.argv.slice(2);
if (jestArgs.length) {
	const r = spawnSync(node, [tiers[0][1][0], ...jestArgs], { stdio: 'inherit', env, cwd: root });
	process.exit(r.status === null ? 1 : r.status);
}

const results = [];
for (const [name, args] of tiers) {
	process.stdout.write(`\n=== ${name} ===\n`);
	const t0 = Date.now();
	const r = spawnSync(node, args, { stdio: 'inherit', env, cwd: root });
	const ok = r.status === 0;
	results.push({ name, seconds: (Date.now() - t0) / 1000, ok });
	// Without n8n the e2e tier cannot run; the unit tier failing does not stop the others.
	if (!ok && name === 'n8n provisioning') break;
}
process.stdout.write('\n=== npm test summary ===\n');
for (const r of results) process.stdout.write(`  ${r.name.padEnd(28)} ${r.seconds.toFixed(1).padStart(7)} s  ${r.ok ? 'ok' : 'FAILED'}\n`);
const failed = results.filter((r) => !r.ok).length + (tiers.length - results.length);
process.stdout.write(`tiers: ${results.filter((r) => r.ok).length} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
