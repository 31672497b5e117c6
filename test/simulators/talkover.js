'use strict';
/**
 * Talkover.ai simulator (docs.talkover.ai/en/api-reference, seed 004 + shared/reference/vendor-apis.md §3).
 *
 * Auth: `Authorization: Bearer talq_…` on everything under /api/v1 except GET /api/v1/health.
 *   missing → 401 {"message":"Missing Bearer Token"}; wrong → 401 {success:false,message:"Unauthorized"}.
 * Error shapes (all five documented ones are used, so the node's mapping is exercised):
 *   {success:false,message}                    400/403/500, wrong token, non-active campaign
 *   422 {message,errors{field:[…]}}            body validation (Laravel style; list filters add success:false as seed 004 shows)
 *   401 {message:"Missing Bearer Token"}
 *   {success:false,error:{code,message,details}}  404 not found, 400 INVALID_TRANSITION
 *   409 {success:false,message,code}           CAMPAIGN_HAS_ACTIVE_CALLS, CAMPAIGN_ACTIVE, DUPLICATE_CALL (+existing_call)
 *   429 {success:false,message:"Rate limit exceeded",code:"RATE_LIMIT_EXCEEDED"} + Retry-After (common.js rate limit)
 *
 * Options for create(): { token, now (ms, base of seeded timestamps), webhookRetryDelayMs (default 1000),
 *   seed (false = start empty) }.
 * Webhooks are really delivered by HTTP to the registered URL (see deliver()); `sim.deliveries` logs every attempt
 * and `await sim.settle()` waits for deliveries in flight.
 * Guesses (not documented): field names for the bearer/basic/api_key authorization schemes
 * (`bearer_token`, `basic_username`/`basic_password`, `api_key_header`/`api_key_value`); payload shape of webhook
 * events; the signature header (`X-Talkover-Signature: sha256=<hmac of body>` when webhook_secret is set).
 */
const http = require('http');
const https = require('https');
const crypto = require('crypto');
const { Simulator } = require('./common');

const DEFAULT_TOKEN = 'talq_sim_0123456789abcdefABCDEF';
const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'completed', 'cancelled'];
const CAMPAIGN_TYPES = ['sales', 'follow_up', 'reminder', 'custom'];
const CALL_STATUSES = ['initiated', 'ringing', 'answered', 'completed', 'failed', 'busy', 'no-answer'];
const TRANSITIONS = {
	draft: ['active', 'cancelled'],
	active: ['paused', 'completed', 'cancelled'],
	paused: ['active', 'completed', 'cancelled'],
	completed: [],
	cancelled: [],
};
const WEBHOOK_EVENTS = [
	'campaign.created', 'campaign.started', 'campaign.paused', 'campaign.completed', 'campaign.updated',
	'campaign_call.queued', 'campaign_call.started', 'campaign_call.completed', 'campaign_call.retry_scheduled', 'campaign_call.failed',
	'event_recording', 'event_call_transcript', 'event_call_report',
];
const STATUS_EVENT = { active: 'campaign.started', paused: 'campaign.paused', completed: 'campaign.completed', cancelled: 'campaign.updated' };
const E164 = /^\+[1-9]\d{6,14}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COOLDOWN_FIELDS = ['retry_cooldown_hours', 'post_completion_cooldown_hours', 'success_cooldown_hours', 'voicemail_cooldown_hours', 'no_answer_cooldown_hours', 'busy_cooldown_hours', 'failed_cooldown_hours'];
const BOOL_FIELDS = ['auto_complete', 'retry_on_no_conversion', 'enable_post_completion_cooldown', 'do_not_call_enabled', 'auto_add_to_dnc_enabled'];

function uuid(prefix, n) {
	return `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function validTimezone(tz) {
	if (typeof tz !== 'string' || !tz.includes('/') && tz !== 'UTC') return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}

function isDate(v) {
	if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const isInt = (v) => typeof v === 'number' && Number.isInteger(v);
const isBool = (v) => typeof v === 'boolean' || v === 0 || v === 1;

function human(field) {
	return field.replace(/_/g, ' ');
}

function create(options = {}) {
	const token = options.token || DEFAULT_TOKEN;
	const base = options.now || Date.UTC(2026, 10, 23, 9, 0, 0);
	const webhookRetryDelayMs = options.webhookRetryDelayMs ?? 1000;
	const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const nowIso = () => iso(Date.now());
	let counter = 0;
	const nextId = (prefix) => uuid(prefix, ++counter);

	const state = { agents: [], campaigns: [], campaignCalls: [], calls: [], webhooks: [] };
	const deliveries = [];
	const pending = new Set();

	// ---------- responses ----------
	const ok = (status, body) => ({ status, body });
	const fail = (status, message, extra = {}) => ok(status, { success: false, message, ...extra });
	const failCoded = (status, code, message, details = null) => ok(status, { success: false, error: { code, message, details } });
	const invalid = (errors, withSuccess = false) =>
		ok(422, { ...(withSuccess ? { success: false } : {}), message: 'The given data was invalid.', errors });

	function errorBody(status, message) {
		if (status === 429) return { success: false, message: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED' };
		if (status === 404) return { success: false, error: { code: 'NOT_FOUND', message, details: null } };
		if (status === 500) return { success: false, message: 'Internal server error.' };
		return { success: false, message };
	}

	// ---------- model ----------
	function agentRef(id) {
		const a = state.agents.find((x) => x.id === id);
		return a ? { id: a.id, name: a.name, label: a.label } : null;
	}

	function campaignStats(c) {
		const calls = state.campaignCalls.filter((cc) => cc.campaign_id === c.id);
		const completed = calls.filter((cc) => cc.status === 'completed').length;
		const failed = calls.filter((cc) => cc.status === 'failed').length;
		const done = completed + failed;
		return {
			total_calls: calls.length,
			completed_calls: completed,
			failed_calls: failed,
			success_rate: done ? Math.round((completed / done) * 1000) / 10 : 0,
		};
	}

	function campaignView(c, full = false) {
		const ranges = c.call_time_ranges || [];
		const view = {
			...c,
			earliest_call_time: ranges.length ? `${ranges.map((r) => r.start).sort()[0]}:00` : null,
			latest_call_time: ranges.length ? `${ranges.map((r) => r.end).sort().slice(-1)[0]}:00` : null,
			agent: agentRef(c.agent_id),
			stats: campaignStats(c),
		};
		if (full) {
			view.calls = state.campaignCalls.filter((cc) => cc.campaign_id === c.id).map((cc) => ({ ...cc }));
			view.files = c.files || [];
		}
		delete view.files_internal;
		return view;
	}

	function hasBusyCalls(c) {
		return state.campaignCalls.some((cc) => cc.campaign_id === c.id && ['queued', 'in_progress'].includes(cc.status));
	}

	// Seed 004 (list-campaigns) and the list-calls / list-agents pages: `page` (default 1), `per_page` (default 20,
	// max 100) -> {success, data:[…], pagination{current_page,last_page,per_page,total,from,to}}; 422 past the max.
	function paginate(list, query, { withSuccessOn422 = true } = {}) {
		const errors = {};
		const perPage = query.per_page === undefined ? 20 : Number(query.per_page);
		const page = query.page === undefined ? 1 : Number(query.page);
		if (!Number.isInteger(perPage) || perPage < 1) errors.per_page = ['The per page must be at least 1.'];
		else if (perPage > 100) errors.per_page = ['The per page may not be greater than 100.'];
		if (!Number.isInteger(page) || page < 1) errors.page = ['The page must be at least 1.'];
		if (Object.keys(errors).length) return { error: invalid(errors, withSuccessOn422) };
		const total = list.length;
		const lastPage = Math.max(1, Math.ceil(total / perPage));
		const slice = list.slice((page - 1) * perPage, page * perPage);
		return {
			data: slice,
			pagination: {
				current_page: page,
				last_page: lastPage,
				per_page: perPage,
				total,
				from: slice.length ? (page - 1) * perPage + 1 : null,
				to: slice.length ? (page - 1) * perPage + slice.length : null,
			},
		};
	}

	function checkDateFilters(query, errors) {
		for (const f of ['date_from', 'date_to']) {
			if (query[f] !== undefined && !isDate(query[f])) errors[f] = [`The ${human(f)} must be a valid date.`];
		}
	}

	function inDateRange(createdAt, query) {
		const day = createdAt.slice(0, 10);
		if (query.date_from && day < query.date_from) return false;
		if (query.date_to && day > query.date_to) return false;
		return true;
	}

	// ---------- campaign validation ----------
	function validateCampaign(body, partial) {
		const errors = {};
		const add = (f, m) => (errors[f] = errors[f] || []).push(m);
		const has = (f) => body[f] !== undefined;
		const required = ['name', 'campaign_type', 'agent_id', 'start_date', 'days_of_week', 'call_time_ranges', 'timezone'];
		if (!partial) for (const f of required) if (!has(f) || body[f] === null || body[f] === '') add(f, `The ${human(f)} field is required.`);
		if (has('name') && body.name !== null && body.name !== '') {
			if (typeof body.name !== 'string') add('name', 'The name must be a string.');
			else if (body.name.length > 255) add('name', 'The name may not be greater than 255 characters.');
		}
		if (has('description') && body.description !== null && typeof body.description !== 'string') add('description', 'The description must be a string.');
		if (has('campaign_type') && body.campaign_type && !CAMPAIGN_TYPES.includes(body.campaign_type)) add('campaign_type', 'The selected campaign type is invalid.');
		if (has('agent_id') && body.agent_id) {
			if (typeof body.agent_id !== 'string' || !UUID.test(body.agent_id)) add('agent_id', 'The agent id must be a valid UUID.');
			else if (!state.agents.some((a) => a.id === body.agent_id)) add('agent_id', 'The selected agent id is invalid.');
		}
		if (has('start_date') && body.start_date && !isDate(body.start_date)) add('start_date', 'The start date does not match the format Y-m-d.');
		if (has('end_date') && body.end_date !== null) {
			if (!isDate(body.end_date)) add('end_date', 'The end date does not match the format Y-m-d.');
			else if (isDate(body.start_date) && body.end_date < body.start_date) add('end_date', 'The end date must be a date after or equal to start date.');
		}
		if (has('days_of_week') && body.days_of_week !== null && body.days_of_week !== '') {
			if (!Array.isArray(body.days_of_week) || body.days_of_week.length === 0) add('days_of_week', 'The days of week must be an array with at least 1 item.');
			else body.days_of_week.forEach((d, i) => {
				if (!isInt(d) || d < 1 || d > 7) add(`days_of_week.${i}`, `The days_of_week.${i} must be between 1 and 7.`);
			});
		}
		if (has('call_time_ranges') && body.call_time_ranges !== null && body.call_time_ranges !== '') {
			if (!Array.isArray(body.call_time_ranges) || body.call_time_ranges.length === 0) add('call_time_ranges', 'The call time ranges must be an array with at least 1 item.');
			else body.call_time_ranges.forEach((r, i) => {
				const okStart = r && typeof r.start === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(r.start);
				const okEnd = r && typeof r.end === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(r.end);
				if (!okStart) add(`call_time_ranges.${i}.start`, `The call_time_ranges.${i}.start does not match the format H:i.`);
				if (!okEnd) add(`call_time_ranges.${i}.end`, `The call_time_ranges.${i}.end does not match the format H:i.`);
				if (okStart && okEnd && r.end <= r.start) add(`call_time_ranges.${i}.end`, `The call_time_ranges.${i}.end must be a time after call_time_ranges.${i}.start.`);
			});
		}
		if (has('timezone') && body.timezone && !validTimezone(body.timezone)) add('timezone', 'The timezone must be a valid timezone.');
		if (has('initial_call_delay') && (!isInt(body.initial_call_delay) || body.initial_call_delay < 0)) add('initial_call_delay', 'The initial call delay must be at least 0.');
		if (has('max_retries') && (!isInt(body.max_retries) || body.max_retries < 0 || body.max_retries > 10)) add('max_retries', 'The max retries must be between 0 and 10.');
		// create-campaign / update-campaign pages: every *_cooldown_hours, post_completion_cooldown_hours included, is
		// 1–168 (vendor-apis.md §3 and §4); Laravel 422 {message, errors{field:[…]}}.
		for (const f of COOLDOWN_FIELDS) {
			if (has(f) && (!isInt(body[f]) || body[f] < 1 || body[f] > 168)) add(f, `The ${human(f)} must be between 1 and 168.`);
		}
		for (const f of BOOL_FIELDS) if (has(f) && !isBool(body[f])) add(f, `The ${human(f)} field must be true or false.`);
		if (has('do_not_call_list_source') && !['environment', 'global', 'custom'].includes(body.do_not_call_list_source)) add('do_not_call_list_source', 'The selected do not call list source is invalid.');
		if (has('do_not_call_custom_list')) {
			if (!Array.isArray(body.do_not_call_custom_list)) add('do_not_call_custom_list', 'The do not call custom list must be an array.');
			else body.do_not_call_custom_list.forEach((n, i) => {
				if (typeof n !== 'string' || !E164.test(n)) add(`do_not_call_custom_list.${i}`, `The do_not_call_custom_list.${i} format is invalid.`);
			});
		}
		for (const f of ['auto_dnc_trigger_statuses', 'auto_dnc_trigger_errors']) {
			if (has(f) && (!Array.isArray(body[f]) || body[f].some((x) => typeof x !== 'string'))) add(f, `The ${human(f)} must be an array of strings.`);
		}
		return errors;
	}

	const CAMPAIGN_FIELDS = [
		'name', 'description', 'campaign_type', 'agent_id', 'start_date', 'end_date', 'days_of_week', 'call_time_ranges', 'timezone',
		'initial_call_delay', 'max_retries', 'auto_complete', 'retry_on_no_conversion', 'enable_post_completion_cooldown',
		...COOLDOWN_FIELDS, 'do_not_call_enabled', 'do_not_call_list_source', 'do_not_call_custom_list',
		'auto_add_to_dnc_enabled', 'auto_dnc_trigger_statuses', 'auto_dnc_trigger_errors',
	];

	function newCampaign(fields, status = 'draft', createdMs = Date.now()) {
		const c = {
			id: nextId('c4a70000'),
			name: fields.name,
			description: fields.description ?? null,
			status,
			campaign_type: fields.campaign_type,
			start_date: fields.start_date,
			end_date: fields.end_date ?? null,
			days_of_week: fields.days_of_week,
			call_time_ranges: fields.call_time_ranges,
			timezone: fields.timezone,
			agent_id: fields.agent_id,
			initial_call_delay: 0,
			max_retries: 3,
			retry_cooldown_hours: 24,
			auto_complete: false,
			retry_on_no_conversion: false,
			enable_post_completion_cooldown: false,
			post_completion_cooldown_hours: 168,
			do_not_call_enabled: false,
			do_not_call_list_source: 'environment',
			do_not_call_custom_list: [],
			auto_add_to_dnc_enabled: false,
			auto_dnc_trigger_statuses: [],
			auto_dnc_trigger_errors: [],
			files: [],
			created_at: iso(createdMs),
			updated_at: iso(createdMs),
		};
		for (const f of CAMPAIGN_FIELDS) if (fields[f] !== undefined) c[f] = fields[f];
		state.campaigns.push(c);
		return c;
	}

	function findCampaign(id) {
		return state.campaigns.find((c) => c.id === id);
	}
	const campaignNotFound = (id) => failCoded(404, 'NOT_FOUND', 'Campaign not found.', { campaign_id: id });

	// ---------- calls ----------
	function newCallRecord({ agentId, to, status = 'initiated', campaignId = null, campaignCallId = null, createdMs = Date.now(), duration = 0, direction = 'outbound' }) {
		const n = counter + 1;
		const call = {
			id: nextId('ca110000'),
			sid: `CA${crypto.createHash('sha1').update(String(n)).digest('hex').slice(0, 32)}`,
			to,
			from: '+15550100000',
			direction,
			status,
			duration,
			agent_id: agentId,
			agent: agentRef(agentId),
			campaign_id: campaignId,
			campaign_call_id: campaignCallId,
			created_at: iso(createdMs),
			updated_at: iso(createdMs),
		};
		state.calls.push(call);
		return call;
	}

	function listCalls(query, agentId) {
		const errors = {};
		if (query.status !== undefined && !CALL_STATUSES.includes(query.status)) errors.status = ['The selected status is invalid.'];
		if (query.direction !== undefined && !['inbound', 'outbound'].includes(query.direction)) errors.direction = ['The selected direction is invalid.'];
		checkDateFilters(query, errors);
		if (Object.keys(errors).length) return invalid(errors, true);
		const search = (query.search || '').toLowerCase();
		const list = state.calls
			.filter((c) => (!agentId || c.agent_id === agentId) && (!query.agent_id || c.agent_id === query.agent_id))
			.filter((c) => !query.status || c.status === query.status)
			.filter((c) => !query.direction || c.direction === query.direction)
			.filter((c) => inDateRange(c.created_at, query))
			.filter((c) => !search || c.to.includes(search) || c.from.includes(search) || c.sid.toLowerCase().includes(search))
			.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id < b.id ? 1 : -1))
			.map((c) => ({ ...c }));
		const p = paginate(list, query);
		return p.error || ok(200, { success: true, data: p.data, pagination: p.pagination });
	}

	// ---------- webhooks ----------
	function webhookView(w) {
		const { secret_internal, ...rest } = w;
		void secret_internal;
		return { ...rest, webhook_secret: w.webhook_secret ? '********' : null, bearer_token: w.bearer_token ? '********' : undefined };
	}

	function validateWebhook(body, partial) {
		const errors = {};
		const add = (f, m) => (errors[f] = errors[f] || []).push(m);
		const has = (f) => body[f] !== undefined;
		if (!partial) for (const f of ['name', 'webhook_url', 'events']) if (!has(f) || body[f] === '' || body[f] === null) add(f, `The ${human(f)} field is required.`);
		if (has('name') && body.name && (typeof body.name !== 'string' || body.name.length > 255)) add('name', 'The name may not be greater than 255 characters.');
		if (has('webhook_url') && body.webhook_url) {
			let valid = false;
			try {
				valid = ['http:', 'https:'].includes(new URL(body.webhook_url).protocol);
			} catch {
				valid = false;
			}
			if (!valid) add('webhook_url', 'The webhook url must be a valid URL.');
		}
		if (has('events') && body.events) {
			if (!Array.isArray(body.events) || body.events.length === 0) add('events', 'The events must be an array with at least 1 item.');
			else body.events.forEach((e, i) => {
				if (!WEBHOOK_EVENTS.includes(e)) add(`events.${i}`, `The selected events.${i} is invalid.`);
			});
		}
		if (has('timeout') && (!isInt(body.timeout) || body.timeout < 5 || body.timeout > 120)) add('timeout', 'The timeout must be between 5 and 120.');
		if (has('max_retries') && (!isInt(body.max_retries) || body.max_retries < 0 || body.max_retries > 10)) add('max_retries', 'The max retries must be between 0 and 10.');
		if (has('http_method') && !['POST', 'PUT', 'PATCH'].includes(body.http_method)) add('http_method', 'The selected http method is invalid.');
		if (has('authorization_scheme') && !['none', 'bearer', 'basic', 'api_key', 'custom'].includes(body.authorization_scheme)) add('authorization_scheme', 'The selected authorization scheme is invalid.');
		if (has('custom_headers') && (!Array.isArray(body.custom_headers) || body.custom_headers.some((h) => !h || typeof h.key !== 'string' || !h.key))) add('custom_headers', 'Each custom header needs a key and a value.');
		return errors;
	}

	const WEBHOOK_FIELDS = ['name', 'webhook_url', 'events', 'webhook_secret', 'timeout', 'max_retries', 'enabled', 'http_method', 'authorization_scheme', 'custom_headers', 'payload_templates', 'include_call_events', 'bearer_token', 'basic_username', 'basic_password', 'api_key_header', 'api_key_value'];

	function authHeaders(w) {
		const h = {};
		switch (w.authorization_scheme) {
			case 'bearer':
				if (w.bearer_token) h.authorization = `Bearer ${w.bearer_token}`;
				break;
			case 'basic':
				h.authorization = `Basic ${Buffer.from(`${w.basic_username || ''}:${w.basic_password || ''}`).toString('base64')}`;
				break;
			case 'api_key':
				if (w.api_key_value) h[(w.api_key_header || 'X-API-Key').toLowerCase()] = w.api_key_value;
				break;
			default:
				break;
		}
		// Custom headers apply with any scheme ("custom" is just "only custom headers").
		for (const { key, value } of w.custom_headers || []) h[key.toLowerCase()] = String(value ?? '');
		return h;
	}

	function postOnce(w, payloadText) {
		return new Promise((resolve) => {
			let url;
			try {
				url = new URL(w.webhook_url);
			} catch (e) {
				return resolve({ error: e.message });
			}
			const headers = { 'content-type': 'application/json', 'user-agent': 'Talkover-Webhooks/1.0', 'content-length': Buffer.byteLength(payloadText), ...authHeaders(w) };
			if (w.webhook_secret) headers['x-talkover-signature'] = `sha256=${crypto.createHmac('sha256', w.webhook_secret).update(payloadText).digest('hex')}`;
			const lib = url.protocol === 'https:' ? https : http;
			const req = lib.request(url, { method: w.http_method || 'POST', headers, timeout: (w.timeout || 30) * 1000, rejectUnauthorized: false }, (res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode }));
			});
			req.on('timeout', () => req.destroy(new Error('timeout')));
			req.on('error', (e) => resolve({ error: e.message }));
			req.end(payloadText);
		});
	}

	async function deliver(w, payload) {
		const text = JSON.stringify(payload);
		const attempts = 1 + (w.max_retries ?? 3);
		for (let attempt = 1; attempt <= attempts; attempt++) {
			const r = await postOnce(w, text);
			deliveries.push({ webhook_id: w.id, event: payload.event, attempt, status: r.status, error: r.error, payload, at: Date.now() });
			if (r.status >= 200 && r.status < 300) return;
			if (attempt < attempts) await new Promise((res) => setTimeout(res, webhookRetryDelayMs));
		}
	}

	function fire(event, campaign, extra = {}) {
		const payload = {
			event,
			timestamp: nowIso(),
			campaign_id: campaign.id,
			campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
			...extra,
		};
		for (const w of state.webhooks) {
			if (w.campaign_id !== campaign.id || !w.enabled || !w.events.includes(event)) continue;
			const p = deliver(w, payload).finally(() => pending.delete(p));
			pending.add(p);
		}
	}

	function fireCampaignCall(event, cc, extra = {}) {
		const campaign = findCampaign(cc.campaign_id);
		fire(event, campaign, {
			campaign_call: { id: cc.id, campaign_id: cc.campaign_id, to: cc.to, status: cc.status, attempts: cc.attempts, call_id: cc.call_id, scheduled_at: cc.scheduled_at, updated_at: cc.updated_at },
			call_id: cc.call_id,
			context: cc.context || {},
			...extra,
		});
	}

	function setCampaignStatus(c, status) {
		c.status = status;
		c.updated_at = nowIso();
		fire(STATUS_EVENT[status] || 'campaign.updated', c);
	}

	// ---------- seed ----------
	if (options.seed !== false) {
		const agents = [
			['Sales Agent', 'Outbound sales', '+15550100001'],
			['Support Agent', 'Customer follow-up', '+15550100002'],
			['Reminder Agent', 'Appointment reminders', '+15550100003'],
		];
		agents.forEach(([name, label, phone], i) =>
			state.agents.push({
				id: uuid('a6e70000', i + 1), name, label, status: 'published', direction: 'outbound', phone_number: phone,
				language: 'en-US', created_at: iso(base - (90 - i) * 86400_000), updated_at: iso(base - (30 - i) * 86400_000),
			}),
		);
		const [a1, a2, a3] = state.agents.map((a) => a.id);
		const weekdays = [1, 2, 3, 4, 5];
		const defs = [
			['Q4 Sales Outreach', 'Outbound sales campaign for Q4', 'active', 'sales', a1, '2026-10-01'],
			['Customer Follow-up', 'Follow-up calls for existing customers', 'paused', 'follow_up', a2, '2026-10-15'],
			['Dentist Reminders', 'Appointment reminders for next week', 'draft', 'reminder', a3, '2026-12-01'],
			['Summer Promo', 'Finished summer promotion', 'completed', 'sales', a1, '2026-06-01'],
			['Pilot Survey', 'Cancelled pilot', 'cancelled', 'custom', a2, '2026-05-01'],
			['Renewals', 'Contract renewals', 'active', 'follow_up', a2, '2026-11-01'],
		];
		defs.forEach(([name, description, status, type, agent, start], i) => {
			const c = newCampaign(
				{ name, description, campaign_type: type, agent_id: agent, start_date: start, days_of_week: weekdays, call_time_ranges: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }], timezone: 'America/New_York' },
				status,
				base - (60 - i * 5) * 86400_000,
			);
			if (i === 0) c.files = [{ original_filename: 'q4-leads.csv', status: 'completed', total_records: 3, processed_records: 3 }];
		});
		// Finished campaign calls and their call records on the first campaign (older than a day).
		const first = state.campaigns[0];
		['+12135550101', '+12135550102', '+12135550103'].forEach((to, i) => {
			const t = base - (3 - i) * 3600_000 * 30;
			const status = i === 2 ? 'failed' : 'completed';
			const cc = { id: nextId('cc000000'), campaign_id: first.id, to, status, payload: { first_name: ['Ana', 'Ben', 'Cy'][i] }, context: { crm_id: `L-${100 + i}` }, is_testing: false, attempts: 1, scheduled_at: iso(t), created_at: iso(t), updated_at: iso(t + 300_000) };
			state.campaignCalls.push(cc);
			const call = newCallRecord({ agentId: first.agent_id, to, status: i === 2 ? 'no-answer' : 'completed', campaignId: first.id, campaignCallId: cc.id, createdMs: t, duration: i === 2 ? 0 : 95 + i * 20 });
			call.updated_at = iso(t + 300_000);
			cc.call_id = call.id;
		});
		// A few one-off calls.
		newCallRecord({ agentId: a2, to: '+442071838750', status: 'completed', createdMs: base - 5 * 3600_000, duration: 61 });
		newCallRecord({ agentId: a3, to: '+12135550199', status: 'busy', createdMs: base - 4 * 3600_000 });
		newCallRecord({ agentId: a1, to: '+12135550150', status: 'completed', createdMs: base - 3 * 3600_000, duration: 42, direction: 'inbound' });
	}

	// ---------- routes ----------
	const V = '/api/v1';
	const routes = [
		{ method: 'GET', path: `${V}/health`, handler: () => ok(200, { status: 'ok', timestamp: nowIso() }) },

		{
			method: 'GET', path: `${V}/campaigns`, handler: ({ query }) => {
				const errors = {};
				if (query.status !== undefined && !CAMPAIGN_STATUSES.includes(query.status)) errors.status = ['The selected status is invalid.'];
				if (query.campaign_type !== undefined && !CAMPAIGN_TYPES.includes(query.campaign_type)) errors.campaign_type = ['The selected campaign type is invalid.'];
				checkDateFilters(query, errors);
				if (Object.keys(errors).length) return invalid(errors, true);
				const search = (query.search || '').toLowerCase();
				const list = state.campaigns
					.filter((c) => !query.status || c.status === query.status)
					.filter((c) => !query.campaign_type || c.campaign_type === query.campaign_type)
					.filter((c) => !query.agent_id || c.agent_id === query.agent_id)
					.filter((c) => inDateRange(c.created_at, query))
					.filter((c) => !search || c.name.toLowerCase().includes(search) || (c.description || '').toLowerCase().includes(search))
					.map((c) => campaignView(c));
				const p = paginate(list, query);
				return p.error || ok(200, { success: true, data: p.data, pagination: p.pagination });
			},
		},
		{
			method: 'POST', path: `${V}/campaigns`, handler: ({ body }) => {
				const b = body && typeof body === 'object' ? body : {};
				const errors = validateCampaign(b, false);
				if (Object.keys(errors).length) return invalid(errors);
				const c = newCampaign(b);
				fire('campaign.created', c);
				return ok(201, { success: true, message: 'Campaign created successfully.', data: campaignView(c, true) });
			},
		},
		{
			method: 'GET', path: `${V}/campaigns/:id`, handler: ({ params }) => {
				const c = findCampaign(params.id);
				return c ? ok(200, { success: true, data: campaignView(c, true) }) : campaignNotFound(params.id);
			},
		},
		{
			method: 'PUT', path: `${V}/campaigns/:id`, handler: ({ params, body }) => {
				const c = findCampaign(params.id);
				if (!c) return campaignNotFound(params.id);
				const b = body && typeof body === 'object' ? body : {};
				const errors = validateCampaign({ ...b, start_date: b.start_date ?? (b.end_date ? c.start_date : undefined) }, true);
				if (Object.keys(errors).length) return invalid(errors);
				if (c.status === 'active' && hasBusyCalls(c)) {
					return fail(409, 'Campaign has queued or active calls. Pause the campaign before updating it.', { code: 'CAMPAIGN_HAS_ACTIVE_CALLS' });
				}
				for (const f of CAMPAIGN_FIELDS) if (b[f] !== undefined) c[f] = b[f];
				c.updated_at = nowIso();
				fire('campaign.updated', c);
				return ok(200, { success: true, message: 'Campaign updated successfully.', data: campaignView(c, true) });
			},
		},
		{
			method: 'DELETE', path: `${V}/campaigns/:id`, handler: ({ params }) => {
				const c = findCampaign(params.id);
				if (!c) return campaignNotFound(params.id);
				if (c.status === 'active') {
					return fail(409, 'Cannot delete an active campaign. Pause, complete or cancel it first.', { code: 'CAMPAIGN_ACTIVE' });
				}
				state.campaigns = state.campaigns.filter((x) => x !== c);
				state.campaignCalls = state.campaignCalls.filter((x) => x.campaign_id !== c.id);
				state.webhooks = state.webhooks.filter((x) => x.campaign_id !== c.id);
				return ok(200, { success: true, message: 'Campaign deleted successfully.' });
			},
		},
		{
			method: 'PATCH', path: `${V}/campaigns/:id/status`, handler: ({ params, body }) => {
				const c = findCampaign(params.id);
				if (!c) return campaignNotFound(params.id);
				const status = body && body.status;
				if (!CAMPAIGN_STATUSES.includes(status)) return invalid({ status: [status ? 'The selected status is invalid.' : 'The status field is required.'] });
				const allowed = TRANSITIONS[c.status];
				if (!allowed.includes(status)) {
					return failCoded(400, 'INVALID_TRANSITION', `Cannot change campaign status from ${c.status} to ${status}.`, { current_status: c.status, requested_status: status, allowed_transitions: allowed });
				}
				if (['completed', 'cancelled'].includes(status) && state.campaignCalls.some((cc) => cc.campaign_id === c.id && cc.status === 'in_progress')) {
					return fail(409, 'Campaign has calls in progress. Wait for them to finish or pause the campaign first.', { code: 'CAMPAIGN_HAS_ACTIVE_CALLS' });
				}
				const previous = c.status;
				setCampaignStatus(c, status);
				return ok(200, { success: true, message: 'Campaign status updated successfully.', data: { id: c.id, previous_status: previous, status: c.status, updated_at: c.updated_at } });
			},
		},
		{
			method: 'POST', path: `${V}/campaigns/:id/call`, handler: ({ params, body }) => {
				const c = findCampaign(params.id);
				if (!c) return campaignNotFound(params.id);
				const b = body && typeof body === 'object' ? body : {};
				const errors = {};
				if (!b.to) errors.to = ['The to field is required.'];
				else if (typeof b.to !== 'string' || !E164.test(b.to)) errors.to = ['The to must be a valid phone number in E.164 format.'];
				if (b.payload !== undefined && (typeof b.payload !== 'object' || Array.isArray(b.payload) || b.payload === null)) errors.payload = ['The payload must be an object.'];
				if (b.context !== undefined && (typeof b.context !== 'object' || Array.isArray(b.context) || b.context === null)) errors.context = ['The context must be an object.'];
				if (b.is_testing !== undefined && !isBool(b.is_testing)) errors.is_testing = ['The is testing field must be true or false.'];
				if (b.allow_duplicates !== undefined && !isBool(b.allow_duplicates)) errors.allow_duplicates = ['The allow duplicates field must be true or false.'];
				if (Object.keys(errors).length) return invalid(errors);
				if (c.status !== 'active') return fail(400, `Campaign must be active to make calls. Current status: ${c.status}.`);
				const existing = state.campaignCalls.find((cc) => cc.campaign_id === c.id && cc.to === b.to);
				if (existing && !b.allow_duplicates) {
					return fail(409, 'A call to this number already exists in this campaign.', { code: 'DUPLICATE_CALL', existing_call: { id: existing.id, to: existing.to, status: existing.status, created_at: existing.created_at } });
				}
				const t = nowIso();
				const cc = { id: nextId('cc000000'), campaign_id: c.id, to: b.to, status: 'queued', payload: b.payload || {}, context: b.context || {}, is_testing: !!b.is_testing, attempts: 0, call_id: null, scheduled_at: iso(Date.now() + (c.initial_call_delay || 0) * 1000), created_at: t, updated_at: t };
				state.campaignCalls.push(cc);
				fireCampaignCall('campaign_call.queued', cc);
				return ok(201, {
					success: true,
					message: 'Call queued successfully.',
					campaign_call: { id: cc.id, campaign_id: cc.campaign_id, to: cc.to, status: cc.status, scheduled_at: cc.scheduled_at, created_at: cc.created_at },
					campaign: { id: c.id, name: c.name, status: c.status },
				});
			},
		},

		{ method: 'GET', path: `${V}/calls`, handler: ({ query }) => listCalls(query) },
		{
			method: 'GET', path: `${V}/agents/:id/calls`, handler: ({ params, query }) => {
				if (!state.agents.some((a) => a.id === params.id)) return failCoded(404, 'NOT_FOUND', 'Agent not found.', { agent_id: params.id });
				return listCalls(query, params.id);
			},
		},
		{
			method: 'GET', path: `${V}/agents`, handler: ({ query }) => {
				const search = (query.search || '').toLowerCase();
				const list = state.agents
					.filter((a) => !query.status || a.status === query.status)
					.filter((a) => !query.direction || a.direction === query.direction)
					.filter((a) => !search || a.name.toLowerCase().includes(search) || a.label.toLowerCase().includes(search))
					.map((a) => ({ ...a }));
				const p = paginate(list, query);
				return p.error || ok(200, { success: true, data: p.data, pagination: p.pagination });
			},
		},
		{
			method: 'GET', path: `${V}/agents/:id`, handler: ({ params }) => {
				const a = state.agents.find((x) => x.id === params.id);
				return a ? ok(200, { success: true, data: { ...a } }) : failCoded(404, 'NOT_FOUND', 'Agent not found.', { agent_id: params.id });
			},
		},
		{
			method: 'POST', path: `${V}/agents/:id/call`, handler: ({ params, body }) => {
				const a = state.agents.find((x) => x.id === params.id);
				if (!a) return failCoded(404, 'NOT_FOUND', 'Agent not found.', { agent_id: params.id });
				const b = body && typeof body === 'object' ? body : {};
				const errors = {};
				if (!b.to) errors.to = ['The to field is required.'];
				else if (typeof b.to !== 'string' || !E164.test(b.to)) errors.to = ['The to must be a valid phone number in E.164 format.'];
				if (b.delay_seconds !== undefined && (!isInt(b.delay_seconds) || b.delay_seconds < 0 || b.delay_seconds > 3600)) errors.delay_seconds = ['The delay seconds must be between 0 and 3600.'];
				if (b.payload !== undefined && (typeof b.payload !== 'object' || Array.isArray(b.payload) || b.payload === null)) errors.payload = ['The payload must be an object.'];
				if (Object.keys(errors).length) return invalid(errors);
				const call = newCallRecord({ agentId: a.id, to: b.to });
				call.payload = b.payload || {};
				call.context = b.context || {};
				call.is_testing = !!b.is_testing;
				return ok(201, {
					success: true,
					message: b.delay_seconds ? 'Call scheduled successfully.' : 'Call initiated successfully.',
					data: { call_id: call.id, to: call.to, agent_id: a.id, status: b.delay_seconds ? 'scheduled' : 'initiated', scheduled_at: iso(Date.now() + (b.delay_seconds || 0) * 1000) },
				});
			},
		},

		{
			// docs.talkover.ai/en/api-reference/endpoints/list-campaign-webhooks: the list sits in data.webhooks, next to
			// data.available_events (not a bare array in data).
			method: 'GET', path: `${V}/campaigns/:id/webhooks`, handler: ({ params }) => {
				const c = findCampaign(params.id);
				if (!c) return campaignNotFound(params.id);
				return ok(200, { success: true, data: { webhooks: state.webhooks.filter((w) => w.campaign_id === c.id).map(webhookView), available_events: WEBHOOK_EVENTS } });
			},
		},
		{
			method: 'POST', path: `${V}/campaigns/:id/webhooks`, handler: ({ params, body }) => {
				const c = findCampaign(params.id);
				if (!c) return campaignNotFound(params.id);
				const b = body && typeof body === 'object' ? body : {};
				const errors = validateWebhook(b, false);
				if (Object.keys(errors).length) return invalid(errors);
				const w = { id: nextId('e7b00000'), campaign_id: c.id, timeout: 30, max_retries: 3, enabled: true, http_method: 'POST', authorization_scheme: 'none', custom_headers: [], payload_templates: {}, include_call_events: false, webhook_secret: null, created_at: nowIso() };
				for (const f of WEBHOOK_FIELDS) if (b[f] !== undefined) w[f] = b[f];
				state.webhooks.push(w);
				return ok(201, { success: true, message: 'Webhook created successfully.', data: webhookView(w) });
			},
		},
		{
			method: 'GET', path: `${V}/campaigns/:id/webhooks/:wid`, handler: ({ params }) => {
				const w = state.webhooks.find((x) => x.id === params.wid && x.campaign_id === params.id);
				return w ? ok(200, { success: true, data: webhookView(w) }) : failCoded(404, 'NOT_FOUND', 'Webhook not found.', { webhook_id: params.wid });
			},
		},
		{
			method: 'PUT', path: `${V}/campaigns/:id/webhooks/:wid`, handler: ({ params, body }) => {
				const w = state.webhooks.find((x) => x.id === params.wid && x.campaign_id === params.id);
				if (!w) return failCoded(404, 'NOT_FOUND', 'Webhook not found.', { webhook_id: params.wid });
				const b = body && typeof body === 'object' ? body : {};
				const errors = validateWebhook(b, true);
				if (Object.keys(errors).length) return invalid(errors);
				for (const f of WEBHOOK_FIELDS) if (b[f] !== undefined) w[f] = b[f];
				return ok(200, { success: true, message: 'Webhook updated successfully.', data: webhookView(w) });
			},
		},
		{
			method: 'DELETE', path: `${V}/campaigns/:id/webhooks/:wid`, handler: ({ params }) => {
				const w = state.webhooks.find((x) => x.id === params.wid && x.campaign_id === params.id);
				if (!w) return failCoded(404, 'NOT_FOUND', 'Webhook not found.', { webhook_id: params.wid });
				state.webhooks = state.webhooks.filter((x) => x !== w);
				return ok(200, { success: true, message: 'Webhook deleted successfully.' });
			},
		},
	];

	const sim = new Simulator({
		name: 'talkover',
		routes,
		errorBody,
		before: (ctx, route) => {
			if (route && route.path === `${V}/health`) return null;
			const auth = ctx.headers.authorization || '';
			const m = /^Bearer\s+(\S+)$/i.exec(auth);
			if (!m) return { status: 401, body: { message: 'Missing Bearer Token' } };
			if (m[1] !== token) return { status: 401, body: { success: false, message: 'Unauthorized' } };
			return null;
		},
	});
	// Rate limit (docs: introduction, "Rate limits"): a requests-per-minute budget per environment token (Standard
	// 100, Professional 1,000), 429 {success:false,message:"Rate limit exceeded",code:"RATE_LIMIT_EXCEEDED"} +
	// Retry-After beyond it (body: errorBody above). The docs say rate-limit headers are sent but do not name them:
	// `rateLimit.headers` switches between none / X-RateLimit-* / RateLimit-* (see common.js setRateLimit).
	// options.rateLimit e.g. { windowMs: 60_000, max: 100, headers: 'x-ratelimit' }; windowMs shortens the "minute".
	sim.defaultRateLimit = { keyBy: 'authorization' };
	if (options.rateLimit) sim.setRateLimit(options.rateLimit);
	sim.state = state;
	sim.token = token;
	sim.deliveries = deliveries;
	sim.transitions = TRANSITIONS;
	sim.webhookEvents = WEBHOOK_EVENTS;
	/** Resolves when every webhook delivery in flight (including retries) has finished. */
	sim.settle = async () => {
		while (pending.size) await Promise.all([...pending]);
	};
	sim.exportState = () => JSON.parse(JSON.stringify({ ...state, deliveries: deliveries.map(({ payload, ...d }) => ({ ...d, event: payload.event })) }));

	/**
	 * Vendor-side changes:
	 *  {action:'setCampaignStatus', campaignId, status}             (no transition check: the vendor's own auto-complete etc.)
	 *  {action:'progressCall', campaignCallId, to:'started'|'completed'|'failed'|'retry_scheduled', duration?, transcript?}
	 *  {action:'createCall', agentId, to, status?, direction?}      a call record only (for the polling trigger)
	 *  {action:'setCallStatus', callId, status, duration?}
	 */
	sim.controlAction = (body = {}) => {
		switch (body.action) {
			case 'setCampaignStatus': {
				const c = findCampaign(body.campaignId);
				if (!c) return { error: 'campaign not found' };
				setCampaignStatus(c, body.status);
				return campaignView(c);
			}
			case 'progressCall': {
				const cc = state.campaignCalls.find((x) => x.id === body.campaignCallId);
				if (!cc) return { error: 'campaign call not found' };
				const c = findCampaign(cc.campaign_id);
				cc.updated_at = nowIso();
				if (body.to === 'started') {
					cc.status = 'in_progress';
					cc.attempts++;
					const call = newCallRecord({ agentId: c.agent_id, to: cc.to, status: 'initiated', campaignId: c.id, campaignCallId: cc.id });
					cc.call_id = call.id;
					fireCampaignCall('campaign_call.started', cc);
				} else {
					const call = state.calls.find((x) => x.id === cc.call_id);
					const callStatus = { completed: 'completed', failed: 'failed', retry_scheduled: 'no-answer' }[body.to];
					if (!callStatus) return { error: `unknown step ${body.to}` };
					cc.status = body.to;
					if (call) {
						call.status = callStatus;
						call.duration = body.duration ?? (body.to === 'completed' ? 87 : 0);
						call.updated_at = cc.updated_at;
					}
					fireCampaignCall(`campaign_call.${body.to}`, cc, body.to === 'failed' ? { error: body.error || 'no-answer' } : {});
					if (body.to === 'completed') {
						fireCampaignCall('event_call_transcript', cc, { transcript: body.transcript || [{ role: 'agent', text: 'Hello, this is Talkover.' }, { role: 'user', text: 'Hi!' }] });
						fireCampaignCall('event_call_report', cc, { report: { duration: call ? call.duration : 0, outcome: 'success', summary: 'Contact interested.' } });
						fireCampaignCall('event_recording', cc, { recording_url: `https://recordings.talkover.example/${cc.call_id}.mp3`, duration: call ? call.duration : 0 });
					}
				}
				return { ...cc };
			}
			case 'createCall':
				return newCallRecord({ agentId: body.agentId || state.agents[0].id, to: body.to || '+12135550177', status: body.status || 'initiated', direction: body.direction || 'outbound' });
			case 'setCallStatus': {
				const call = state.calls.find((x) => x.id === body.callId);
				if (!call) return { error: 'call not found' };
				call.status = body.status;
				if (body.duration !== undefined) call.duration = body.duration;
				call.updated_at = nowIso();
				return { ...call };
			}
			default:
				return { error: `unknown action ${body.action}` };
		}
	};
	return sim;
}

function demoCredentials(baseUrl, token = DEFAULT_TOKEN) {
	return { apiToken: token, baseUrl };
}

module.exports = { create, demoCredentials, DEFAULT_TOKEN, TRANSITIONS, WEBHOOK_EVENTS, CALL_STATUSES };
