'use strict';
/**
 * Benchmarks 4 and 5 of run.js, in one real n8n with the Talkover and Talkdesk simulators (QVOICE is benchmark 1):
 *  4. Talkover Add Campaign Call × N against a per-token budget of B requests per window (the docs' "per minute";
 *     the window is configurable so a run takes seconds): our node (defaults: the budget comes from the
 *     simulator's rate-limit headers, or from the credential's plan when the window is a real minute), n8n's HTTP
 *     Request node with default options and batched to the budget, a raw client that knows the budget, the floor.
 *  5. Talkdesk Add Records × N (bulks of 100) against a portal with fixed latency and a max-in-flight limit: our
 *     node vs HTTP Request (one record per request, default and batched) vs a raw client at the allowed concurrency.
 * Every row: wall time, requests, 429s, failed items, created, duplicates, n8n CPU (whole process and main thread)
 * per created item.
 */
const lib = require('./lib');
const talkover = require('../simulators/talkover');
const talkdesk = require('../simulators/talkdesk');
const { nodeType } = require('../tools/vendors');

const TALKOVER_CRED = { id: 'talkoverBenchCred', name: 'Talkover (bench)' };
const TALKDESK_CRED = { id: 'talkdeskBenchCrd', name: 'Talkdesk (bench)' };

const uuid = () => require('crypto').randomUUID();

function httpNode(name, { method, url, headers, body, options }) {
	return {
		id: uuid(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [440, 0],
		parameters: {
			method,
			url,
			sendHeaders: true,
			specifyHeaders: 'keypair',
			headerParameters: { parameters: Object.entries(headers).map(([k, v]) => ({ name: k, value: v })) },
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody: body,
			options,
		},
	};
}

function chain(id, name, nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, nodes, connections, active: false, settings: { executionOrder: 'v1' }, pinData: {} };
}

function webhookNode(path) {
	return { id: uuid(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: uuid(), parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} } };
}

function splitOut() {
	return { id: uuid(), name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [220, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } };
}

/** Simulators, credentials and workflows for benchmarks 4 and 5 (started before n8n, imported into its folder). */
async function prepare(args, { log }) {
	const tover = talkover.create();
	const toverUrl = await tover.start();
	const tdesk = talkdesk.create();
	const tdeskUrl = await tdesk.start();
	const campaign = tover.state.campaigns.find((c) => c.status === 'active');
	const listId = tdesk.state.lists[0].id;
	const tdToken = await talkdeskToken(tdeskUrl);
	const window = args.talkoverWindow;
	const credentials = [
		{ ...TALKOVER_CRED, type: 'talkoverApi', data: { ...talkover.demoCredentials(toverUrl), plan: 'standard' } },
		{ ...TALKDESK_CRED, type: 'talkdeskOAuth2Api', data: talkdesk.demoCredentials(tdeskUrl) },
	];
	const callUrl = `${toverUrl}/api/v1/campaigns/${campaign.id}/call`;
	const toverHeaders = { Authorization: `Bearer ${tover.token}` };
	const bulkUrl = `${tdeskUrl}/record-lists/${listId}/records/bulks`;
	const recordBody = '={{ JSON.stringify({ records: [{ first_name: "Bench", last_name: "Lead", phone_numbers: [{ phone_number: $json.number, phone_type: "MOBILE" }] }] }) }}';
	const safeInterval = Math.ceil(window * 1.05);
	const actionNode = (name, type, credentials, parameters) => ({ id: uuid(), name, type: nodeType(type), typeVersion: 1, position: [440, 0], credentials, parameters });
	const talkoverAddCall = (options) =>
		actionNode('Talkover', 'talkover', { talkoverApi: TALKOVER_CRED }, { resource: 'campaignCall', operation: 'add', campaignId: { __rl: true, mode: 'id', value: campaign.id }, phoneNumber: '={{ $json.number }}', options });
	const talkdeskAddRecords = (options) =>
		actionNode('Talkdesk', 'talkdeskCampaigns', { talkdeskOAuth2Api: TALKDESK_CRED }, {
			resource: 'recordList',
			operation: 'addRecords',
			recordListId: { __rl: true, mode: 'id', value: listId },
			phoneNumber: '={{ $json.number }}',
			// Both spellings: first/last name are moving from Additional Fields to required fields (issue 11.4).
			firstName: 'Bench',
			lastName: 'Lead',
			additionalFields: { firstName: 'Bench', lastName: 'Lead' },
			options,
		});
	const workflows = [
		chain('benchwfTover0001', 'Bench: Talkover Add Campaign Call (node)', [webhookNode('bench-talkover-ours'), splitOut(), talkoverAddCall({})]),
		chain('benchwfTover0004', 'Bench: Talkover Add Campaign Call (node, Concurrency 20)', [webhookNode('bench-talkover-ours-c20'), splitOut(), talkoverAddCall({ concurrency: 20 })]),
		chain('benchwfTover0002', 'Bench: Talkover calls (HTTP Request, defaults)', [
			webhookNode('bench-talkover-http'),
			splitOut(),
			httpNode('HTTP Request', { method: 'POST', url: callUrl, headers: toverHeaders, body: '={{ JSON.stringify({ to: $json.number }) }}', options: {} }),
		]),
		chain('benchwfTover0003', 'Bench: Talkover calls (HTTP Request, batched to the budget)', [
			webhookNode('bench-talkover-batched'),
			splitOut(),
			httpNode('HTTP Request', { method: 'POST', url: callUrl, headers: toverHeaders, body: '={{ JSON.stringify({ to: $json.number }) }}', options: { batching: { batch: { batchSize: args.talkoverBudget, batchInterval: safeInterval } } } }),
		]),
		chain('benchwfTdesk0001', 'Bench: Talkdesk Add Records (node)', [webhookNode('bench-talkdesk-ours'), splitOut(), talkdeskAddRecords({})]),
		chain('benchwfTdesk0004', 'Bench: Talkdesk Add Records (node, Concurrency 10)', [webhookNode('bench-talkdesk-ours-best'), splitOut(), talkdeskAddRecords({ concurrency: 10 })]),
		chain('benchwfTdesk0002', 'Bench: Talkdesk records (HTTP Request, defaults)', [
			webhookNode('bench-talkdesk-http'),
			splitOut(),
			httpNode('HTTP Request', { method: 'POST', url: bulkUrl, headers: { Authorization: `Bearer ${tdToken}` }, body: recordBody, options: {} }),
		]),
		chain('benchwfTdesk0003', 'Bench: Talkdesk records (HTTP Request, batched)', [
			webhookNode('bench-talkdesk-batched'),
			splitOut(),
			httpNode('HTTP Request', { method: 'POST', url: bulkUrl, headers: { Authorization: `Bearer ${tdToken}` }, body: recordBody, options: { batching: { batch: { batchSize: args.maxInFlight, batchInterval: args.latency * 5 } } } }),
		]),
	];
	log(`Talkover simulator at ${toverUrl}, Talkdesk simulator at ${tdeskUrl}`);
	return { tover, toverUrl, tdesk, tdeskUrl, tdToken, campaign, listId, credentials, workflows, callUrl, bulkUrl };
}

async function talkdeskToken(base) {
	const r = await fetch(`${base}/oauth/token`, {
		method: 'POST',
		headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', scope: talkdesk.ALL_SCOPES.join(' ') }).toString(),
	});
	if (!r.ok) throw new Error(`Talkdesk simulator token: HTTP ${r.status}`);
	return (await r.json()).access_token;
}

/** One webhook run: wall time, requests and 429s seen by the simulator, items failed, n8n CPU. */
async function run(env, { sim, label, path, numbers, pathRe, created }) {
	const from = sim.ledger.length;
	const run = await lib.webhookRun(env.n8n, path, numbers);
	const stats = lib.ledgerStats(sim, from, pathRe);
	const sent = lib.sentSince(sim, from, pathRe);
	const sendingMs = lib.sendingSpan(sent);
	const c = created(numbers);
	const row = { label, ...run, requests: stats.requests, rateLimited: stats.rateLimited, created: c.created, duplicates: c.duplicates, sendingMs };
	// Where a budget window is simulated: how many requests each window took and when it started (pacing diagnosis).
	const windows = new Map();
	for (const e of sent) if (e.window !== undefined) windows.set(e.window, (windows.get(e.window) || 0) + 1);
	const perWindow = windows.size ? `, per window ${[...windows].map(([start, count]) => `${count} @ +${lib.secs(start - sent[0].at)}`).join(', ')}` : '';
	env.log(`${label}: ${lib.secs(row.ms)} (first to last request ${lib.secs(sendingMs)}${perWindow}), ${row.requests} requests, ${row.rateLimited} × 429, ${row.failed} failed, ${row.created} created, ${row.duplicates} duplicates, n8n CPU ${row.cpuMs} ms (main thread ${row.mainCpuMs} ms), workflow ${row.workflow}`);
	return row;
}

function perItem(ms, created) {
	return created ? (ms / created).toFixed(2) : '-';
}

function rowsTable(rows) {
	return lib.table(
		['run', 'wall time', 'requests', '429s', 'failed items', 'created', 'duplicates', 'n8n CPU ms / created (main thread)', 'workflow'],
		rows.map((r) => [r.label, lib.secs(r.ms), r.requests, r.rateLimited, r.failed, r.created, r.duplicates, r.cpuMs === undefined ? '-' : `${perItem(r.cpuMs, r.created || r.items)} (${perItem(r.mainCpuMs, r.created || r.items)})`, r.workflow]),
	);
}

/** A client that knows the budget: B requests at once (10 in flight), then waits a window after the first answer. */
async function rawTalkover(env, p, args, numbers) {
	const started = Date.now();
	const from = p.tover.ledger.length;
	let failed = 0;
	for (let k = 0; k < numbers.length; k += args.talkoverBudget) {
		const chunk = numbers.slice(k, k + args.talkoverBudget);
		const windowStart = Date.now();
		let firstAnswer = 0;
		const refused = await lib.inLanes(chunk, 10, async (to) => {
			const r = await fetch(p.callUrl, { method: 'POST', headers: { authorization: `Bearer ${p.tover.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ to }) });
			await r.text();
			firstAnswer ||= Date.now();
			return r.ok;
		});
		failed += refused.length;
		if (k + args.talkoverBudget < numbers.length) await new Promise((res) => setTimeout(res, Math.max(0, (firstAnswer || windowStart) + args.talkoverWindow + 20 - Date.now())));
	}
	const stats = lib.ledgerStats(p.tover, from, /\/call$/);
	const c = createdTalkover(p)(numbers);
	return { label: 'raw HTTP client that knows the budget (outside n8n)', ms: Date.now() - started, requests: stats.requests, rateLimited: stats.rateLimited, failed, created: c.created, duplicates: c.duplicates, workflow: '-' };
}

function createdTalkover(p) {
	return (numbers) => {
		const wanted = new Set(numbers);
		const seen = new Map();
		for (const cc of p.tover.state.campaignCalls) if (cc.campaign_id === p.campaign.id && wanted.has(cc.to)) seen.set(cc.to, (seen.get(cc.to) || 0) + 1);
		let created = 0;
		for (const n of seen.values()) created += n;
		return { created, duplicates: created - seen.size };
	};
}

function createdTalkdesk(p) {
	return (numbers) => {
		const wanted = new Set(numbers);
		const seen = new Map();
		const list = p.tdesk.state.lists.find((l) => l.id === p.listId);
		for (const r of list.records) for (const ph of r.phone_numbers || []) if (wanted.has(ph.phone_number)) seen.set(ph.phone_number, (seen.get(ph.phone_number) || 0) + 1);
		let created = 0;
		for (const n of seen.values()) created += n;
		return { created, duplicates: created - seen.size };
	};
}

async function benchTalkover(env, p, args, md, summary = []) {
	const { tover } = p;
	const n = args.talkoverCalls;
	const B = args.talkoverBudget;
	const W = args.talkoverWindow;
	const limit = { windowMs: W, max: B, headers: args.talkoverHeaders };
	const floorMs = (Math.ceil(n / B) - 1) * W;
	env.log(`bench 4: Talkover Add Campaign Call × ${n}, budget ${B} per ${lib.secs(W)} window per token, rate-limit headers: ${args.talkoverHeaders} → floor ${lib.secs(floorMs)} (${B} at once, ${B} more each window)`);
	if (args.talkoverHeaders === 'none' && W !== 60_000) env.log('!! without headers our node paces by the credential plan\'s real minute: use --talkover-window 60000 (or a header form) for a fair run');
	tover.setRateLimit(null);
	await lib.callWebhook(env.n8n.url, 'bench-talkover-ours', { leads: lib.numbersFor(95, 5).map((number) => ({ number })) }); // warm-up
	const rows = [];
	const pause = () => new Promise((res) => setTimeout(res, W + 100)); // the node's own budget from a previous run has expired
	const fresh = async () => {
		await pause();
		tover.setRateLimit(limit);
	};
	const created = createdTalkover(p);
	await fresh();
	rows.push({ role: 'defaults', ...(await run(env, { sim: tover, label: 'Talkover node, default options', path: 'bench-talkover-ours', numbers: lib.numbersFor(40, n), pathRe: /\/call$/, created })) });
	const variants = new Set(String(args.variants).split(','));
	if (variants.has('defaults')) {
		// The floor assumes each window's 100 leave at once; Concurrency 5 takes a moment to send them.
		await fresh();
		rows.push({ role: 'best', ...(await run(env, { sim: tover, label: 'Talkover node, best settings (plan in the credential, Concurrency 20)', path: 'bench-talkover-ours-c20', numbers: lib.numbersFor(44, n), pathRe: /\/call$/, created })) });
	}
	if (variants.has('http')) {
		await fresh();
		rows.push({ role: 'http', ...(await run(env, { sim: tover, label: 'HTTP Request, default options', path: 'bench-talkover-http', numbers: lib.numbersFor(41, n), pathRe: /\/call$/, created })) });
	}
	if (variants.has('batched')) {
		await fresh();
		rows.push({ role: 'batched', ...(await run(env, { sim: tover, label: `HTTP Request, batch ${B} / ${Math.ceil(W * 1.05)} ms`, path: 'bench-talkover-batched', numbers: lib.numbersFor(42, n), pathRe: /\/call$/, created })) });
	}
	if (variants.has('raw')) {
		await fresh();
		rows.push({ role: 'raw', ...(await rawTalkover(env, p, args, lib.numbersFor(43, n))) });
	}
	tover.setRateLimit(null);
	const t = rowsTable(rows);
	const ours = rows[0];
	const lines = [
		`floor: ${n} calls at ${B} per window of ${lib.secs(W)} = ${Math.ceil(n / B)} windows → last start after ${lib.secs(floorMs)}`,
		`our node: ${(ours.ms / Math.max(1, floorMs)).toFixed(2)} × the floor in wall time, ${(ours.sendingMs / Math.max(1, floorMs)).toFixed(2)} × from first to last request (target ≤ 1.1), ${ours.rateLimited} × 429 received, ${ours.failed} failed, ${ours.duplicates} duplicates (target 0 surfaced)`,
	];
	summary.push({ vendor: `Talkover Add Campaign Call × ${n} (${B} per ${lib.secs(W)})`, floorMs, rows });
	console.log(`\nBenchmark 4 — Talkover ${n} calls, ${B} per ${lib.secs(W)} window (headers: ${args.talkoverHeaders})\n${t.text}\n${lines.join('\n')}\n`);
	md.push(`### 4. Talkover Add Campaign Call × ${n} (${B} per ${lib.secs(W)} window, headers ${args.talkoverHeaders})\n\n${t.md}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`);
}

async function rawTalkdesk(p, args, numbers) {
	const started = Date.now();
	const from = p.tdesk.ledger.length;
	const chunks = [];
	for (let k = 0; k < numbers.length; k += 100) chunks.push(numbers.slice(k, k + 100));
	const refused = await lib.inLanes(chunks, args.maxInFlight, async (chunk) => {
		const records = chunk.map((phone) => ({ first_name: 'Bench', last_name: 'Lead', phone_numbers: [{ phone_number: phone, phone_type: 'MOBILE' }] }));
		const r = await fetch(p.bulkUrl, { method: 'POST', headers: { authorization: `Bearer ${p.tdToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ records }) });
		await r.text();
		return r.ok;
	});
	const failed = refused.reduce((sum, chunk) => sum + chunk.length, 0);
	const stats = lib.ledgerStats(p.tdesk, from, /\/records\/bulks$/);
	const c = createdTalkdesk(p)(numbers);
	return { label: `raw HTTP client, bulks of 100, ${args.maxInFlight} in flight (outside n8n)`, ms: Date.now() - started, requests: stats.requests, rateLimited: stats.rateLimited, failed, created: c.created, duplicates: c.duplicates, workflow: '-' };
}

async function benchTalkdesk(env, p, args, md, summary = []) {
	const { tdesk } = p;
	const n = args.talkdeskRecords;
	const floorMs = (Math.ceil(n / 100) * args.latency) / Math.min(args.maxInFlight, Math.ceil(n / 100));
	env.log(`bench 5: Talkdesk Add Records × ${n} (bulks of 100), ${args.latency} ms latency, at most ${args.maxInFlight} in flight → floor ${lib.secs(floorMs)}`);
	tdesk.setRateLimit(null);
	tdesk.setLatency(0);
	await lib.callWebhook(env.n8n.url, 'bench-talkdesk-ours', { leads: lib.numbersFor(96, 5).map((number) => ({ number })) }); // warm-up, token
	tdesk.setLatency(args.latency);
	tdesk.setRateLimit({ maxInFlight: args.maxInFlight });
	const created = createdTalkdesk(p);
	const pathRe = /\/records\/bulks$/;
	const rows = [{ role: 'defaults', ...(await run(env, { sim: tdesk, label: 'Talkdesk node, default options', path: 'bench-talkdesk-ours', numbers: lib.numbersFor(50, n), pathRe, created })) }];
	const variants = new Set(String(args.variants).split(','));
	if (variants.has('defaults')) rows.push({ role: 'best', ...(await run(env, { sim: tdesk, label: 'Talkdesk node, best settings (Concurrency 10)', path: 'bench-talkdesk-ours-best', numbers: lib.numbersFor(54, n), pathRe, created })) });
	if (variants.has('http')) rows.push({ role: 'http', ...(await run(env, { sim: tdesk, label: 'HTTP Request (one record per request), defaults', path: 'bench-talkdesk-http', numbers: lib.numbersFor(51, n), pathRe, created })) });
	if (variants.has('batched')) rows.push({ role: 'batched', ...(await run(env, { sim: tdesk, label: `HTTP Request, batch ${args.maxInFlight} / ${args.latency * 5} ms`, path: 'bench-talkdesk-batched', numbers: lib.numbersFor(52, n), pathRe, created })) });
	if (variants.has('raw')) rows.push({ role: 'raw', ...(await rawTalkdesk(p, args, lib.numbersFor(53, n))) });
	if (variants.has('baseline')) rows.push(await lib.baselineRun(env.n8n, n));
	tdesk.setRateLimit(null);
	tdesk.setLatency(0);
	const t = rowsTable(rows);
	const lines = [`floor: ${Math.ceil(n / 100)} bulks × ${args.latency} ms / ${Math.min(args.maxInFlight, Math.ceil(n / 100))} in flight = ${floorMs} ms (n8n's own per-item work dominates here: compare with the raw client)`, `our node: ${(rows[0].ms / Math.max(1, floorMs)).toFixed(2)} × the floor`];
	summary.push({ vendor: `Talkdesk Add Records × ${n} (bulks of 100)`, floorMs, rows });
	console.log(`\nBenchmark 5 — Talkdesk Add Records × ${n}\n${t.text}\n${lines.join('\n')}\n`);
	md.push(`### 5. Talkdesk Add Records × ${n} (${args.latency} ms latency, max ${args.maxInFlight} in flight)\n\n${t.md}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`);
}

const ROLES = [
	['defaults', 'ours, defaults'],
	['best', 'ours, best documented settings'],
	['http', 'HTTP Request, defaults'],
	['batched', 'HTTP Request, safely batched'],
	['raw', 'raw client'],
	['helper', "n8n's HTTP helper alone"],
	['baseline', 'n8n alone, no request'],
];

/**
 * One table for all vendors, from the rows the benchmarks of this run measured: each variant's wall time and its
 * ratio to the vendor's floor, and n8n main-thread CPU per created item for ours (defaults) vs HTTP Request.
 */
function summaryTable(summary) {
	// The raw client is what this machine can do at the vendor's limit: on a loaded machine it sits above the floor.
	const cell = (row, floorMs, raw) => {
		if (!row) return '-';
		if (row.role === 'baseline') return lib.secs(row.ms);
		const clean = row.failed === 0 && row.duplicates === 0 ? '' : ` (${row.failed} failed, ${row.duplicates} dup.)`;
		const vsRaw = raw && row !== raw ? `, ${(row.ms / Math.max(1, raw.ms)).toFixed(2)}× raw` : '';
		return `${lib.secs(row.ms)} = ${(row.ms / Math.max(1, floorMs)).toFixed(2)}× floor${vsRaw}${clean}`;
	};
	const cpu = (row) => (row && row.mainCpuMs !== undefined && (row.created || row.items) ? perItem(row.mainCpuMs, row.created || row.items) : '-');
	return lib.table(
		['benchmark', 'floor', ...ROLES.map(([, title]) => title), 'main-thread CPU ms / item: ours (defaults) vs HTTP Request (a run with no failed item) vs n8n alone'],
		summary.map(({ vendor, floorMs, rows }) => {
			const by = (role) => rows.find((r) => r.role === role);
			// CPU per item is only comparable between runs that did every item (a failed run spends it on errors).
			const http = rows.find((r) => (r.role === 'http' || r.role === 'batched') && r.failed === 0);
			return [vendor, floorMs < 1000 ? `${Math.round(floorMs)} ms` : lib.secs(floorMs), ...ROLES.map(([role]) => cell(by(role), floorMs, by('raw'))), `${cpu(by('defaults'))} vs ${cpu(http)} vs ${cpu(by('baseline'))}`];
		}),
	);
}

module.exports = { prepare, benchTalkover, benchTalkdesk, rowsTable, perItem, summaryTable };
