'use strict';
/**
 * Throughput benchmark (`npm run bench`; prints tables, asserts nothing about time):
 *  1. N lead creates (QVOICE Add Lead) through our node vs n8n's HTTP Request node with default options vs HTTP
 *     Request with batching tuned until no item fails, in a real n8n 2.40.7 against the QVOICE simulator with fixed
 *     latency and a "max requests in flight" limit (429 + Retry-After beyond it); the simulator runs in its own
 *     process (simProcess.js). Reference rows (referenceClient.js, each in its own process, exactly the allowed
 *     concurrency): a keep-alive client, a client opening a new connection per request, and n8n's own HTTP helper
 *     alone; plus "n8n alone" (the same items through Webhook → Split Out → No Operation, no request).
 *     Each row also gives n8n's CPU per created lead (whole process and main thread, from /proc).
 *  2. Return All of M leads (cursor pages) through our node vs HTTP Request pagination vs a raw HTTP loop.
 *  3. Requests per idle poll for each polling trigger (see idle-polls.js).
 *  4. Talkover Add Campaign Call × 300 against a 100-per-window budget per token (see vendors.js).
 *  5. Talkdesk Add Records (bulks) against a latency + max-in-flight portal (see vendors.js).
 * Usage: node test/tools/node24.js node test/bench/run.js [--quick] [--creates 10000] [--leads 100000]
 *   [--latency 20] [--max-in-flight 10] [--concurrency 10] [--batch-size 10] [--batch-intervals 40,70,100]
 *   [--page-size 1000] [--only 1,2,3,4,5] [--skip-build] [--markdown FILE]
 *   [--talkover-calls 300] [--talkover-budget 100] [--talkover-window 60000] [--talkover-headers none|x-ratelimit|ratelimit|ratelimit-structured]
 *   [--talkdesk-records 10000] [--variants ours,defaults,http,batched,raw,baseline]
 * --quick: 2,000 QVOICE creates (floor 4.0 s at 20 ms / 10 in flight), 10,000 leads listed, Talkover windows of
 *   5 s with X-RateLimit headers, 2,000 Talkdesk records. Profile n8n with BENCH_N8N_NODE_OPTIONS="--cpu-prof …".
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const inst = require('../tools/n8n-instance');
const qvoice = require('../simulators/qvoice');
const { startQvoiceProcess } = require('./simProcess');
const { runReferenceClient } = require('./referenceClient');
const lib = require('./lib');
const vendors = require('./vendors');

const args = lib.parseArgs(process.argv.slice(2), {
	quick: false,
	creates: 10000,
	leads: 100000,
	latency: 20,
	maxInFlight: 10,
	concurrency: 10,
	batchSize: 10,
	batchIntervals: '40,70,100',
	pageSize: 1000,
	only: '1,2,3,4,5',
	talkoverCalls: 300,
	talkoverBudget: 100,
	talkoverWindow: 60000,
	// Without headers our node paces by the credential's plan (a real minute); the quick mode shortens the window
	// and lets the simulator send rate-limit headers instead.
	talkoverHeaders: 'none',
	talkdeskRecords: 10000,
	variants: 'ours,defaults,http,batched,raw,baseline',
	skipBuild: false,
	markdown: '',
	keep: false,
	// Which Return All variant runs first on the fresh n8n (the later one finds a heap already grown).
	listOrder: 'ours,http',
});
if (args.quick) {
	const given = (name) => process.argv.some((a) => a.startsWith(`--${name}`));
	if (!given('creates')) args.creates = 2000;
	if (!given('leads')) args.leads = 10000;
	if (!given('talkover-window')) args.talkoverWindow = 5000;
	if (!given('talkover-headers')) args.talkoverHeaders = 'x-ratelimit';
	if (!given('talkdesk-records')) args.talkdeskRecords = 2000;
	if (!given('batch-intervals')) args.batchIntervals = '70';
}
const only = new Set(String(args.only).split(',').map((s) => s.trim()));
const log = (m) => process.stdout.write(`[bench] ${m}\n`);
const md = [];
/** Per benchmark: { vendor, floorMs, rows with role defaults|best|http|batched|raw } for the closing summary. */
const summary = [];

async function setup() {
	const started = Date.now();
	await inst.ensureN8n({ log });
	if (!args.skipBuild) inst.buildPackage({ log });
	if (!inst.builtNodeNames().includes('qvoice')) throw new Error('the QVOICE node is not built (dist/nodes/Qvoice missing)');
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-bench-n8n-'));
	const tarball = inst.packPackage(path.join(userFolder, 'pack'), { log });
	inst.installPackage(userFolder, tarball, { log });

	const seedStart = Date.now();
	// In its own process: sharing the bench's event loop, every request would also wait on the bench's work.
	const sim = await startQvoiceProcess({ bigCampaignLeads: only.has('2') ? args.leads : 50 });
	const simUrl = sim.url;
	log(`QVOICE simulator (own process) at ${simUrl} with ${await sim.leadCount(sim.bigCampaignId)} leads in the big campaign (seeded in ${lib.secs(Date.now() - seedStart)})`);
	inst.importCredentials(userFolder, [{ ...lib.QVOICE_CRED, type: 'qvoiceApi', data: qvoice.demoCredentials(simUrl) }]);
	const token = await lib.qvoiceLogin(simUrl, sim.demo);
	const createCampaignId = sim.campaignIds[sim.campaignIds.length - 1];
	const batchIntervals = String(args.batchIntervals).split(',').map(Number).filter((n) => n > 0);
	const workflows = lib.benchWorkflows({
		simUrl,
		token,
		accountId: sim.demo.accountId,
		createCampaignId,
		listCampaignId: sim.bigCampaignId,
		concurrency: args.concurrency,
		batchSize: args.batchSize,
		batchIntervals,
		pageSize: args.pageSize,
	});
	const more = only.has('4') || only.has('5') ? await vendors.prepare(args, { log }) : null;
	if (more) {
		inst.importCredentials(userFolder, more.credentials);
		workflows.push(...more.workflows);
	}
	inst.importWorkflows(userFolder, workflows);

	const port = await inst.freePort();
	const n8nEnv = {
		N8N_LOG_LEVEL: 'warn',
		// Saving 100,000 items per successful run would measure SQLite, not the nodes; failed runs are still saved.
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
		N8N_PAYLOAD_SIZE_MAX: '64',
		// e.g. BENCH_N8N_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile n8n itself.
		...(process.env.BENCH_N8N_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_N8N_NODE_OPTIONS } : {}),
	};
	const n8n = await inst.startN8n({ userFolder, port, log, env: n8nEnv });
	const client = new inst.N8nClient(n8n.url);
	await client.ensureOwner();
	await client.createApiKey('bench');
	for (const w of workflows) await client.activate(w.id);
	log(`setup done in ${lib.secs(Date.now() - started)}`);
	return { sim, simUrl, token, n8n, n8nEnv, client, userFolder, createCampaignId, batchIntervals, workflows, more, log };
}

/** One create run through a webhook workflow: wall time, ledger, outputs, duplicates, n8n peak RSS. */
async function createRun(env, label, webhookPath, tag) {
	const { sim, n8n, createCampaignId } = env;
	const numbers = lib.numbersFor(tag, args.creates);
	const from = await sim.ledgerLength();
	const simCpu0 = await sim.cpuMs();
	const run = await lib.webhookRun(n8n, webhookPath, numbers);
	const simCpuMs = (await sim.cpuMs()) - simCpu0;
	const stats = await sim.ledgerStats(from, /\/lead$/);
	const sendingMs = await sim.sendingSpan(from, /\/lead$/);
	const { created, duplicates } = await sim.createdAndDuplicates(createCampaignId, numbers);
	const row = { label, ...run, requests: stats.requests, rateLimited: stats.rateLimited, created, duplicates, sendingMs };
	log(`${label}: ${lib.secs(row.ms)} (first to last request ${lib.secs(sendingMs)}, n8n CPU ${lib.secs(row.cpuMs)}, simulator CPU ${lib.secs(simCpuMs)}), ${row.requests} requests, ${row.rateLimited} × 429, ${row.failed} failed items, ${created} created, ${duplicates} duplicates, workflow ${row.workflow}`);
	return row;
}

const REFERENCE_CLIENTS = {
	keepalive: 'raw client, keep-alive connections (own process): what any client reaches here',
	newconn: 'raw client, a new connection per request (own process), as n8n opens them',
	'n8n-helper': "n8n's own HTTP helper alone, no workflow (own process): the least any n8n node needs",
};

/** A client outside n8n at exactly the allowed concurrency (referenceClient.js): what this machine allows. */
async function referenceCreates(env, mode, tag) {
	const { sim, simUrl, token, createCampaignId } = env;
	const numbers = lib.numbersFor(tag, args.creates);
	const from = await sim.ledgerLength();
	const r = await runReferenceClient({ mode, url: simUrl, token, accountId: sim.demo.accountId, campaignId: createCampaignId, numbers, lanes: args.maxInFlight, n8nDir: inst.n8nDir });
	const stats = await sim.ledgerStats(from, /\/lead$/);
	const { created, duplicates } = await sim.createdAndDuplicates(createCampaignId, numbers);
	const row = { label: REFERENCE_CLIENTS[mode], ms: r.ms, requests: stats.requests, rateLimited: stats.rateLimited, failed: r.failed, created, duplicates, peak: null, growth: null, workflow: '-' };
	log(`${row.label}: ${lib.secs(r.ms)} (client CPU ${lib.secs(r.cpuMs)}), ${row.requests} requests, ${row.rateLimited} × 429, ${r.failed} failed`);
	return row;
}

async function bench1(env) {
	const { sim } = env;
	await sim.setLatency(args.latency);
	await sim.setRateLimit({ maxInFlight: args.maxInFlight });
	const floorMs = (args.creates * args.latency) / args.maxInFlight;
	log(`bench 1: ${args.creates} creates, ${args.latency} ms latency, at most ${args.maxInFlight} requests in flight (429 + Retry-After: 1 beyond) → floor ${lib.secs(floorMs)}`);
	// Warm-up (login, JIT, n8n's heap) outside the measurement: with 20 leads the first measured run was 5–10 %
	// slower than the same settings right after it.
	await sim.setRateLimit(null);
	await lib.callWebhook(env.n8n.url, 'bench-create-ours', { leads: lib.numbersFor(90, 500).map((number) => ({ number })) });
	await lib.callWebhook(env.n8n.url, 'bench-create-http', { leads: lib.numbersFor(91, 20).map((number) => ({ number })) });
	await sim.setRateLimit({ maxInFlight: args.maxInFlight });

	const rows = [];
	const variants = new Set(String(args.variants).split(','));
	rows.push({ role: 'best', ...(await createRun(env, `QVOICE node, best settings (Concurrency ${args.concurrency})`, 'bench-create-ours', 1)) });
	if (variants.has('defaults')) rows.push({ role: 'defaults', ...(await createRun(env, 'QVOICE node, default options', 'bench-create-defaults', 30)) });
	if (variants.has('http')) rows.push({ role: 'http', ...(await createRun(env, 'HTTP Request, default options', 'bench-create-http', 2)) });
	let tuned = null;
	for (const [k, interval] of (variants.has('batched') ? env.batchIntervals : []).entries()) {
		const row = { role: 'batched', ...(await createRun(env, `HTTP Request, batch ${args.batchSize} / ${interval} ms`, `bench-create-batched-${interval}`, 3 + k)) };
		rows.push(row);
		if (row.failed === 0 && row.duplicates === 0) {
			tuned = row;
			break;
		}
	}
	if (variants.has('raw')) {
		rows.push({ role: 'raw', ...(await referenceCreates(env, 'keepalive', 20)) });
		rows.push({ role: 'newconn', ...(await referenceCreates(env, 'newconn', 21)) });
		rows.push({ role: 'helper', ...(await referenceCreates(env, 'n8n-helper', 22)) });
	}
	if (variants.has('baseline')) rows.push(await lib.baselineRun(env.n8n, args.creates));
	await sim.setRateLimit(null);

	const t = lib.table(
		['run', 'wall time', '× floor', 'requests', '429s', 'failed items', 'created', 'duplicates', 'n8n CPU ms / created (main thread)', 'n8n peak RSS (growth)', 'workflow'],
		rows.map((r) => [
			r.label,
			lib.secs(r.ms),
			(r.ms / floorMs).toFixed(2),
			r.requests,
			r.rateLimited,
			r.failed,
			r.created,
			r.duplicates,
			r.cpuMs === undefined ? '-' : `${vendors.perItem(r.cpuMs, r.created || r.items)} (${vendors.perItem(r.mainCpuMs, r.created || r.items)})`,
			r.peak ? `${lib.mb(r.peak)} (+${lib.mb(r.growth)})` : '-',
			r.workflow,
		]),
	);
	summary.push({ vendor: `QVOICE Add Lead × ${args.creates} (max ${args.maxInFlight} in flight)`, floorMs, rows: rows.filter((r) => r.role !== 'batched' || r === (tuned ?? rows.filter((b) => b.role === 'batched').pop())) });
	const ours = rows[0];
	const defaults = rows.find((r) => r.role === 'defaults');
	// CPU per created lead is only comparable between runs that created every lead (failed runs spend CPU on errors).
	const httpRow = rows.find((r) => r.label.startsWith('HTTP Request') && r.created === args.creates && r.cpuMs !== undefined);
	const lines = [
		`floor set by the rate limit: ${args.creates} × ${args.latency} ms / ${args.maxInFlight} in flight = ${lib.secs(floorMs)}`,
		...(httpRow && ours.created
			? [`n8n main-thread CPU per created lead: ours ${vendors.perItem(ours.mainCpuMs, ours.created)} ms vs ${httpRow.label} ${vendors.perItem(httpRow.mainCpuMs, httpRow.created)} ms (whole process ${vendors.perItem(ours.cpuMs, ours.created)} vs ${vendors.perItem(httpRow.cpuMs, httpRow.created)} ms; /proc ticks of 10 ms)`]
			: []),
		`our node, best settings: ${(ours.ms / floorMs).toFixed(2)} × the floor (target ≤ 1.15), ${ours.failed} failed, ${ours.duplicates} duplicates (target 0 / 0)`,
		...references(rows, floorMs, [ours, defaults].filter(Boolean)),
		...(defaults ? [`our node, default options: ${(defaults.ms / floorMs).toFixed(2)} × the floor (target ≤ 1.3), ${defaults.failed} failed, ${defaults.duplicates} duplicates, ${defaults.rateLimited} × 429 received`] : []),
		tuned
			? `HTTP Request batched to zero failures (${tuned.label}): ${(tuned.ms / ours.ms).toFixed(2)} × our time (target ≥ 3)`
			: `HTTP Request: no batching interval tried (${env.batchIntervals.join(', ')} ms) reached zero failures; add larger ones with --batch-intervals`,
	];
	console.log(`\nBenchmark 1 — ${args.creates} lead creates\n${t.text}\n${lines.join('\n')}\n`);
	md.push(`### 1. ${args.creates} lead creates (${args.latency} ms latency, max ${args.maxInFlight} in flight)\n\n${t.md}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`);
}

/** What the reference clients say: the distance to the floor any client pays here, and what n8n's helper adds. */
function references(rows, floorMs, ourRows) {
	const by = (role) => rows.find((r) => r.role === role);
	const lines = [];
	for (const role of ['raw', 'newconn', 'helper']) {
		const r = by(role);
		if (r) lines.push(`${r.label}: ${lib.secs(r.ms)} = ${(r.ms / floorMs).toFixed(2)} × the floor`);
	}
	const baseline = by('baseline');
	if (baseline) {
		lines.push(`${baseline.label}: ${lib.secs(baseline.ms)}, n8n main-thread CPU ${vendors.perItem(baseline.mainCpuMs, baseline.items)} ms per item (whole process ${vendors.perItem(baseline.cpuMs, baseline.items)})`);
	}
	const helper = by('helper');
	if (helper) for (const r of ourRows) lines.push(`${r.label}: ${(r.ms / helper.ms).toFixed(2)} × n8n's HTTP helper alone`);
	return lines;
}

async function rawList(env) {
	const { sim, simUrl, token } = env;
	const started = Date.now();
	const leads = [];
	let bytes = 0;
	let cursor;
	let pages = 0;
	do {
		const qs = new URLSearchParams({ page_size: String(args.pageSize) });
		if (cursor) qs.set('next_start_key', cursor);
		const r = await fetch(`${simUrl}/api/v2/config/campaigns/${sim.bigCampaignId}/leads?${qs}`, {
			headers: { authorization: `Bearer ${token}`, 'x-account-id': sim.demo.accountId },
		});
		const text = await r.text();
		bytes += Buffer.byteLength(text);
		const body = JSON.parse(text);
		for (const l of body.data) leads.push(l);
		cursor = body.next_start_key;
		pages++;
	} while (cursor);
	return { ms: Date.now() - started, count: leads.length, bytes, pages };
}

async function listRun(env, label, webhookPath) {
	const rss = lib.rssSampler([env.n8n.child.pid]);
	const from = await env.sim.ledgerLength();
	const r = await lib.callWebhook(env.n8n.url, webhookPath, {});
	const mem = rss.stop();
	const stats = await env.sim.ledgerStats(from, /\/leads$/);
	const count = r.status === 200 && r.body ? Number(r.body.count_id) : NaN;
	log(`${label}: ${lib.secs(r.ms)}, ${stats.requests} requests, ${count} leads, peak ${lib.mb(mem.peakBytes)} (+${lib.mb(mem.growthBytes)})${r.status !== 200 ? `, HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 200)}` : ''}`);
	return { label, ms: r.ms, requests: stats.requests, count, peak: mem.peakBytes, growth: mem.growthBytes };
}

async function bench2(env) {
	await env.sim.setLatency(args.latency);
	await env.sim.setRateLimit({ maxInFlight: args.maxInFlight });
	log(`bench 2: Return All of ${await env.sim.leadCount(env.sim.bigCampaignId)} leads, pages of ${args.pageSize}, ${args.latency} ms latency`);
	// Warm-up (login, code paths) with a few creates, not a full Return All: that would grow n8n's heap beforehand
	// and hide the growth being measured.
	await env.sim.setRateLimit(null);
	await lib.callWebhook(env.n8n.url, 'bench-create-ours', { leads: lib.numbersFor(92, 20).map((number) => ({ number })) });
	await env.sim.setRateLimit({ maxInFlight: args.maxInFlight });
	const raw = await rawList(env);
	log(`raw loop: ${lib.secs(raw.ms)}, ${raw.pages} pages, ${raw.count} leads, ${lib.mb(raw.bytes)} of JSON`);
	let ours;
	let http;
	for (const which of String(args.listOrder).split(',')) {
		if (which === 'ours') ours = await listRun(env, 'QVOICE node, Return All', 'bench-list-ours');
		if (which === 'http') http = await listRun(env, 'HTTP Request pagination + Split Out', 'bench-list-http');
	}
	const t = lib.table(
		['run', 'wall time', 'requests', 'leads out', 'n8n peak RSS', 'RSS growth'],
		[
			[ours.label, lib.secs(ours.ms), ours.requests, ours.count, lib.mb(ours.peak), lib.mb(ours.growth)],
			[http.label, lib.secs(http.ms), http.requests, http.count, lib.mb(http.peak), lib.mb(http.growth)],
			['raw HTTP loop (outside n8n)', lib.secs(raw.ms), raw.pages, raw.count, '-', '-'],
		],
	);
	const lines = [
		`JSON received: ${lib.mb(raw.bytes)} (${raw.bytes} bytes)`,
		`our node: ${(ours.ms / raw.ms).toFixed(2)} × the raw loop's time (target ≤ 1.5); RSS growth ${(ours.growth / raw.bytes).toFixed(2)} × the JSON size (target ≤ 2)`,
	];
	console.log(`\nBenchmark 2 — Return All of ${raw.count} leads\n${t.text}\n${lines.join('\n')}\n`);
	md.push(`### 2. Return All of ${raw.count} leads (pages of ${args.pageSize})\n\n${t.md}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`);
}

async function main() {
	const benchStart = Date.now();
	let env;
	try {
		if (['1', '2', '4', '5'].some((b) => only.has(b))) {
			env = await setup();
			if (only.has('1')) await bench1(env);
			if (only.has('1') && only.has('2')) {
				// A fresh n8n for Return All: its memory growth must not be hidden by a heap grown in benchmark 1.
				await env.n8n.stop();
				env.n8n = await inst.startN8n({ userFolder: env.userFolder, port: await inst.freePort(), log, env: env.n8nEnv });
			}
			if (only.has('2')) await bench2(env);
			if (env.more && only.has('4')) await vendors.benchTalkover(env, env.more, args, md, summary);
			if (env.more && only.has('5')) await vendors.benchTalkdesk(env, env.more, args, md, summary);
		}
		if (only.has('3')) {
			const rows = await require('./idle-polls').measure({ log });
			const t = lib.table(['trigger', 'event', 'requests per idle poll', 'why'], rows.map((r) => [r.trigger, r.event, r.requests, r.note]));
			console.log(`\nBenchmark 3 — requests per idle poll\n${t.text}\n`);
			md.push(`### 3. Requests per idle poll\n\n${t.md}\n`);
		}
	} finally {
		if (env) {
			await env.n8n.stop();
			await env.sim.stop();
			if (env.more) {
				await env.more.tover.stop();
				await env.more.tdesk.stop();
			}
			if (args.keep) log(`kept ${env.userFolder}`);
			else fs.rmSync(env.userFolder, { recursive: true, force: true });
		}
	}
	if (summary.length) {
		const t = vendors.summaryTable(summary);
		const note = 'Wall time = ratio to the floor each vendor\'s limit allows; "-" = variant not run. CPU from /proc ticks of 10 ms.';
		console.log(`\nSummary — all vendors, one run\n${t.text}\n${note}\n`);
		md.unshift(`### Summary (one run)\n\n${t.md}\n\n${note}\n`);
	}
	const footer = `Measured ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0].model.trim()}, n8n ${inst.N8N_VERSION}, Node ${process.version}; whole bench ${lib.secs(Date.now() - benchStart)}.`;
	console.log(footer);
	if (args.markdown) fs.writeFileSync(args.markdown, `${md.join('\n')}\n${footer}\n`);
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		process.exit(1);
	},
);
