#!/usr/bin/env node
'use strict';
/**
 * `npm start`: a local n8n with this package installed the way users get it, the vendor simulators, demo
 * credentials and the example workflows. Ctrl-C stops everything.
 *
 * Environment (all optional, see /work/brief/readme-n8n.md):
 *   N8N_PORT=5678                   editor/webhook port of the sandbox n8n
 *   OUTBOUND_SANDBOX_DIR=./.n8n-sandbox   n8n user folder (delete it for a fresh instance)
 *   OUTBOUND_NO_SIMULATORS=1        do not start the simulators nor import their demo credentials
 *   OUTBOUND_CREDENTIALS_FILE=f.json  your own credentials to import: { "talkoverApi": { ...fields }, ... }
 *   OUTBOUND_N8N_URL=http://host:5678 + OUTBOUND_N8N_API_KEY  use your own running n8n: only build + pack, then create
 *                                   credentials and example workflows there through its public API
 *   OUTBOUND_SKIP_BUILD=1           reuse dist/ as is
 *   OUTBOUND_REIMPORT_EXAMPLES=1    re-import every example workflow (overwrites your edits of them)
 *   OUTBOUND_N8N_EMAIL / OUTBOUND_N8N_PASSWORD   owner login (default owner@example.com / Sandbox-Pass-1)
 *   TALKDESK_SIM_PORT / QVOICE_SIM_PORT / TALKOVER_SIM_PORT   simulator ports (4010/4020/4030)
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const inst = require('../tools/n8n-instance');
const { ROOT, inventory, VENDORS } = require('../tools/vendors');
const { startSimulators, printSummary } = require('../simulators/cli');

const log = (m) => process.stdout.write(`[sandbox] ${m}\n`);
const warn = (m) => process.stdout.write(`[sandbox] !! ${m}\n`);
const truthy = (v) => !!v && !['0', 'false', 'no', ''].includes(String(v).toLowerCase());

const cleanup = [];
let stopping = false;
async function stopAll(code = 0) {
	if (stopping) return;
	stopping = true;
	log('stopping...');
	for (const fn of cleanup.reverse()) {
		try {
			await fn();
		} catch (e) {
			warn(`cleanup: ${e.message}`);
		}
	}
	log('stopped; nothing left running.');
	process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stopAll(sig === 'SIGINT' ? 0 : 1));

function loadUserCredentials() {
	const file = process.env.OUTBOUND_CREDENTIALS_FILE;
	if (!file) return {};
	const data = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
	log(`using your credentials from ${file} for: ${Object.keys(data).join(', ')}`);
	return data;
}

/** Credential records to import: simulator demo credentials, overridden by the user's own. */
function credentialRecords(simResult, builtCreds) {
	const own = loadUserCredentials();
	const records = [];
	for (const v of VENDORS) {
		if (!builtCreds.includes(v.credentialType)) continue;
		const sim = simResult && simResult.running.find((r) => r.vendor.key === v.key);
		const data = own[v.credentialType] || (sim && sim.credentials);
		if (!data) continue;
		const name = own[v.credentialType] ? `${v.label} (yours)` : v.credentialName;
		records.push({ id: v.credentialId, name, type: v.credentialType, data, vendor: v });
	}
	return records;
}

/** Example workflows whose package nodes are all built; the others are skipped loudly. */
function usableExamples(builtNodes) {
	const out = [];
	for (const ex of inst.exampleWorkflows()) {
		const missing = inst.packageTypesIn(ex.json).filter((t) => !builtNodes.includes(t));
		if (missing.length) {
			warn(`example ${ex.file} skipped: node(s) ${[...new Set(missing)].join(', ')} not built yet`);
			continue;
		}
		out.push({ ...ex, id: inst.workflowIdFor(ex.file), hash: crypto.createHash('sha1').update(JSON.stringify(ex.json)).digest('hex') });
	}
	return out;
}

async function useExternalN8n(builtCreds, builtNodes, simResult) {
	const url = process.env.OUTBOUND_N8N_URL;
	const key = process.env.OUTBOUND_N8N_API_KEY;
	const tarball = inst.packPackage(path.join(ROOT, '.n8n-sandbox', 'pack'), { log });
	log(`your n8n: ${url}. Install the package there yourself, e.g. in <N8N_USER_FOLDER>/.n8n/nodes:`);
	log(`  npm install --omit=peer --ignore-scripts ${tarball}   (then restart n8n)`);
	if (!key) {
		warn('OUTBOUND_N8N_API_KEY not set: not creating credentials or example workflows there (Settings → n8n API → Create an API key).');
		return;
	}
	const client = new inst.N8nClient(url);
	client.apiKey = key;
	const idMap = {};
	for (const c of credentialRecords(simResult, builtCreds)) {
		const r = await client.request('POST', '/api/v1/credentials', { name: c.name, type: c.type, data: c.data });
		idMap[c.vendor.credentialId] = r.body.id;
		log(`created credential "${c.name}" (${c.type}) id ${r.body.id}`);
	}
	for (const ex of usableExamples(builtNodes)) {
		const wf = JSON.parse(JSON.stringify(ex.json));
		for (const n of wf.nodes) for (const ref of Object.values(n.credentials || {})) if (idMap[ref.id]) ref.id = idMap[ref.id];
		const body = { name: wf.name, nodes: wf.nodes, connections: wf.connections, settings: wf.settings || { executionOrder: 'v1' } };
		const r = await client.request('POST', '/api/v1/workflows', body);
		log(`created workflow "${wf.name}" id ${r.body.id}`);
	}
}

async function main() {
	const t0 = Date.now();
	const port = Number(process.env.N8N_PORT || 5678);
	const userFolder = path.resolve(process.env.OUTBOUND_SANDBOX_DIR || path.join(ROOT, '.n8n-sandbox'));

	for (const v of inventory()) {
		const missing = [!v.hasSimulator && 'simulator', !v.hasCredential && 'credential', ...v.missingNodes.map((n) => n.name)].filter(Boolean);
		if (missing.length) warn(`${v.label}: not complete in this checkout (missing: ${missing.join(', ')}) — skipping those parts`);
	}

	if (truthy(process.env.OUTBOUND_SKIP_BUILD)) log('OUTBOUND_SKIP_BUILD: using dist/ as is');
	else inst.buildPackage({ log });
	const builtNodes = inst.builtNodeNames();
	const builtCreds = inst.builtCredentialNames();
	log(`built nodes: ${builtNodes.join(', ') || '(none)'}; credentials: ${builtCreds.join(', ') || '(none)'}`);

	let sims = null;
	if (truthy(process.env.OUTBOUND_NO_SIMULATORS)) log('OUTBOUND_NO_SIMULATORS: simulators not started');
	else {
		sims = await startSimulators({ log: warn });
		cleanup.push(() => sims.stop());
		log(`simulators: ${sims.running.map((r) => `${r.vendor.label} ${r.url}`).join(', ') || '(none available)'}`);
	}

	if (process.env.OUTBOUND_N8N_URL) {
		await useExternalN8n(builtCreds, builtNodes, sims);
		if (!sims || !sims.running.length) return stopAll(0);
		printSummary(sims, (s) => process.stdout.write(s + '\n'));
		log('simulators keep running for your n8n. Ctrl-C stops them.');
		return;
	}

	await inst.ensureN8n({ log });
	fs.mkdirSync(userFolder, { recursive: true });
	const tarball = inst.packPackage(path.join(userFolder, 'pack'), { log });
	inst.installPackage(userFolder, tarball, { log });

	const creds = credentialRecords(sims, builtCreds);
	if (creds.length) {
		const t = Date.now();
		inst.importCredentials(userFolder, creds.map(({ vendor, ...c }) => c));
		log(`imported credentials ${creds.map((c) => `"${c.name}"`).join(', ')} (${inst.fmtSecs(Date.now() - t)})`);
	}

	const stateFile = path.join(userFolder, 'examples-imported.json');
	const state = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
	const examples = usableExamples(builtNodes).filter((ex) => truthy(process.env.OUTBOUND_REIMPORT_EXAMPLES) || state[ex.file] !== ex.hash);
	if (examples.length) {
		const t = Date.now();
		inst.importWorkflows(userFolder, examples.map((ex) => ({ ...ex.json, id: ex.id, active: false })));
		for (const ex of examples) state[ex.file] = ex.hash;
		fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
		log(`imported example workflows: ${examples.map((e) => e.json.name).join('; ')} (${inst.fmtSecs(Date.now() - t)})`);
	} else if (Object.keys(state).length) log('example workflows already imported (OUTBOUND_REIMPORT_EXAMPLES=1 to overwrite)');
	else log('no example workflow to import');

	const n8n = await inst.startN8n({ userFolder, port, host: 'localhost', env: { N8N_LISTEN_ADDRESS: process.env.N8N_LISTEN_ADDRESS || '0.0.0.0' }, log });
	cleanup.push(() => n8n.stop());
	const client = new inst.N8nClient(n8n.url);
	let owner;
	try {
		owner = await client.ensureOwner();
	} catch (e) {
		warn(`could not log in as ${inst.OWNER.email}: ${e.message}. Set OUTBOUND_N8N_EMAIL/OUTBOUND_N8N_PASSWORD to the owner you created, or delete ${userFolder}.`);
	}

	if (sims && sims.running.length) printSummary(sims, (s) => process.stdout.write(s + '\n'));
	const line = '─'.repeat(64);
	process.stdout.write(`\n${line}\n`);
	process.stdout.write(`  n8n editor:  ${n8n.url}/\n`);
	process.stdout.write(`  login:       ${inst.OWNER.email}\n`);
	process.stdout.write(`  password:    ${inst.OWNER.password}${owner && owner.created ? '   (owner created now)' : ''}\n`);
	process.stdout.write(`  user folder: ${userFolder}   (n8n log: ${n8n.logFile})\n`);
	process.stdout.write(`  ready after ${inst.fmtSecs(Date.now() - t0)}. Ctrl-C stops n8n and the simulators.\n`);
	process.stdout.write(`${line}\n`);

	const watch = setInterval(() => {
		if (!n8n.isRunning()) {
			clearInterval(watch);
			warn(`n8n stopped by itself; see ${n8n.logFile}`);
			stopAll(1);
		}
	}, 1000);
	cleanup.push(() => clearInterval(watch));
}

main().catch((e) => {
	process.stderr.write(`[sandbox] failed: ${e.stack || e.message}\n`);
	stopAll(1);
});

