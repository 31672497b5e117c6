'use strict';
/**
 * Shared pieces of the benchmark (run.js) and the queue-mode demo (queue-mode.js): the QVOICE simulator with a
 * rate limit and fixed latency, the workflows compared (our node vs n8n's HTTP Request node), a peak-RSS sampler
 * for the n8n processes, and ledger arithmetic (requests, 429s, duplicates). Reuses test/tools/n8n-instance.js.
 */
const crypto = require('crypto');
const fs = require('fs');
const { nodeType } = require('../tools/vendors');

const QVOICE_CRED = { id: 'qvoiceDemoCred01', name: 'QVOICE (simulator)' };

function parseArgs(argv, defaults) {
	const out = { ...defaults };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) continue;
		const [k, inline] = a.slice(2).split('=');
		const key = k.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
		if (typeof defaults[key] === 'boolean') out[key] = inline === undefined ? true : inline !== 'false';
		else {
			const v = inline !== undefined ? inline : argv[++i];
			out[key] = typeof defaults[key] === 'number' ? Number(v) : v;
		}
	}
	return out;
}

/** Peak resident memory of a set of processes (children included), sampled from /proc every `everyMs`. */
function rssSampler(pids, everyMs = 50) {
	const read = (pid) => {
		try {
			const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
			return m ? Number(m[1]) * 1024 : 0;
		} catch {
			return 0;
		}
	};
	const total = () => pids.reduce((s, p) => s + read(p), 0);
	// utime + stime in clock ticks (100 per second on Linux).
	const cpuMs = () =>
		pids.reduce((s, p) => {
			try {
				const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
				return s + (Number(f[11]) + Number(f[12])) * 10;
			} catch {
				return s;
			}
		}, 0);
	// The main thread alone (task id = pid): where n8n runs nodes; the others are GC, libuv and compiler threads.
	const mainCpuMs = () =>
		pids.reduce((s, p) => {
			try {
				const f = fs.readFileSync(`/proc/${p}/task/${p}/stat`, 'utf8').split(') ')[1].split(' ');
				return s + (Number(f[11]) + Number(f[12])) * 10;
			} catch {
				return s;
			}
		}, 0);
	const cpuStart = cpuMs();
	const mainStart = mainCpuMs();
	const start = total();
	let peak = start;
	const timer = setInterval(() => (peak = Math.max(peak, total())), everyMs);
	return {
		start,
		stop() {
			clearInterval(timer);
			peak = Math.max(peak, total());
			return { startBytes: start, peakBytes: peak, growthBytes: Math.max(0, peak - start), cpuMs: cpuMs() - cpuStart, mainCpuMs: mainCpuMs() - mainStart };
		},
	};
}

const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The simulator's ledger entries since `fromIndex` for requests to `pathRe`, in arrival order. */
function sentSince(sim, fromIndex, pathRe) {
	return sim.ledger.slice(fromIndex).filter((e) => pathRe.test(e.path));
}

/** Milliseconds from the first to the last of `sent` (ledger entries). */
function sendingSpan(sent) {
	return sent.length ? sent[sent.length - 1].at - sent[0].at : 0;
}

/** Ledger summary since `fromIndex`: requests to `pathRe`, how many answered 429, and other non-2xx. */
function ledgerStats(sim, fromIndex, pathRe) {
	const entries = sentSince(sim, fromIndex, pathRe);
	const s = { requests: entries.length, rateLimited: 0, ok: 0, otherErrors: 0 };
	for (const e of entries) {
		if (e.status === 429) s.rateLimited++;
		else if (typeof e.status === 'number' && e.status < 300) s.ok++;
		else s.otherErrors++;
	}
	return s;
}

/** Leads in `campaignId` whose number is in `numbers`: how many were created, how many of those are duplicates. */
function createdAndDuplicates(sim, campaignId, numbers) {
	const wanted = new Set(numbers);
	const seen = new Map();
	for (const lead of sim.leadsOf(campaignId)) if (wanted.has(lead.number)) seen.set(lead.number, (seen.get(lead.number) || 0) + 1);
	let created = 0;
	let duplicates = 0;
	for (const n of seen.values()) {
		created += n;
		duplicates += n - 1;
	}
	return { created, distinct: seen.size, duplicates };
}

/**
 * A plain client's loop: `lanes` requests in flight, each lane taking the next input as soon as its request was
 * answered. `send(input)` resolves whether it succeeded; resolves the failed inputs.
 */
async function inLanes(inputs, lanes, send) {
	let next = 0;
	const failed = [];
	const lane = async () => {
		while (next < inputs.length) {
			const input = inputs[next++];
			if (!(await send(input))) failed.push(input);
		}
	};
	await Promise.all(Array.from({ length: lanes }, lane));
	return failed;
}

/** Distinct, valid E.164 numbers for run `tag` (0–99), so runs never collide in the ledger. */
function numbersFor(tag, count) {
	return Array.from({ length: count }, (_, i) => `+1${310 + tag}${String(2000000 + i).padStart(7, '0')}`);
}

function uuid() {
	return crypto.randomUUID();
}

function webhookNode(path, responseData) {
	return {
		id: uuid(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: uuid(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options: {} },
	};
}

function splitOutNode(field, x = 220) {
	return {
		id: uuid(),
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [x, 0],
		parameters: { fieldToSplitOut: field, options: {} },
	};
}

function countNode(field, x) {
	return {
		id: uuid(),
		name: 'Count',
		type: 'n8n-nodes-base.summarize',
		typeVersion: 1.1,
		position: [x, 0],
		parameters: { fieldsToSummarize: { values: [{ aggregation: 'count', field }] }, options: {} },
	};
}

function chain(id, name, nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, nodes, connections, active: false, settings: { executionOrder: 'v1' }, pinData: {} };
}

function qvoiceCredentialRef() {
	return { qvoiceApi: { id: QVOICE_CRED.id, name: QVOICE_CRED.name } };
}

/** HTTP Request node headers for the QVOICE API with a token the bench logged in for (the node has no login flow). */
function qvoiceHeaders(token, accountId) {
	return {
		sendHeaders: true,
		specifyHeaders: 'keypair',
		headerParameters: {
			parameters: [
				{ name: 'Authorization', value: `Bearer ${token}` },
				{ name: 'X-Account-ID', value: accountId },
			],
		},
	};
}

/**
 * The workflows compared. Each is started by a webhook that answers when the last node finished.
 * `createPath(kind)` / `listPath(kind)` give the webhook paths.
 */
function benchWorkflows({ simUrl, token, accountId, createCampaignId, listCampaignId, concurrency, batchSize, batchIntervals, pageSize }) {
	const leadUrl = `${simUrl}/api/v2/config/campaigns/${createCampaignId}/lead`;
	const workflows = [];
	const ours = {
		id: uuid(),
		name: 'QVOICE',
		type: nodeType('qvoice'),
		typeVersion: 1,
		position: [440, 0],
		credentials: qvoiceCredentialRef(),
		parameters: {
			resource: 'lead',
			operation: 'add',
			campaign: { __rl: true, mode: 'id', value: createCampaignId },
			number: '={{ $json.number }}',
			additionalFields: {},
			options: { concurrency },
		},
	};
	workflows.push(chain('benchCreateOurs01', 'Bench: create leads (QVOICE node)', [webhookNode('bench-create-ours', 'allEntries'), splitOutNode('body.leads'), ours]));
	const oursDefaults = { ...ours, id: uuid(), parameters: { ...ours.parameters, options: {} } };
	workflows.push(chain('benchCreateOurs02', 'Bench: create leads (QVOICE node, defaults)', [webhookNode('bench-create-defaults', 'allEntries'), splitOutNode('body.leads'), oursDefaults]));
	// The same items through n8n with no request: what any workflow of this shape costs before a node does anything.
	const noOp = { id: uuid(), name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [440, 0], parameters: {} };
	workflows.push(chain('benchBaseline001', 'Bench: n8n alone (Webhook → Split Out → No Operation)', [webhookNode('bench-baseline', 'allEntries'), splitOutNode('body.leads'), noOp]));

	const httpCreate = (name, options) => ({
		id: uuid(),
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [440, 0],
		parameters: {
			method: 'PUT',
			url: leadUrl,
			...qvoiceHeaders(token, accountId),
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: { parameters: [{ name: 'number', value: '={{ $json.number }}' }] },
			options,
		},
	});
	workflows.push(
		chain('benchCreateHttp01', 'Bench: create leads (HTTP Request, defaults)', [webhookNode('bench-create-http', 'allEntries'), splitOutNode('body.leads'), httpCreate('HTTP Request', {})]),
	);
	for (const interval of batchIntervals) {
		workflows.push(
			chain(`benchCreateB${String(interval).padStart(3, '0')}x${batchSize}`.slice(0, 16).padEnd(16, '0'), `Bench: create leads (HTTP Request, batch ${batchSize} / ${interval} ms)`, [
				webhookNode(`bench-create-batched-${interval}`, 'allEntries'),
				splitOutNode('body.leads'),
				httpCreate('HTTP Request', { batching: { batch: { batchSize, batchInterval: interval } } }),
			]),
		);
	}

	const oursList = {
		id: uuid(),
		name: 'QVOICE',
		type: nodeType('qvoice'),
		typeVersion: 1,
		position: [220, 0],
		credentials: qvoiceCredentialRef(),
		parameters: {
			resource: 'lead',
			operation: 'getMany',
			campaign: { __rl: true, mode: 'id', value: listCampaignId },
			returnAll: true,
			options: { pageSize },
		},
	};
	workflows.push(chain('benchListOurs0001', 'Bench: Return All leads (QVOICE node)', [webhookNode('bench-list-ours', 'firstEntryJson'), oursList, countNode('id', 440)]));

	const httpList = {
		id: uuid(),
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [220, 0],
		parameters: {
			method: 'GET',
			url: `${simUrl}/api/v2/config/campaigns/${listCampaignId}/leads`,
			sendQuery: true,
			specifyQuery: 'keypair',
			queryParameters: { parameters: [{ name: 'page_size', value: String(pageSize) }] },
			...qvoiceHeaders(token, accountId),
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: 'next_start_key', value: '={{ $response.body.next_start_key }}' }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ !$response.body.next_start_key }}',
						limitPagesFetched: false,
						requestInterval: 0,
					},
				},
			},
		},
	};
	const split = splitOutNode('data', 440);
	workflows.push(chain('benchListHttp0001', 'Bench: Return All leads (HTTP Request pagination)', [webhookNode('bench-list-http', 'firstEntryJson'), httpList, split, countNode('id', 660)]));
	// n8n workflow ids are 16 characters.
	workflows.forEach((w, i) => (w.id = `benchwf${String(i).padStart(9, '0')}`));
	return workflows;
}

/** Calls a production webhook and returns {status, body, ms}. */
async function callWebhook(baseUrl, path, body, { timeoutMs = 30 * 60 * 1000 } = {}) {
	const started = Date.now();
	const r = await fetch(`${baseUrl}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await r.text();
	const ms = Date.now() - started;
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: r.status, body: json, ms };
}

/** Logs in to the QVOICE simulator like any client (the HTTP Request node needs the token as a header). */
/**
 * One measured webhook run of `numbers` (one lead item each): wall time, n8n's peak RSS and CPU (whole process and
 * main thread), how many items did not come back without an error, and how the workflow ended.
 */
async function webhookRun(n8n, webhookPath, numbers) {
	const rss = rssSampler([n8n.child.pid]);
	const r = await callWebhook(n8n.url, webhookPath, { leads: numbers.map((number) => ({ number })) });
	const mem = rss.stop();
	const outputs = r.status === 200 && Array.isArray(r.body) ? r.body : [];
	const succeeded = outputs.filter((j) => j && !j.error).length;
	return {
		ms: r.ms,
		failed: numbers.length - succeeded,
		peak: mem.peakBytes,
		growth: mem.growthBytes,
		cpuMs: mem.cpuMs,
		mainCpuMs: mem.mainCpuMs,
		workflow: r.status === 200 ? 'succeeded' : `failed (HTTP ${r.status}: ${String((r.body && r.body.message) || r.body).slice(0, 80)})`,
	};
}

/** n8n alone: `count` items through Webhook → Split Out → No Operation (no request): wall time and n8n CPU. */
async function baselineRun(n8n, count) {
	const run = await webhookRun(n8n, 'bench-baseline', numbersFor(99, count));
	return {
		role: 'baseline',
		label: 'n8n alone: the same items through Webhook → Split Out → No Operation, no request',
		...run,
		// Nothing is created here: CPU is per item carried through (No Operation returns each without an error).
		items: count - run.failed,
		peak: null,
		growth: null,
		requests: 0,
		rateLimited: 0,
		created: 0,
		duplicates: 0,
	};
}

async function qvoiceLogin(simUrl, demo) {
	const r = await fetch(`${simUrl}/api/v2/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: demo.username, password: demo.password, domain: demo.domain }),
	});
	if (!r.ok) throw new Error(`login to the simulator failed: ${r.status}`);
	return (await r.json()).access_token;
}

/** Prints rows as a fixed-width table (and returns the markdown version). */
function table(headers, rows) {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
	const text = [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
	const md = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
	return { text, md };
}

module.exports = {
	QVOICE_CRED,
	parseArgs,
	rssSampler,
	mb,
	secs,
	ledgerStats,
	createdAndDuplicates,
	numbersFor,
	benchWorkflows,
	baselineRun,
	webhookRun,
	inLanes,
	sentSince,
	sendingSpan,
	callWebhook,
	qvoiceLogin,
	table,
};
