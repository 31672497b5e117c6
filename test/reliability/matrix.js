'use strict';
/**
 * Fault matrix: vendor × operation class × fault, each run through the real engine against a simulator.
 * Every run is checked for the three promises (one output per input item with the right pairedItem; no
 * duplicate creates in the simulator's state; reads complete and non-repeated; every error names the item, what
 * was being done and what to do) and counted for the README summary.
 */
const fs = require('fs');
const path = require('path');
const { startVendor, rl } = require('./env');

const OUT_DIR = path.join(__dirname, '..', '..', 'test-output', 'reliability');

// ---- faults -------------------------------------------------------------------------------------------------
// Retry-After 0 is legal and keeps the suite fast; the transport honours it like any other value.
const FAULTS = [
	{ name: '429 storm (×3)', fault: { kind: 'status', status: 429, count: 3, headers: { 'retry-after': '0' } } },
	{ name: '500 burst (×2)', fault: { kind: 'status', status: 500, count: 2 } },
	{ name: '502 burst (×2)', fault: { kind: 'status', status: 502, count: 2 } },
	{ name: '503 burst (×2)', fault: { kind: 'status', status: 503, count: 2, headers: { 'retry-after': '0' } } },
	{ name: 'reset before processing', fault: { kind: 'reset-before', count: 1 } },
	{ name: 'reset after processing', fault: { kind: 'reset-after', count: 1 } },
	{ name: 'malformed JSON', fault: { kind: 'malformed-json', count: 1 } },
	{ name: 'HTML error page', fault: { kind: 'html', status: 502, count: 1 } },
	{ name: 'token expiry mid-run', token: 'expire' },
	{ name: 'token endpoint failing', token: 'endpoint' },
];

const TOKEN = {
	talkdesk: {
		path: '/oauth/token',
		expire: (env) => env.sim.controlAction({ action: 'expireTokens' }),
		forget: (env) => delete env.credData().oauthTokenData,
	},
	qvoice: {
		path: '/api/v2/login',
		expire: (env) => env.sim.expireAllTokens(),
		forget: (env) => (env.credData().accessToken = ''),
	},
	talkover: null, // a fixed API token: no expiry, no token endpoint
};

// ---- operation classes per vendor -----------------------------------------------------------------------------
// prepare(env, run) → { items, params, match(ctx), key(item), verify(item, output, ok) → 'ok'|'lost'|'dup'|'absent'|'done', expected? }
const isPath = (method, re) => (ctx) => ctx.method === method && re.test(ctx.path);
const phone = (run, i, base = '555') => `+1312${base}${String(run * 200 + i).padStart(4, '0')}`;

const SPECS = {
	talkdesk: {
		'read one': {
			simOptions: { campaigns: 12 },
			prepare(env) {
				const items = env.sim.state.campaigns.slice(0, 3).map((c) => ({ json: { id: c.id } }));
				return {
					items,
					params: { resource: 'campaign', operation: 'get', campaignId: rl('={{$json.id}}') },
					match: isPath('GET', /^\/campaigns\/[^/]+$/),
					key: (it) => it.json.id,
					verify: (it, out) => (out.id === it.json.id ? 'ok' : 'lost'),
				};
			},
		},
		'read many (paged)': {
			simOptions: { campaigns: 130 },
			setup(env) {
				// Four pages of 40 so faults land in the middle of the pagination.
				const route = env.sim.routes.find((r) => r.method === 'GET' && r.path === '/campaigns');
				const orig = route.handler;
				route.handler = (ctx) => {
					ctx.query.per_page = '40';
					return orig(ctx);
				};
			},
			prepare(env) {
				return {
					list: true,
					items: [{ json: {} }],
					params: { resource: 'campaign', operation: 'getMany', returnAll: true },
					match: (ctx) => ctx.method === 'GET' && ctx.path === '/campaigns' && ctx.query.page !== '1',
					expected: env.sim.state.campaigns.map((c) => c.id),
					idOf: (o) => o.id,
				};
			},
		},
		create: {
			simOptions: { campaigns: 5 },
			prepare(env, run) {
				const items = [0, 1, 2].map((i) => ({ json: { name: `Reliability ${run}-${i}` } }));
				return {
					items,
					params: { resource: 'campaign', operation: 'create', name: '={{$json.name}}', dialingMode: 'PREVIEW', priority: 5 },
					match: isPath('POST', /^\/campaigns$/),
					key: (it) => it.json.name,
					count: (it) => env.sim.state.campaigns.filter((c) => c.name === it.json.name).length,
				};
			},
		},
		update: {
			simOptions: { campaigns: 5 },
			prepare(env, run) {
				const list = env.sim.state.lists[0];
				const items = list.records.slice(0, 3).map((r, i) => ({ json: { id: r.id, p: 1 + ((run + i) % 10) } }));
				return {
					items,
					params: { resource: 'recordList', operation: 'updateRecord', recordListId: rl(list.id), recordId: '={{$json.id}}', updateFields: { priority: '={{$json.p}}' } },
					match: isPath('PATCH', /^\/record-lists\/[^/]+\/records\/[^/]+$/),
					key: (it) => it.json.id,
					verify: (it) => (list.records.find((r) => r.id === it.json.id).priority === it.json.p ? 'ok' : 'lost'),
				};
			},
		},
		delete: {
			simOptions: { campaigns: 5 },
			prepare(env, run) {
				const list = env.sim.state.lists[0];
				const items = [0, 1, 2].map((i) => ({ json: { id: env.sim.controlAction({ action: 'addRecord', listId: list.id, phone_number: phone(run, i, '556') }).record.id } }));
				const exists = (id) => list.records.some((r) => r.id === id);
				return {
					items,
					params: { resource: 'recordList', operation: 'deleteRecords', recordListId: rl(list.id), deleteBy: 'id', recordId: '={{$json.id}}' },
					match: isPath('DELETE', /^\/record-lists\/[^/]+\/records\/bulks$/),
					key: (it) => it.json.id,
					batch: true,
					verify: (it, out, ok) => (ok ? (exists(it.json.id) ? 'lost' : 'ok') : exists(it.json.id) ? 'absent' : 'done'),
				};
			},
		},
		'bulk (120 records)': {
			simOptions: { campaigns: 5 },
			prepare(env, run) {
				const list = env.sim.state.lists[0];
				const items = Array.from({ length: 120 }, (_, i) => ({ json: { phone: phone(run, i), first: `Lead ${run}-${i}` } }));
				return {
					items,
					params: { resource: 'recordList', operation: 'addRecords', recordListId: rl(list.id), phoneNumber: '={{$json.phone}}', phoneType: 'MOBILE', firstName: '={{$json.first}}', lastName: 'Reliability' },
					match: isPath('POST', /^\/record-lists\/[^/]+\/records\/bulks$/),
					key: (it) => it.json.phone,
					batch: true,
					count: (it) => list.records.filter((r) => r.phone_numbers.some((p) => p.phone_number === it.json.phone)).length,
				};
			},
		},
	},

	qvoice: {
		'read one': {
			simOptions: { bigCampaignLeads: 30 },
			prepare(env) {
				const items = env.sim.campaignIds.slice(0, 3).map((id) => ({ json: { id } }));
				return {
					items,
					params: { resource: 'campaign', operation: 'get', campaign: rl('={{$json.id}}') },
					match: (ctx) => ctx.method === 'GET' && ctx.path === '/api/v2/reports/campaigns/leads/status',
					key: (it) => it.json.id,
					verify: (it, out) => (out.id === it.json.id ? 'ok' : 'lost'),
				};
			},
		},
		'read many (paged)': {
			simOptions: { bigCampaignLeads: 230 },
			prepare(env) {
				const campaign = env.sim.bigCampaignId;
				return {
					list: true,
					items: [{ json: {} }],
					params: { resource: 'lead', operation: 'getMany', campaign: rl(campaign), returnAll: true, options: { pageSize: 50 } },
					match: (ctx) => ctx.method === 'GET' && /\/leads$/.test(ctx.path) && !!ctx.query.next_start_key,
					expected: env.sim.leadsOf(campaign).map((l) => l.id),
					idOf: (o) => o.id,
				};
			},
		},
		create: {
			simOptions: { bigCampaignLeads: 30 },
			prepare(env, run) {
				const campaign = env.sim.campaignIds[1];
				const items = [0, 1, 2].map((i) => ({ json: { phone: phone(run, i) } }));
				return {
					items,
					params: { resource: 'lead', operation: 'add', campaign: rl(campaign), number: '={{$json.phone}}' },
					match: isPath('PUT', /\/campaigns\/[^/]+\/lead$/),
					key: (it) => it.json.phone,
					count: (it) => env.sim.leadsOf(campaign).filter((l) => l.number === it.json.phone).length,
				};
			},
		},
		update: {
			simOptions: { bigCampaignLeads: 30 },
			prepare(env, run) {
				const leads = env.sim.leadsOf(env.sim.campaignIds[1]).slice(0, 3);
				const items = leads.map((l, i) => ({ json: { id: l.id, s: (run + i) % 2 ? 'success' : 'failed' } }));
				return {
					items,
					params: { resource: 'lead', operation: 'setStatus', leadId: '={{$json.id}}', status: '={{$json.s}}' },
					match: isPath('POST', /\/leads\/[^/]+\/status\/[^/]+$/),
					key: (it) => it.json.id,
					verify: (it) => (env.sim.state.leads.get(it.json.id).status === it.json.s ? 'ok' : 'lost'),
				};
			},
		},
		delete: {
			simOptions: { bigCampaignLeads: 30 },
			prepare(env, run) {
				const campaign = env.sim.campaignIds[2];
				const items = [0, 1, 2].map((i) => ({ json: { id: env.sim.addLead(campaign, { number: phone(run, i, '557') }).id } }));
				const exists = (id) => env.sim.state.leads.has(id);
				return {
					items,
					params: { resource: 'lead', operation: 'delete', leadId: '={{$json.id}}' },
					match: isPath('DELETE', /\/leads\/[^/]+$/),
					key: (it) => it.json.id,
					verify: (it, out, ok) => (ok ? (exists(it.json.id) ? 'lost' : 'ok') : exists(it.json.id) ? 'absent' : 'done'),
				};
			},
		},
		'bulk (20 leads, 4 parallel)': {
			simOptions: { bigCampaignLeads: 30 },
			prepare(env, run) {
				const campaign = env.sim.campaignIds[3];
				const items = Array.from({ length: 20 }, (_, i) => ({ json: { phone: phone(run, i, '558') } }));
				return {
					items,
					params: { resource: 'lead', operation: 'add', campaign: rl(campaign), number: '={{$json.phone}}', options: { concurrency: 4 } },
					match: isPath('PUT', /\/campaigns\/[^/]+\/lead$/),
					key: (it) => it.json.phone,
					count: (it) => env.sim.leadsOf(campaign).filter((l) => l.number === it.json.phone).length,
				};
			},
		},
	},

	talkover: (() => {
		const createParams = (env, name) => ({
			resource: 'campaign',
			operation: 'create',
			name,
			campaignType: 'sales',
			agentId: rl(env.sim.state.agents[0].id),
			startDate: '2026-12-01T00:00:00',
			daysOfWeek: [1, 2, 3, 4, 5],
			callTimeRanges: { ranges: [{ start: '9:00', end: '17:00' }] },
			timezone: 'Europe/Berlin',
		});
		/** Draft campaigns made through the node itself (no faults), to update or delete. */
		async function drafts(env, run, tag) {
			const names = [0, 1, 2].map((i) => `${tag} ${run}-${i}`);
			const r = await env.h.runNode(env.node(createParams(env, '={{$json.name}}')), names.map((name) => ({ json: { name } })));
			if (r.error || r.outJson.length !== 3) throw new Error(`could not make drafts: ${r.error && r.error.message}`);
			env.sim.clearLedger();
			return r.outJson.map((c) => c.id);
		}
		const find = (env, id) => env.sim.state.campaigns.find((c) => c.id === id);
		return {
			'read one': {
				prepare(env) {
					const items = env.sim.state.campaigns.slice(0, 3).map((c) => ({ json: { id: c.id } }));
					return {
						items,
						params: { resource: 'campaign', operation: 'get', campaignId: rl('={{$json.id}}') },
						match: isPath('GET', /^\/api\/v1\/campaigns\/[^/]+$/),
						key: (it) => it.json.id,
						verify: (it, out) => (out.id === it.json.id ? 'ok' : 'lost'),
					};
				},
			},
			'read many (paged)': {
				setup(env) {
					const route = env.sim.routes.find((r) => r.method === 'GET' && r.path === '/api/v1/campaigns');
					const orig = route.handler;
					route.handler = (ctx) => {
						ctx.query.per_page = '2';
						return orig(ctx);
					};
				},
				prepare(env) {
					return {
						list: true,
						items: [{ json: {} }],
						params: { resource: 'campaign', operation: 'getAll', returnAll: true },
						match: (ctx) => ctx.method === 'GET' && ctx.path === '/api/v1/campaigns' && ctx.query.page !== '1',
						expected: env.sim.state.campaigns.map((c) => c.id),
						idOf: (o) => o.id,
					};
				},
			},
			create: {
				prepare(env, run) {
					const items = [0, 1, 2].map((i) => ({ json: { name: `Reliability ${run}-${i}` } }));
					return {
						items,
						params: createParams(env, '={{$json.name}}'),
						match: isPath('POST', /^\/api\/v1\/campaigns$/),
						key: (it) => it.json.name,
						count: (it) => env.sim.state.campaigns.filter((c) => c.name === it.json.name).length,
					};
				},
			},
			update: {
				async prepare(env, run) {
					const ids = await drafts(env, run, 'To rename');
					const items = ids.map((id, i) => ({ json: { id, name: `Renamed ${run}-${i}` } }));
					return {
						items,
						params: { resource: 'campaign', operation: 'update', campaignId: rl('={{$json.id}}'), updateFields: { name: '={{$json.name}}' } },
						match: isPath('PUT', /^\/api\/v1\/campaigns\/[^/]+$/),
						key: (it) => it.json.id,
						verify: (it) => (find(env, it.json.id).name === it.json.name ? 'ok' : 'lost'),
					};
				},
			},
			delete: {
				async prepare(env, run) {
					const ids = await drafts(env, run, 'To delete');
					const items = ids.map((id) => ({ json: { id } }));
					return {
						items,
						params: { resource: 'campaign', operation: 'delete', campaignId: rl('={{$json.id}}') },
						match: isPath('DELETE', /^\/api\/v1\/campaigns\/[^/]+$/),
						key: (it) => it.json.id,
						verify: (it, out, ok) => (ok ? (find(env, it.json.id) ? 'lost' : 'ok') : find(env, it.json.id) ? 'absent' : 'done'),
					};
				},
			},
			'bulk (20 calls, 4 parallel)': {
				prepare(env, run) {
					const campaign = env.sim.state.campaigns.find((c) => c.status === 'active');
					const items = Array.from({ length: 20 }, (_, i) => ({ json: { phone: phone(run, i, '559') } }));
					return {
						items,
						params: { resource: 'campaignCall', operation: 'add', campaignId: rl(campaign.id), phoneNumber: '={{$json.phone}}', options: { concurrency: 4, maxPerMinute: 6000 } },
						match: isPath('POST', /^\/api\/v1\/campaigns\/[^/]+\/call$/),
						key: (it) => it.json.phone,
						count: (it) => env.sim.state.campaignCalls.filter((cc) => cc.campaign_id === campaign.id && cc.to === it.json.phone).length,
					};
				},
			},
		};
	})(),
};

// ---- one run --------------------------------------------------------------------------------------------------
const ERROR_SHAPE = /could not|refused|rejected|did not|had a|failed|kept|no |not /i;

/** Runs one operation class under one fault and checks every promise; returns the counted result. */
async function runCell(env, vendor, opName, spec, faultDef, run) {
	env.sim.clearFaults();
	env.sim.clearLedger();
	env.sim.setRateLimit(null);
	const p = await spec.prepare(env, run);
	const result = { vendor, op: opName, fault: faultDef ? faultDef.name : 'none', items: p.items.length, injected: 0, ok: 0, reported: 0, ambiguous: 0, lost: 0, duplicated: 0, problems: [] };
	const problem = (text) => result.problems.push(text);

	let tokenFaults = 0;
	if (faultDef && faultDef.fault) env.sim.injectFault({ ...faultDef.fault, match: p.match });
	if (faultDef && faultDef.token === 'expire') {
		// Expire every token when the first request of the operation (page 2 of a list) arrives: that request
		// meets a 401 and n8n must renew the token once and carry on.
		let done = false;
		env.sim.injectFault({
			kind: 'status',
			count: 1,
			match: (ctx) => {
				if (!done && p.match(ctx)) {
					done = true;
					tokenFaults++;
					TOKEN[vendor].expire(env);
				}
				return false;
			},
		});
	}
	if (faultDef && faultDef.token === 'endpoint') {
		TOKEN[vendor].forget(env);
		env.sim.injectFault({ kind: 'status', status: 500, count: 1, match: (ctx) => ctx.path === TOKEN[vendor].path });
	}

	const r = await env.h.runNode(env.node(p.params, { continueOnFail: true }), p.items);
	result.injected = env.sim.ledger.filter((e) => e.fault).length + tokenFaults;
	if (faultDef && result.injected === 0) problem('the fault never fired (the operation did not send what the matrix expects)');
	if (r.error) {
		problem(`the run failed as a whole despite Continue On Fail: ${r.error.message}`);
		result.lost += p.items.length;
		return result;
	}
	const outs = r.out;
	const isError = (o) => typeof o.json.error === 'string' && Object.keys(o.json).every((k) => ['error', 'description', 'httpCode'].includes(k));
	const checkError = (o, key, what) => {
		const { error, description } = o.json;
		if (key !== undefined && !error.includes(String(key)) && !(description || '').includes(String(key))) problem(`${what}: error does not name the item (${key}): ${error}`);
		if (!ERROR_SHAPE.test(error)) problem(`${what}: error does not say what failed: ${error}`);
		if (!description || description.length < 20) problem(`${what}: error has no advice: ${error}`);
	};

	if (p.list) {
		if (outs.some((o) => !o.pairedItem || o.pairedItem.item !== 0)) problem('list output not paired to its input item');
		if (outs.length === 1 && isError(outs[0])) {
			result.reported = 1;
			checkError(outs[0], undefined, 'list');
			return result;
		}
		const ids = outs.map((o) => p.idOf(o.json));
		const unique = new Set(ids);
		result.duplicated += ids.length - unique.size;
		const missing = p.expected.filter((id) => !unique.has(id));
		result.lost += missing.length;
		if (missing.length) problem(`read returned ${ids.length} of ${p.expected.length} records (${missing.length} missing) without an error`);
		if (ids.length - unique.size) problem(`read repeated ${ids.length - unique.size} records`);
		if (!missing.length && ids.length === unique.size) result.ok = 1;
		return result;
	}

	if (outs.length !== p.items.length) problem(`${outs.length} outputs for ${p.items.length} input items`);
	const byItem = new Map();
	for (const o of outs) {
		const i = o.pairedItem && o.pairedItem.item;
		if (typeof i !== 'number') problem('output without pairedItem');
		else if (byItem.has(i)) problem(`item ${i} has more than one output`);
		else byItem.set(i, o);
	}
	p.items.forEach((it, i) => {
		const o = byItem.get(i);
		const key = p.key(it);
		if (outs.indexOf(o) !== i && o) problem(`item ${i} output out of order`);
		if (!o) {
			result.lost++;
			return;
		}
		const failed = isError(o);
		if (failed) checkError(o, p.batch ? undefined : key, `item ${i}`);
		if (p.count) {
			const n = p.count(it);
			if (n > 1) {
				result.duplicated += n - 1;
				problem(`${key} exists ${n} times at the vendor`);
			}
			if (!failed && n === 0) {
				result.lost++;
				problem(`${key} reported as done but absent at the vendor`);
			}
			if (failed) {
				if (n >= 1) result.ambiguous++;
				else result.reported++;
			} else result.ok++;
			return;
		}
		const verdict = p.verify(it, o.json, !failed);
		// A reported failure is never "lost"; whether the change happened anyway is counted separately.
		if (failed && verdict === 'lost') {
			result.reported++;
			return;
		}
		if (failed && verdict === 'ok') {
			result.ambiguous++;
			return;
		}
		if (verdict === 'lost') {
			result.lost++;
			problem(`${key}: output says done but the vendor state disagrees (ledger: ${env.sim.ledger.map((e) => `${e.method} ${e.path.slice(-10)} ${e.status}`).join(', ')}; output ${JSON.stringify(o.json).slice(0, 200)})`);
		} else if (verdict === 'ok') result.ok++;
		else if (verdict === 'done') result.ambiguous++;
		else result.reported++;
	});
	return result;
}

/** Every operation class of a vendor (side by side, one simulator each), every fault in turn. */
async function runVendor(vendor) {
	const specs = SPECS[vendor];
	const faults = FAULTS.filter((f) => !f.token || TOKEN[vendor]);
	const results = [];
	const settled = await Promise.allSettled(
		Object.entries(specs).map(async ([opName, spec]) => {
			const env = await startVendor(vendor, spec.simOptions || {});
			try {
				if (spec.setup) spec.setup(env);
				let run = 0;
				// Control run first: proves the operation works and the checks pass without faults.
				results.push(await runCell(env, vendor, opName, spec, null, run++));
				for (const f of faults) {
					const started = Date.now();
					results.push(await runCell(env, vendor, opName, spec, f, run++));
					if (process.env.RELIABILITY_DEBUG) process.stdout.write(`${vendor} ${opName} ${f.name}: ${Date.now() - started} ms\n`);
				}
			} finally {
				await env.stop();
			}
		}),
	);
	const crashed = settled.find((s) => s.status === 'rejected');
	if (crashed) throw crashed.reason;
	fs.mkdirSync(OUT_DIR, { recursive: true });
	fs.writeFileSync(path.join(OUT_DIR, `matrix-${vendor}.json`), JSON.stringify(results, null, 1));
	return results;
}

/** Markdown summary from every vendor's results written so far. */
function summaryMarkdown() {
	const all = [];
	for (const v of ['talkdesk', 'qvoice', 'talkover']) {
		const f = path.join(OUT_DIR, `matrix-${v}.json`);
		if (fs.existsSync(f)) all.push(...JSON.parse(fs.readFileSync(f, 'utf8')));
	}
	const sum = (rows, k) => rows.reduce((a, r) => a + r[k], 0);
	const lines = [];
	lines.push('| Vendor | Operation class | Runs | Faults injected | Items | Succeeded | Failed, reported | Done but reported as failed | Lost | Duplicated |');
	lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
	const groups = new Map();
	for (const r of all) {
		const k = `${r.vendor}|${r.op}`;
		if (!groups.has(k)) groups.set(k, []);
		groups.get(k).push(r);
	}
	for (const [k, rows] of groups) {
		const [vendor, op] = k.split('|');
		lines.push(`| ${vendor} | ${op} | ${rows.length} | ${sum(rows, 'injected')} | ${sum(rows, 'items')} | ${sum(rows, 'ok')} | ${sum(rows, 'reported')} | ${sum(rows, 'ambiguous')} | ${sum(rows, 'lost')} | ${sum(rows, 'duplicated')} |`);
	}
	lines.push(`| **all** | | **${all.length}** | **${sum(all, 'injected')}** | **${sum(all, 'items')}** | **${sum(all, 'ok')}** | **${sum(all, 'reported')}** | **${sum(all, 'ambiguous')}** | **${sum(all, 'lost')}** | **${sum(all, 'duplicated')}** |`);
	return { markdown: lines.join('\n'), all };
}

function writeSummary() {
	const { markdown, all } = summaryMarkdown();
	const file = path.join(OUT_DIR, '..', 'reliability-summary.md');
	fs.writeFileSync(file, `# Fault matrix\n\nFaults: ${FAULTS.map((f) => f.name).join(', ')}.\n\n${markdown}\n`);
	return { markdown, all, file };
}

module.exports = { FAULTS, SPECS, runVendor, runCell, writeSummary, summaryMarkdown, OUT_DIR };
