'use strict';
/**
 * QVOICE (fonoUC white-label) contact-center Campaigns API v2 simulator, after seed 003.
 *
 * Routes (all but login need `Authorization: Bearer <access_token>` and `X-Account-ID`):
 *   POST   /api/v2/login                                   {username,password,domain} -> {user, access_token, refresh_token}
 *   GET    /api/v2/reports/campaigns/leads/status          {<campaign_id>: {name,status,total_leads,leads_by_status}}
 *   GET    /api/v2/config/campaigns/:campaign_id/leads     page_size, next_start_key -> {data:[…], next_start_key} (as the seed shows)
 *   GET    /callcenter/queues/status                       [queue…] (no /api/v2 prefix)
 *   GET    /api/v2/reports/campaigns/leads/history         startDate|starDate, endDate (Unix s or ms), pageSize, startKey -> bare array
 *   PUT|POST /api/v2/config/campaigns/:campaign_id/lead    add lead (POST as third-party clients send it)
 *   POST   /api/v2/config/campaigns/leads/:leadID/status/:status
 *   DELETE /api/v2/config/campaigns/leads/:leadID
 *   PUT    /api/v2/config/campaigns/call/:cdrID/disposition/voicemail
 * Error bodies: the seed documents only plain texts (400 "The information sent is invalid.", 500 "Internal server
 * error"). Login failures: public fonoUC clients see 401 for a wrong username/password/domain
 * (vendor-apis.md §4, [3P]); the seed says 400. `loginFailureStatus` picks (default 401, 400 = the seed's form).
 * A 401/403 body is Kazoo-style JSON `{status:"error",message}` (fonoUC is Kazoo-based; the body is a guess: the
 * docs show none) so a client must show its message as text. Bad or expired token -> 401 (the client logs in
 * again); missing X-Account-ID -> 400 (seed text); an X-Account-ID that is not this login's account -> 403
 * (issue 11 point 13: "a 403 on a data call means the Account ID does not match this login").
 *
 * Cursor transport (the docs do not settle it; every form is served and tested):
 *   leads (seed 003 "Get Leads status by Campaign": page_size, next_start_key; answer `{data, next_start_key}`):
 *     `leadsCursor: 'body'` (default, as the seed shows), `'header'` (bare array + `next_start_key` header) or
 *     `'array'` (bare array, no key anywhere: a client continues from the last lead's id; the page starting at
 *     a given key includes that lead). The key is the id of the first lead of the next page.
 *   history (seed 003 "Get Campaigns activity": startDate, endDate, pageSize, startKey; answer a bare array):
 *     `historyCursor: 'none'` (default, as the seed shows: a bare array and no key at all, so a full page means
 *     "maybe more" and a client narrows the time window), `'body'` (`{data, next_start_key}`, the form third-party
 *     clients read [3P]) or `'header'` (bare array + `next_start_key` header). startDate and endDate are inclusive;
 *     records come oldest first.
 *
 * Options: { seed=3, tokenLifetimeSec=3600, bigCampaignLeads=5000, rejectPutAddLead=false, leadsCursor,
 *   historyCursor, loginFailureStatus=401, now (ms, "current time" for seeding; requests use the real clock) }.
 * Control: sim.expireAllTokens(), sim.expireTokensAfter(n) (all tokens die after n more authenticated calls),
 *   sim.controlAction({action: 'setLeadStatus'|'setCampaignStatus'|'addActivity'|'setAgent'|'removeAgent'|
 *   'expireAllTokens'|'rejectPutAddLead'|'addLead'|'setOptions', …}) also over HTTP: POST /__sim/action.
 */
const { Simulator, seeded } = require('./common');

const INVALID = 'The information sent is invalid.';
const UNAUTHORIZED = 'Unauthorized';
const PLAIN = { 'content-type': 'text/plain; charset=utf-8' };

const DEMO = {
	username: 'ops.manager',
	password: 'sim-Passw0rd!',
	domain: 'acme-contact',
	accountId: '4f1c2e9a7b3d4e5f8a9b0c1d2e3f4a5b',
};

const FIRST = ['Piper', 'Yash', 'Raven', 'Mila', 'Omar', 'Lena', 'Jonas', 'Aiko', 'Diego', 'Fatima', 'Noah', 'Zara', 'Ivan', 'Chloe', 'Tariq', 'Ines'];
const LAST = ['Huffman', 'Ellwood', 'Shields', 'Novak', 'Haddad', 'Berg', 'Keller', 'Tanaka', 'Ruiz', 'Okafor', 'Smith', 'Ahmed', 'Petrov', 'Martin', 'Ali', 'Costa'];

function text(status, body, headers = {}) {
	return { status, body, headers: { ...PLAIN, ...headers } };
}

/** Kazoo-style JSON error (the docs show no error body for 401/403; see the header comment). */
function jsonError(status, message) {
	return { status, body: { status: 'error', message } };
}

const LOGIN_REFUSED = 'invalid credentials';
const ACCOUNT_FORBIDDEN = 'user not authorized for this account';

function create(options = {}) {
	const opts = {
		seed: 3,
		tokenLifetimeSec: 3600,
		bigCampaignLeads: 5000,
		rejectPutAddLead: false,
		leadsCursor: 'body',
		historyCursor: 'none',
		loginFailureStatus: 401,
		...options,
	};
	const rnd = seeded(opts.seed);
	const hex = (n = 32) => {
		let s = '';
		while (s.length < n) s += Math.floor(rnd() * 16).toString(16);
		return s;
	};
	const pick = (list) => list[Math.floor(rnd() * list.length)];
	const nowMs = opts.now || Date.now();
	const nowSec = Math.floor(nowMs / 1000);

	// ---- seeded state -------------------------------------------------------------------------------
	const campaigns = new Map(); // id -> {id, name, status}
	const leads = new Map(); // id -> lead
	const leadIdsByCampaign = new Map(); // id -> sorted array of lead ids (the cursor order)
	const cdrs = new Set();
	const cdrOrder = [];
	const dispositions = new Map();
	const history = []; // sorted by timestamp, seq

	const campaignSeed = [
		{ name: 'Renewals Q4', status: 'running', leads: opts.bigCampaignLeads },
		{ name: 'Win-back Lapsed', status: 'stopped', leads: 44 },
		{ name: 'Webinar Follow-up', status: 'paused', leads: 23 },
		{ name: 'Survey NPS', status: 'running', leads: 12 },
		{ name: 'Collections Early', status: 'stopped', leads: 0 },
	];
	const leadStatuses = ['new', 'new', 'new', 'success', 'failed', 'success', 'callback'];
	let phoneCounter = 12131204;

	function insertLeadId(campaignId, id) {
		const ids = leadIdsByCampaign.get(campaignId);
		let lo = 0;
		let hi = ids.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (ids[mid] < id) lo = mid + 1;
			else hi = mid;
		}
		ids.splice(lo, 0, id);
	}

	function addLead(campaignId, fields, created = nowSec) {
		const id = hex();
		const lead = {
			created,
			campaign_id: campaignId,
			number: fields.number,
			status: fields.status || 'new',
			retries: fields.retries ?? 3,
			first_name: fields.first_name ?? '',
			last_name: fields.last_name ?? '',
			priority: fields.priority ?? 1,
			id,
		};
		for (const k of ['type', 'ticket_id', 'note', 'cool_off']) if (fields[k] !== undefined) lead[k] = fields[k];
		leads.set(id, lead);
		insertLeadId(campaignId, id);
		return lead;
	}

	for (const c of campaignSeed) {
		const id = hex();
		campaigns.set(id, { id, name: c.name, status: c.status });
		leadIdsByCampaign.set(id, []);
		for (let i = 0; i < c.leads; i++) {
			addLead(
				id,
				{
					number: `+1213${String(phoneCounter++).slice(-7)}`,
					status: pick(leadStatuses),
					retries: Math.floor(rnd() * 12),
					first_name: pick(FIRST),
					last_name: pick(LAST),
					priority: 1 + Math.floor(rnd() * 5),
				},
				nowSec - 6 * 86400 + Math.floor(rnd() * 5 * 86400),
			);
		}
	}

	const queues = [];
	const agentStates = [
		{ logged_in: true, status: 'idle', registered: true },
		{ logged_in: true, status: 'on_call', registered: true },
		{ logged_in: false, status: 'idle', registered: false },
		{ logged_in: true, status: 'idle', registered: true },
		{ logged_in: true, status: 'wrap_up', registered: true },
	];
	let ext = 5860;
	for (const [qi, qname] of ['Sales Outbound', 'Support Tier 1', 'Collections'].entries()) {
		const agents = [];
		for (let a = 0; a < 3 + qi; a++) {
			const st = agentStates[(a + qi) % agentStates.length];
			agents.push({
				id: hex(),
				name: `${pick(FIRST)} ${pick(LAST)}`,
				extension: String(ext++),
				extension_is_valid: a !== 4,
				delay: 0,
				timeout: 15,
				...st,
				tags: [{ id: hex(), name: `Batch-${qi + 1}`, color: '#b306f1' }],
			});
		}
		queues.push({
			id: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
			name: qname,
			extension: String(5586 + qi),
			max_time_caller_in_queue: 120,
			strategy: qi === 1 ? 'round_robin' : 'single',
			agents,
			calls: {},
		});
	}

	function queueView(q) {
		const a = q.agents;
		return {
			...q,
			agents: a.map((x) => ({ ...x, tags: x.tags.map((t) => ({ ...t })) })),
			total_agents: a.length,
			logged_in_agents: a.filter((x) => x.logged_in).length,
			logged_out_agents: a.filter((x) => !x.logged_in).length,
			idle_agents: a.filter((x) => x.logged_in && x.status === 'idle').length,
			misconfigured_agents: a.filter((x) => !x.extension_is_valid).length,
			agents_registered: a.filter((x) => x.registered).length,
			agents_on_call: a.filter((x) => x.status === 'on_call').length,
		};
	}

	let historySeq = 0;
	function addActivity({ campaignId, leadId, timestamp = Math.floor(Date.now() / 1000), event = 'campaign dial', type = 'dial agent' } = {}) {
		const campaign = campaigns.get(campaignId) || [...campaigns.values()][0];
		const ids = leadIdsByCampaign.get(campaign.id);
		const lead = (leadId && leads.get(leadId)) || leads.get(ids[Math.floor(rnd() * ids.length)]) || { first_name: 'Unknown', last_name: '', number: '+12135550100' };
		const agent = queues[0].agents[Math.floor(rnd() * queues[0].agents.length)];
		const [agentFirst, ...agentLast] = agent.name.split(' ');
		const uuid = `${hex(36)}-clicktocall`;
		// The history record carries no CDR id in the docs; each call still gets one (see sim.cdrIds).
		const cdrId = hex();
		cdrs.add(cdrId);
		cdrOrder.push(cdrId);
		const record = {
			datetime: new Date(timestamp * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
			timestamp,
			campaign_name: campaign.name,
			lead_name: `${lead.first_name} ${lead.last_name}`.trim(),
			lead_number: lead.number,
			agent_name: agent.name,
			agent_extension: agent.extension,
			lead_history: [
				{
					agent: {
						delay: 0,
						device_endpoints: [],
						email: `${agentFirst.toLowerCase()}@example.com`,
						endpoint: hex(),
						ext: agent.extension,
						first_name: agentFirst,
						last_answered: timestamp - 30 + 0.92,
						last_attempt: timestamp - 30 + 0.91,
						last_hangup: 0,
						last_name: agentLast.join(' '),
						status: agent.status,
						timeout: agent.timeout,
						total_talk_time: 0,
						type: 'user',
					},
					event,
					ext: agent.extension,
					last_attempt: timestamp + 0.0263,
					type,
					uuid,
				},
			],
		};
		Object.defineProperty(record, '_seq', { value: historySeq++, enumerable: false });
		Object.defineProperty(record, '_key', { value: hex(), enumerable: false });
		let i = history.length;
		while (i > 0 && (history[i - 1].timestamp > timestamp || (history[i - 1].timestamp === timestamp && history[i - 1]._seq > record._seq))) i--;
		history.splice(i, 0, record);
		return record;
	}
	const campaignIds = [...campaigns.keys()];
	for (let d = 0; d < 300; d++) {
		// Four days of dialing, older first.
		addActivity({ campaignId: campaignIds[d % 4], timestamp: nowSec - 4 * 86400 + Math.floor((d * 4 * 86400) / 300) - 120 });
	}

	// ---- auth ---------------------------------------------------------------------------------------
	const tokens = new Map(); // token -> expiresAtMs
	let expireAfter = null;

	function expireAllTokens() {
		for (const t of tokens.keys()) tokens.set(t, 0);
	}

	function parseUnix(value) {
		if (value === undefined || value === '') return undefined;
		if (!/^\d+(\.\d+)?$/.test(String(value))) return NaN;
		const n = Number(value);
		// Values past year 5138 in seconds are milliseconds; the seed example mixes both.
		return n > 1e11 ? n : n * 1000;
	}

	function intOrUndefined(value, min, max) {
		if (value === undefined || value === '') return undefined;
		if (!/^\d+$/.test(String(value))) return NaN;
		const n = Number(value);
		return n < min || n > max ? NaN : n;
	}

	const routes = [
		{
			method: 'POST',
			path: '/api/v2/login',
			// Seed 003 "Get access token": 200 {user, access_token, refresh_token}; 400 "The information sent is
			// invalid."; public fonoUC clients get 401 for bad credentials (vendor-apis.md §4) -> loginFailureStatus.
			handler: ({ body }) => {
				const b = body && typeof body === 'object' ? body : {};
				if (b.username !== DEMO.username || b.password !== DEMO.password || b.domain !== DEMO.domain) {
					return opts.loginFailureStatus === 400 ? text(400, INVALID) : jsonError(401, LOGIN_REFUSED);
				}
				const access = `eyJ${hex(40)}.${hex(24)}`;
				tokens.set(access, Date.now() + opts.tokenLifetimeSec * 1000);
				return {
					status: 200,
					body: {
						user: { id: hex(), username: DEMO.username, first_name: 'Olivia', last_name: 'Manager', domain: DEMO.domain, account_id: DEMO.accountId, role: 'admin' },
						access_token: access,
						refresh_token: `rt_${hex(40)}`,
					},
				};
			},
		},
		{
			method: 'GET',
			path: '/api/v2/reports/campaigns/leads/status',
			handler: () => {
				const out = {};
				for (const c of campaigns.values()) {
					const byStatus = {};
					const ids = leadIdsByCampaign.get(c.id);
					for (const id of ids) {
						const s = leads.get(id).status;
						byStatus[s] = (byStatus[s] || 0) + 1;
					}
					out[c.id] = { name: c.name, status: c.status, total_leads: ids.length, leads_by_status: byStatus };
				}
				return { status: 200, body: out };
			},
		},
		{
			method: 'GET',
			path: '/api/v2/config/campaigns/:campaign_id/leads',
			// Seed 003 "Get Leads status by Campaign": page_size, next_start_key -> {data:[…], next_start_key}.
			handler: ({ params, query }) => {
				const ids = leadIdsByCampaign.get(params.campaign_id);
				if (!ids) return text(400, INVALID);
				const size = intOrUndefined(query.page_size, 1, 1000);
				if (Number.isNaN(size)) return text(400, INVALID);
				const pageSize = size || 50;
				let start = 0;
				if (query.next_start_key) {
					start = ids.indexOf(query.next_start_key);
					if (start < 0) {
						// The start lead may have been deleted meanwhile: continue from where it would be.
						if (!/^[0-9a-f]{32}$/.test(query.next_start_key)) return text(400, INVALID);
						start = ids.findIndex((id) => id > query.next_start_key);
						if (start < 0) start = ids.length;
					}
				}
				const page = ids.slice(start, start + pageSize).map((id) => ({ ...leads.get(id) }));
				const next = ids[start + pageSize];
				if (opts.leadsCursor === 'header') {
					return { status: 200, body: page, headers: next ? { next_start_key: next } : {} };
				}
				if (opts.leadsCursor === 'array') return { status: 200, body: page };
				return { status: 200, body: next ? { data: page, next_start_key: next } : { data: page } };
			},
		},
		{
			method: 'GET',
			path: '/callcenter/queues/status',
			handler: () => ({ status: 200, body: queues.map(queueView) }),
		},
		{
			method: 'GET',
			path: '/api/v2/reports/campaigns/leads/history',
			// Seed 003 "Get Campaigns activity": startDate/endDate (Unix), pageSize, startKey -> a bare array of
			// records; `next_start_key` only in the third-party form (historyCursor 'body' / 'header').
			handler: ({ query }) => {
				const startMs = parseUnix(query.startDate ?? query.starDate);
				const endMs = parseUnix(query.endDate);
				const size = intOrUndefined(query.pageSize, 1, 5000);
				if (Number.isNaN(startMs) || Number.isNaN(endMs) || Number.isNaN(size)) return text(400, INVALID);
				const from = startMs ?? 0;
				const to = endMs ?? Date.now();
				if (to < from) return text(400, INVALID);
				const window = history.filter((r) => r.timestamp * 1000 >= from && r.timestamp * 1000 <= to);
				let start = 0;
				if (query.startKey) {
					start = window.findIndex((r) => r._key === query.startKey);
					if (start < 0) return text(400, INVALID);
				}
				const pageSize = size || 1000;
				const page = window.slice(start, start + pageSize).map((r) => JSON.parse(JSON.stringify(r)));
				const next = window[start + pageSize] && window[start + pageSize]._key;
				if (opts.historyCursor === 'body') return { status: 200, body: next ? { data: page, next_start_key: next } : { data: page } };
				if (opts.historyCursor === 'header') return { status: 200, body: page, headers: next ? { next_start_key: next } : {} };
				return { status: 200, body: page };
			},
		},
		...['PUT', 'POST'].map((method) => ({
			method,
			path: '/api/v2/config/campaigns/:campaign_id/lead',
			handler: ({ params, body }) => {
				if (method === 'PUT' && opts.rejectPutAddLead) return text(405, 'Method Not Allowed');
				if (!campaigns.has(params.campaign_id)) return text(400, INVALID);
				const b = body && typeof body === 'object' && !Array.isArray(body) ? body : null;
				if (!b || typeof b.number !== 'string' || !/^\+?[1-9]\d{6,14}$/.test(b.number)) return text(400, INVALID);
				for (const k of ['retries', 'priority', 'cool_off']) {
					if (b[k] !== undefined && (typeof b[k] !== 'number' || !Number.isInteger(b[k]) || b[k] < 0)) return text(400, INVALID);
				}
				for (const k of ['first_name', 'last_name', 'type', 'ticket_id', 'note']) {
					if (b[k] !== undefined && typeof b[k] !== 'string') return text(400, INVALID);
				}
				addLead(params.campaign_id, b, Math.floor(Date.now() / 1000));
				return text(200, 'Lead added to campaign successfully.');
			},
		})),
		{
			method: 'POST',
			path: '/api/v2/config/campaigns/leads/:leadID/status/:status',
			handler: ({ params }) => {
				const lead = leads.get(params.leadID);
				if (!lead || !/^[A-Za-z0-9_-]{1,32}$/.test(params.status)) return text(400, INVALID);
				lead.status = params.status;
				return text(200, 'Lead status set successfully.');
			},
		},
		{
			method: 'DELETE',
			path: '/api/v2/config/campaigns/leads/:leadID',
			handler: ({ params }) => {
				const lead = leads.get(params.leadID);
				if (!lead) return text(400, INVALID);
				leads.delete(lead.id);
				const ids = leadIdsByCampaign.get(lead.campaign_id);
				ids.splice(ids.indexOf(lead.id), 1);
				return text(200, 'Lead deleted successfully.');
			},
		},
		{
			method: 'PUT',
			path: '/api/v2/config/campaigns/call/:cdrID/disposition/voicemail',
			handler: ({ params }) => {
				if (!cdrs.has(params.cdrID)) return text(400, INVALID);
				dispositions.set(params.cdrID, 'voicemail');
				return text(200, 'Call disposition set successfully.');
			},
		},
	];

	const sim = new Simulator({
		name: 'qvoice',
		routes,
		errorBody: (status) =>
			status === 400 ? INVALID : status === 401 ? UNAUTHORIZED : status === 403 ? 'Forbidden' : status === 404 ? '404 page not found' : status === 405 ? 'Method Not Allowed' : status === 429 ? 'Too Many Requests' : 'Internal server error',
		before: (ctx, route) => {
			if (ctx.path === '/api/v2/login') return null;
			const m = /^Bearer\s+(\S+)$/i.exec(ctx.headers.authorization || '');
			const expires = m ? tokens.get(m[1]) : undefined;
			if (!expires || expires <= Date.now()) return text(401, UNAUTHORIZED);
			const account = ctx.headers['x-account-id'];
			if (!account) return text(400, INVALID);
			// A valid login asking for another account's data (issue 11 point 13).
			if (account !== DEMO.accountId) return jsonError(403, ACCOUNT_FORBIDDEN);
			if (!route) return null;
			if (expireAfter !== null && --expireAfter <= 0) {
				expireAfter = null;
				// This call was already let through; every token issued so far is dead from the next call on.
				expireAllTokens();
			}
			return null;
		},
	});

	Object.assign(sim, {
		options: opts,
		demo: DEMO,
		state: { campaigns, leads, leadIdsByCampaign, queues, history, cdrs, dispositions, tokens },
		bigCampaignId: campaignIds[0],
		campaignIds,
		/** CDR ids of the seeded calls, oldest first (for Set Disposition to Voicemail). */
		cdrIds: cdrOrder,
		expireAllTokens,
		/** Every token dies after `n` more authenticated API calls (the n-th still succeeds). */
		expireTokensAfter(n) {
			expireAfter = n;
		},
		addActivity,
		addLead,
		leadsOf(campaignId) {
			return (leadIdsByCampaign.get(campaignId) || []).map((id) => leads.get(id));
		},
		queueView,
		exportState() {
			return {
				campaigns: [...campaigns.values()],
				leadCounts: Object.fromEntries([...leadIdsByCampaign].map(([k, v]) => [k, v.length])),
				queues: queues.map(queueView),
				historyCount: history.length,
				dispositions: Object.fromEntries(dispositions),
			};
		},
		controlAction(b = {}) {
			switch (b.action) {
				case 'setLeadStatus': {
					const lead = leads.get(b.leadId);
					if (!lead) return { ok: false, error: 'no such lead' };
					lead.status = b.status;
					return { ok: true, lead: { ...lead } };
				}
				case 'setCampaignStatus': {
					const c = campaigns.get(b.campaignId);
					if (!c) return { ok: false, error: 'no such campaign' };
					c.status = b.status;
					return { ok: true, campaign: { ...c } };
				}
				case 'addActivity': {
					const r = addActivity(b);
					return { ok: true, record: JSON.parse(JSON.stringify(r)) };
				}
				case 'addLead': {
					const lead = addLead(b.campaignId, b.lead || {});
					return { ok: true, lead: { ...lead } };
				}
				case 'setAgent': {
					const q = queues.find((x) => x.id === b.queueId);
					const a = q && q.agents.find((x) => x.id === b.agentId);
					if (!a) return { ok: false, error: 'no such queue/agent' };
					for (const k of ['logged_in', 'status', 'registered']) if (b[k] !== undefined) a[k] = b[k];
					return { ok: true, queue: queueView(q) };
				}
				case 'removeAgent': {
					const q = queues.find((x) => x.id === b.queueId);
					if (!q) return { ok: false, error: 'no such queue' };
					q.agents = q.agents.filter((x) => x.id !== b.agentId);
					return { ok: true, queue: queueView(q) };
				}
				case 'expireAllTokens':
					expireAllTokens();
					return { ok: true };
				case 'rejectPutAddLead':
					opts.rejectPutAddLead = b.value !== false;
					return { ok: true };
				case 'setOptions': {
					// Switch a documented variant at run time (e2e): loginFailureStatus, leadsCursor, historyCursor.
					for (const k of ['loginFailureStatus', 'leadsCursor', 'historyCursor']) if (b[k] !== undefined) opts[k] = b[k];
					return { ok: true };
				}
				default:
					return { ok: false, error: `unknown action ${b.action}` };
			}
		},
	});
	return sim;
}

/** Credential data (as n8n stores it) that works against a simulator at `baseUrl`. */
function demoCredentials(baseUrl) {
	return {
		portalUrl: baseUrl,
		username: DEMO.username,
		password: DEMO.password,
		domain: DEMO.domain,
		accountId: DEMO.accountId,
		ignoreSSLIssues: false,
	};
}

module.exports = { create, demoCredentials, DEMO, INVALID, UNAUTHORIZED, LOGIN_REFUSED, ACCOUNT_FORBIDDEN };
