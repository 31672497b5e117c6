'use strict';
/**
 * One real n8n for the whole e2e tier: build, pack and install the package as users get it, start the vendor
 * simulators in this process (so checks read their ledgers directly), import the demo credentials and the example
 * workflows with the CLI, start n8n on a free port, create the owner and a public-API key.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const inst = require('../tools/n8n-instance');
const { inventory, VENDORS, nodeType } = require('../tools/vendors');
const { startSimulators } = require('../simulators/cli');

const log = (m) => process.stdout.write(`[e2e] ${m}\n`);

/** Sets everything up; if a step fails, what was already started is stopped before the error is rethrown. */
async function setupEnvironment() {
	const started = [];
	try {
		return await setup(started);
	} catch (e) {
		log(`!! environment setup failed: ${e.stack || e.message}`);
		for (const stop of started.reverse()) await stop().catch(() => {});
		throw e;
	}
}

async function setup(started) {
	const timings = {};
	const t0 = Date.now();
	const inv = inventory();
	for (const v of inv) {
		const missing = [!v.hasSimulator && 'simulator', !v.hasCredential && 'credential', ...v.missingNodes.map((n) => n.name)].filter(Boolean);
		if (missing.length) log(`!! ${v.label}: missing in this checkout: ${missing.join(', ')} — those checks are SKIPPED`);
	}
	const prov = await inst.ensureN8n({ log });
	timings.n8nInstall = prov.installedMs;
	if (!process.env.OUTBOUND_SKIP_BUILD) {
		const tb = Date.now();
		inst.buildPackage({ log });
		timings.build = Date.now() - tb;
	}
	const builtNodes = inst.builtNodeNames();
	const builtCreds = inst.builtCredentialNames();
	log(`built nodes: ${builtNodes.join(', ') || '(none)'}; credentials: ${builtCreds.join(', ') || '(none)'}`);

	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-e2e-n8n-'));
	const ti = Date.now();
	const tarball = inst.packPackage(path.join(userFolder, 'pack'), { log });
	inst.installPackage(userFolder, tarball, { log });

	const sims = await startSimulators({ ephemeral: true, log });
	started.push(() => sims.stop());
	const simByKey = Object.fromEntries(sims.running.map((r) => [r.vendor.key, r]));

	// Good demo credential per vendor (fixed ids the example workflows reference).
	const credentials = [];
	for (const v of VENDORS) {
		if (!builtCreds.includes(v.credentialType) || !simByKey[v.key]) continue;
		credentials.push({ id: v.credentialId, name: v.credentialName, type: v.credentialType, data: simByKey[v.key].credentials });
	}
	// And one per vendor with a wrong secret, as a user who mistyped it would create (never used by a workflow).
	const wrongCredentials = credentials.map((c) => {
		const v = VENDORS.find((x) => x.credentialType === c.type);
		return { id: `wrong${v.key}`.padEnd(16, '0').slice(0, 16), name: `${v.label} (wrong ${v.secretField})`, type: c.type, data: { ...c.data, [v.secretField]: `wrong-${v.secretField}-e2e` } };
	});
	if (credentials.length) inst.importCredentials(userFolder, [...credentials, ...wrongCredentials]);

	const examples = [];
	for (const ex of inst.exampleWorkflows()) {
		const missing = [...new Set(inst.packageTypesIn(ex.json).filter((t) => !builtNodes.includes(t)))];
		const missingCreds = ex.json.nodes.flatMap((n) => Object.keys(n.credentials || {})).filter((c) => !credentials.some((x) => x.type === c));
		examples.push({ ...ex, id: inst.workflowIdFor(ex.file), missing: [...missing, ...missingCreds] });
	}
	const importable = examples.filter((e) => !e.missing.length);
	if (importable.length) inst.importWorkflows(userFolder, importable.map((e) => ({ ...e.json, id: e.id, active: false })));
	timings.installAndImport = Date.now() - ti;

	const port = Number(process.env.OUTBOUND_E2E_PORT || 0) || (await inst.freePort());
	const n8n = await inst.startN8n({ userFolder, port, host: '127.0.0.1', log, env: { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info' } });
	started.push(() => n8n.stop());
	timings.n8nStart = n8n.startMs;
	const client = new inst.N8nClient(n8n.url);
	await client.ensureOwner();
	await client.createApiKey('e2e');
	timings.setup = Date.now() - t0;
	log(`environment ready in ${inst.fmtSecs(timings.setup)} (n8n ${n8n.url}, folder ${userFolder})`);

	return {
		n8n,
		client,
		sims,
		simByKey,
		inventory: inv,
		builtNodes,
		builtCreds,
		credentials,
		wrongCredentials,
		examples,
		userFolder,
		timings,
		nodeType,
		log,
		async teardown() {
			await n8n.stop();
			await sims.stop();
			if (!process.env.OUTBOUND_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
			else log(`kept ${userFolder}`);
		},
	};
}

/** Polls fn until it returns a truthy value or the time is up (then throws with the last value described). */
async function waitFor(fn, { timeoutMs = 60000, intervalMs = 500, what = 'condition' } = {}) {
	const start = Date.now();
	let last;
	for (;;) {
		last = await fn();
		if (last) return last;
		if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await inst.sleep(intervalMs);
	}
}

/** pollTimes for a trigger polled every 10 s: six fixed-second crons (n8n refuses sub-minute single crons). */
function pollEvery10s() {
	return { item: [0, 10, 20, 30, 40, 50].map((s) => ({ mode: 'custom', cronExpression: `${s} * * * * *` })) };
}

/** Output items (json) of a node in a finished execution fetched with includeData. */
function nodeOutput(execution, nodeName) {
	const runs = execution.data && execution.data.resultData && execution.data.resultData.runData && execution.data.resultData.runData[nodeName];
	if (!runs || !runs.length) return null;
	const main = runs[runs.length - 1].data && runs[runs.length - 1].data.main;
	return (main && main[0] ? main[0] : []).map((i) => i.json);
}

module.exports = { setupEnvironment, waitFor, pollEvery10s, nodeOutput };
