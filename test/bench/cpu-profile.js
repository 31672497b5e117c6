'use strict';
/**
 * Issue 14.5: where does the n8n main thread spend CPU per created lead in our path, compared with n8n's HTTP helper
 * itself? Runs QVOICE Lead: Add × N (built package in dist/, real n8n-core engine) and, as the reference, a minimal
 * node that only calls `this.helpers.httpRequestWithAuthentication` for each item with the same concurrency, both
 * against the QVOICE simulator running in a child process (so its CPU is not counted here). For each it prints the
 * engine process's CPU ms per lead (process.cpuUsage) and, with --profile, a V8 CPU profile summary: self time by
 * module and the heaviest of our own functions.
 * Usage: npm run build && node test/tools/node24.js node test/bench/cpu-profile.js [--leads 2000] [--latency 20]
 *   [--max-in-flight 10] [--rounds 2] [--profile] [--save-profile DIR]
 *   or: node test/bench/cpu-profile.js --analyse FILE.cpuprofile   (a profile of n8n itself, taken with
 *   BENCH_N8N_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=DIR" npm run bench -- --quick --only 1)
 *   [--from S --to S]: only the samples between S and S seconds after the profile started (one run of the bench;
 *   the printed busy-ms-per-second timeline shows where each run is). n8n runs in one process, so a whole-profile
 *   summary mixes startup, warm-up and every variant.
 */
const fs = require('fs');
const path = require('path');
const inspector = require('inspector');
const { fork } = require('child_process');
const { createHarness } = require('../harness/engine');

const DIST = path.join(__dirname, '..', '..', 'dist');
const OURS = `${DIST}/`;
/** Our package's files: in dist/ here, or installed into n8n's nodes folder by the bench. */
const isOurs = (url) => url.includes(OURS) || url.includes('n8n-nodes-outbound-campaigns/dist/');
const ourPath = (url) => url.split('/dist/').slice(1).join('/dist/');
const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : fallback;
};
const flag = (name) => process.argv.includes(`--${name}`);
const N = Number(arg('leads', '2000'));
const LATENCY = Number(arg('latency', '20'));
const MAX_IN_FLIGHT = Number(arg('max-in-flight', '10'));
const ROUNDS = Number(arg('rounds', '2'));

if (process.argv[2] === '--analyse') {
	// A profile of n8n itself (npm run bench with BENCH_N8N_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=DIR"): self time by
	// package, and the expression runtime's time by the node that asked for the expression (ours, HTTP Request, other).
	const profile = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
	const window = { from: Number(arg('from', '0')), to: Number(arg('to', 'Infinity')) };
	keepWindow(profile, window);
	const summary = summarise(profile);
	console.log(`${(summary.busy / 1000).toFixed(0)} ms busy, of it in our package's own code ${(summary.oursUs / 1000).toFixed(0)} ms; self time by module:`);
	for (const [mod, us] of summary.modules) console.log(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${mod}`);
	console.log('our heaviest functions (self time):');
	for (const [fn, us] of summary.own) console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${fn}`);
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
	const asker = new Map();
	profile.samples.forEach((id, k) => {
		if (!byId.get(id).callFrame.url.includes('@n8n/expression-runtime')) return;
		let who = 'other nodes and the engine';
		for (let x = id; x !== undefined; x = parent.get(x)) {
			const url = byId.get(x).callFrame.url;
			if (isOurs(url)) who = 'our nodes';
			else if (url.includes('/nodes/HttpRequest/')) who = 'HTTP Request node';
		}
		asker.set(who, (asker.get(who) || 0) + (profile.timeDeltas[k] || 0));
	});
	console.log('n8n expression runtime, by the node evaluating the expression:');
	for (const [who, us] of asker) console.log(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${who}`);
} else if (process.argv[2] === '--child') {
	// The simulator process: answers over HTTP, reports its URL and the campaign to add to.
	const qvoice = require('../simulators/qvoice');
	const sim = qvoice.create({ bigCampaignLeads: 5 });
	sim.start().then((url) => {
		sim.setLatency(LATENCY);
		sim.setRateLimit({ maxInFlight: MAX_IN_FLIGHT });
		process.send({ url, campaignId: sim.campaignIds[1], credentials: qvoice.demoCredentials(url) });
	});
	process.on('message', (m) => {
		if (m === 'count') process.send({ count: sim.ledger.filter((e) => /\/lead$/.test(e.path)).length, rateLimited: sim.ledger.filter((e) => e.status === 429).length });
		if (m === 'clear') (sim.clearLedger(), process.send({ cleared: true }));
		if (m === 'stop') sim.stop().then(() => process.exit(0));
	});
} else {
	main().catch((e) => {
		console.error(e);
		process.exitCode = 1;
	});
}

function ask(child, message, key) {
	return new Promise((resolve) => {
		const on = (m) => {
			if (m && key in m) {
				child.off('message', on);
				resolve(m);
			}
		};
		child.on('message', on);
		child.send(message);
	});
}

/** The reference: the item's two expressions and n8n's HTTP helper with the credential's authentication, nothing else, `lanes` at a time. */
function helperOnlyNode(url, campaignId, lanes) {
	return {
		description: {
			displayName: 'Helper Only', name: 'helperOnly', group: ['transform'], version: 1, defaults: { name: 'Helper Only' },
			inputs: ['main'], outputs: ['main'], credentials: [{ name: 'qvoiceApi', required: true }], properties: [],
		},
		async execute() {
			const items = this.getInputData();
			const out = new Array(items.length);
			let next = 0;
			const lane = async () => {
				while (next < items.length) {
					const i = next++;
					// The same two expressions per item as the QVOICE workflow below (phone and first name).
					const number = this.evaluateExpression('={{$json.phone}}', i);
					const firstName = this.evaluateExpression('={{$json.first}}', i);
					for (;;) {
						const r = await this.helpers.httpRequestWithAuthentication.call(this, 'qvoiceApi', {
							method: 'PUT',
							url: `${url}/api/v2/config/campaigns/${campaignId}/lead`,
							body: { number, first_name: firstName },
							json: true,
							returnFullResponse: true,
							ignoreHttpStatusErrors: true,
						});
						if (r.statusCode !== 429) {
							out[i] = { json: { success: true, number }, pairedItem: { item: i } };
							break;
						}
					}
				}
			};
			await Promise.all(Array.from({ length: lanes }, lane));
			return [out];
		},
	};
}

function post(session, method, params) {
	return new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
}

/**
 * Prints busy ms per second of the profile (to find each bench run), then drops the samples outside
 * [from, to] seconds (their time counts as idle), so the summary covers one run.
 */
function keepWindow(profile, { from, to }) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const idle = profile.nodes.find((n) => n.callFrame.functionName === '(idle)');
	const perSecond = new Map();
	let t = 0;
	profile.samples.forEach((id, k) => {
		t += profile.timeDeltas[k] || 0;
		const s = t / 1e6;
		const name = byId.get(id).callFrame.functionName;
		if (name !== '(idle)') perSecond.set(Math.floor(s), (perSecond.get(Math.floor(s)) || 0) + (profile.timeDeltas[k] || 0));
		if ((s < from || s > to) && idle) profile.samples[k] = idle.id;
	});
	console.log(`busy ms per second of the profile (second:ms): ${[...perSecond].map(([s, us]) => `${s}:${(us / 1000).toFixed(0)}`).join(' ')}`);
	if (from > 0 || to < Infinity) console.log(`counting only ${from}–${to} s`);
}

/** Self time per module and per own function from a V8 CPU profile. */
function summarise(profile) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const dt = new Map();
	for (let k = 0; k < profile.samples.length; k++) dt.set(profile.samples[k], (dt.get(profile.samples[k]) || 0) + (profile.timeDeltas[k] || 0));
	const modules = new Map();
	const own = new Map();
	let total = 0;
	let oursUs = 0;
	let idleUs = 0;
	for (const [id, us] of dt) {
		const n = byId.get(id);
		const { url, functionName, lineNumber } = n.callFrame;
		total += us;
		const mod = !url
			? functionName.startsWith('(') ? functionName : '(native)'
			: isOurs(url) ? `ours: ${ourPath(url)}`
			: url.includes('node_modules/') ? url.split('node_modules/').pop().split('/').slice(0, url.split('node_modules/').pop().startsWith('@') ? 2 : 1).join('/')
			: url.startsWith('node:') ? url : url.includes('/test/') ? `test: ${url.split('/test/')[1]}` : url;
		modules.set(mod, (modules.get(mod) || 0) + us);
		if (functionName === '(idle)') idleUs += us;
		if (isOurs(url)) {
			oursUs += us;
			const key = `${functionName || '(anonymous)'} ${ourPath(url)}:${lineNumber + 1}`;
			own.set(key, (own.get(key) || 0) + us);
		}
	}
	const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
	return { total, busy: total - idleUs, oursUs, modules: top(modules, 18), own: top(own, 15) };
}

async function measure(h, node, items, child, profile) {
	await ask(child, 'clear', 'cleared');
	let session;
	if (profile) {
		session = new inspector.Session();
		session.connect();
		await post(session, 'Profiler.enable');
		await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
		await post(session, 'Profiler.start');
	}
	const cpu0 = process.cpuUsage();
	const started = Date.now();
	const r = await h.runNode(node, items);
	const ms = Date.now() - started;
	const cpu = process.cpuUsage(cpu0);
	let summary;
	if (profile) {
		const { profile: p } = await post(session, 'Profiler.stop');
		session.disconnect();
		summary = summarise(p);
		const dir = arg('save-profile', '');
		if (dir) {
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(path.join(dir, `${node.type}-${Date.now()}.cpuprofile`), JSON.stringify(p));
		}
	}
	const counts = await ask(child, 'count', 'count');
	const failed = r.out.filter((o) => o.json.error).length + (r.error ? 1 : 0);
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, requests: counts.count, rateLimited: counts.rateLimited, failed, summary };
}

async function main() {
	const { Qvoice } = require(path.join(DIST, 'nodes/Qvoice/Qvoice.node.js'));
	const { QvoiceApi } = require(path.join(DIST, 'credentials/QvoiceApi.credentials.js'));
	const child = fork(__filename, ['--child', ...process.argv.slice(2)], { stdio: 'inherit' });
	const { url, campaignId, credentials } = await new Promise((resolve) => child.once('message', resolve));
	const h = createHarness({ nodes: [Qvoice, helperOnlyNode(url, campaignId, MAX_IN_FLIGHT)], credentials: [QvoiceApi] });
	const cid = h.addCredential('qvoiceApi', credentials);
	const cred = h.credentialRef('qvoiceApi', cid);
	const ours = { type: 'qvoice', parameters: { resource: 'lead', operation: 'add', campaign: { __rl: true, mode: 'id', value: campaignId }, number: '={{$json.phone}}', additionalFields: { firstName: '={{$json.first}}' } }, credentials: cred };
	const helper = { type: 'helperOnly', parameters: {}, credentials: cred };
	let seq = 0;
	const items = () => Array.from({ length: N }, () => ({ json: { phone: `+1312${String(5000000 + seq++).padStart(7, '0')}`, first: `Lead ${seq}` } }));
	try {
		// Warm-up: log in, JIT both paths.
		await h.runNode(ours, items().slice(0, 200));
		await h.runNode(helper, items().slice(0, 200));
		const rows = [];
		for (let round = 0; round < ROUNDS; round++) {
			for (const [label, node] of [['QVOICE Add Lead (ours, defaults)', ours], [`HTTP helper only, ${MAX_IN_FLIGHT} in flight (reference)`, helper]]) {
				const m = await measure(h, node, items(), child, flag('profile') && round === ROUNDS - 1);
				rows.push({ label, ...m });
				console.log(`${label}: ${m.ms} ms, engine CPU ${m.cpuMs.toFixed(0)} ms = ${(m.cpuMs / N).toFixed(3)} ms/lead, ${m.requests} requests, ${m.rateLimited} × 429, ${m.failed} failed`);
				if (m.summary) {
					console.log(`  profile: ${(m.summary.busy / 1000).toFixed(0)} ms busy (${((m.summary.busy / 1000) / N).toFixed(3)} ms/lead), of it in our package's own code ${(m.summary.oursUs / 1000).toFixed(0)} ms (${((m.summary.oursUs / 1000) / N).toFixed(3)} ms/lead); self time by module:`);
					for (const [mod, us] of m.summary.modules) console.log(`    ${(us / 1000).toFixed(1).padStart(8)} ms  ${(us / 1000 / N).toFixed(3)} ms/lead  ${mod}`);
					if (m.summary.own.length) console.log('  heaviest of our functions (self time):');
					for (const [fn, us] of m.summary.own) console.log(`    ${(us / 1000).toFixed(1).padStart(8)} ms  ${fn}`);
				}
			}
		}
		const best = (prefix) => Math.min(...rows.filter((r) => r.label.startsWith(prefix)).map((r) => r.cpuMs));
		console.log(`\nengine CPU per lead (best of ${ROUNDS}, ${N} leads, ${LATENCY} ms latency, max ${MAX_IN_FLIGHT} in flight): ours ${(best('QVOICE') / N).toFixed(3)} ms vs HTTP helper only ${(best('HTTP helper') / N).toFixed(3)} ms (${(best('QVOICE') / best('HTTP helper')).toFixed(2)} ×)`);
	} finally {
		child.send('stop');
	}
}
