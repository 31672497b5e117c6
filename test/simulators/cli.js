#!/usr/bin/env node
'use strict';
/**
 * Starts every available vendor simulator in one process on fixed ports and prints their URLs and the demo
 * (simulator-only) credentials to paste into n8n. Ctrl-C stops them.
 *
 *   npm run simulators
 *   TALKDESK_SIM_PORT=4010 QVOICE_SIM_PORT=4020 TALKOVER_SIM_PORT=4030 SIM_HOST=127.0.0.1 npm run simulators
 *
 * Also used in-process by the sandbox (`npm start`) and the real-n8n e2e tier via startSimulators().
 */
const path = require('path');
const { VENDORS, ROOT } = require('../tools/vendors');

/**
 * @param {object} [o]
 * @param {boolean} [o.ephemeral] port 0 for every simulator (tests)
 * @param {string} [o.host]
 * @param {(msg:string)=>void} [o.log]
 * @returns {Promise<{ running: Array<{vendor, sim, url, credentials}>, skipped: Array<{vendor, reason}>, stop: Function }>}
 */
async function startSimulators({ ephemeral = false, host = process.env.SIM_HOST || '127.0.0.1', log = () => {} } = {}) {
	const running = [];
	const skipped = [];
	for (const vendor of VENDORS) {
		const file = path.join(ROOT, vendor.simulator);
		let mod;
		try {
			mod = require(file);
		} catch (e) {
			const reason = e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(file) ? `${vendor.simulator} not found` : `${vendor.simulator} failed to load: ${e.message}`;
			skipped.push({ vendor, reason });
			log(`!! ${vendor.label}: SKIPPED (${reason})`);
			continue;
		}
		if (typeof mod.create !== 'function' || typeof mod.demoCredentials !== 'function') {
			const reason = `${vendor.simulator} does not export create() and demoCredentials()`;
			skipped.push({ vendor, reason });
			log(`!! ${vendor.label}: SKIPPED (${reason})`);
			continue;
		}
		const port = ephemeral ? 0 : Number(process.env[vendor.portEnv] || vendor.defaultPort);
		const sim = mod.create();
		let url;
		try {
			url = await sim.start({ port, host });
		} catch (e) {
			await Promise.all(running.map((r) => r.sim.stop()));
			throw new Error(`${vendor.label} simulator could not listen on ${host}:${port} (${e.code || e.message}); set ${vendor.portEnv} to a free port`);
		}
		running.push({ vendor, sim, url, credentials: mod.demoCredentials(url), module: mod });
	}
	let stopped = false;
	return {
		running,
		skipped,
		async stop() {
			if (stopped) return;
			stopped = true;
			await Promise.all(running.map((r) => r.sim.stop().catch(() => {})));
		},
	};
}

function printSummary(result, out = (s) => process.stdout.write(s + '\n')) {
	for (const r of result.running) {
		out(`\n${r.vendor.label} simulator: ${r.url}`);
		out(`  n8n credential type: ${r.vendor.credentialType}  (demo values, work only against this simulator)`);
		for (const [k, v] of Object.entries(r.credentials)) out(`    ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
		out(`  control: GET ${r.url}/__sim/ledger · POST ${r.url}/__sim/faults · POST ${r.url}/__sim/action`);
	}
}

module.exports = { startSimulators, printSummary };

if (require.main === module) {
	(async () => {
		const result = await startSimulators({ log: (m) => process.stderr.write(m + '\n') });
		if (!result.running.length) {
			process.stderr.write('No vendor simulator is available yet (test/simulators/<vendor>.js).\n');
			process.exit(1);
		}
		printSummary(result);
		process.stdout.write('\nSimulators running. Ctrl-C stops them.\n');
		let stopping = false;
		const stop = async (sig) => {
			if (stopping) return;
			stopping = true;
			process.stdout.write(`\n${sig}: stopping simulators...\n`);
			await result.stop();
			process.exit(0);
		};
		for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));
	})().catch((e) => {
		process.stderr.write(`simulators: ${e.message}\n`);
		process.exit(1);
	});
}
