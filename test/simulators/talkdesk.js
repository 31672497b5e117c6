'use strict';
/**
 * Talkdesk Campaign Management + Record Lists + Do Not Call Lists simulator.
 *
 * Faithful to seeds 000–002 and shared/reference/vendor-apis.md §1 and §4 (docs.talkdesk.com pages named on each
 * route):
 * - POST /oauth/token (/reference/cc-basic): client credentials via HTTP Basic, form body
 *   grant_type=client_credentials&scope=… (space-separated). Token errors `{error, error_description}`. Every
 *   requested scope must be allowed for the client, else 400 invalid_scope naming the missing ones (no scope asked →
 *   all the client's scopes, as the page says).
 * - Access tokens live 10 minutes (docs/authenticating-requests): `settings.tokenLifetimeSec`, default 600,
 *   switchable at run time so a test can shorten it; expired/unknown → 401 Talkdesk error body.
 * - Each route needs the scope its page names; missing → 403 `{code, message, description, fields}` naming it.
 * - HAL pages `{total,count,page,per_page,total_pages,_embedded:{<key>:[…]},_links:{self,first,last,prev?,next?}}`,
 *   `page`/`per_page` query, 50 per page by default (/docs/paging-results). `settings.pageCap` makes the server
 *   return fewer per page than asked (clients must follow `_links.next`, not compute pages). Option
 *   `docSpelling: true` answers with the literal spelling of the campaigns-list page (`total_page`,
 *   `_embedded.campaings`).
 *
 * Assumed where the docs show no shape (recorded in the README): error `code` values (e.g. "0401001"), which
 * records a bulk create refuses (invalid fields; a phone already in a PHONE_NUMBER-unique list), that a failed bulk
 * delete by phone / external id is counted but not listed, `signed_url` pointing at `/__uploads/<token>` on this
 * simulator (S3 stand-in).
 *
 * options: { seed, tokenLifetimeSec, campaigns (count, default 130), docSpelling, now, pageCap, checksumFormat,
 * bulkEmbedded } — the last five are also `sim.settings.*`, changeable during a test.
 * Seeded clients: demo-client/demo-secret (all scopes), readonly-client/readonly-secret (campaigns:read only),
 * lists-client/lists-secret (record-lists:manage and do-not-call-lists:manage only).
 */
const crypto = require('crypto');
const { Simulator, seeded } = require('./common');

// The scopes the pages name: campaigns:* (campaign pages), record-lists:manage (most list pages), record-lists:write
// (update-record-lists: start validation), tod.records-list.manage (get-a-list-of-records), do-not-call-lists:manage.
const ALL_SCOPES = ['campaigns:read', 'campaigns:write', 'record-lists:manage', 'record-lists:write', 'tod.records-list.manage', 'do-not-call-lists:manage'];
const CLIENTS = {
	'demo-client': { secret: 'demo-secret', scopes: ALL_SCOPES },
	'readonly-client': { secret: 'readonly-secret', scopes: ['campaigns:read'] },
	'lists-client': { secret: 'lists-secret', scopes: ['record-lists:manage', 'do-not-call-lists:manage'] },
};
const STATUSES = ['INCOMPLETE', 'READY', 'RUNNING', 'PAUSED'];
const PHONE_TYPES = ['HOME', 'OFFICE', 'MOBILE', 'EXTRA_1', 'EXTRA_2', 'EXTRA_3'];
const WEEK_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const TIME_UNITS = ['SECONDS', 'MINUTES', 'HOURS', 'DAYS'];
const E164 = /^\+[1-9]\d{6,14}$/;

const CODES = { 400: '0400001', 401: '0401001', 403: '0403001', 404: '0404001', 405: '0405001', 409: '0409001', 413: '0413001', 422: '0422001', 429: '0429001', 500: '0500001' };
const MESSAGES = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 422: 'Unprocessable Entity', 429: 'Too Many Requests' };

function tdError(status, description, fields = []) {
	return { code: CODES[status] || `0${status}000`, message: MESSAGES[status] || description, description, fields };
}
function fail(status, description, fields) {
	return { status, body: tdError(status, description, fields) };
}

function uuid(rand) {
	const h = () => Math.floor(rand() * 16).toString(16);
	const s = (n) => Array.from({ length: n }, h).join('');
	return `${s(8)}-${s(4)}-4${s(3)}-a${s(3)}-${s(12)}`;
}

function defaultStrategy() {
	const disp = (status_after_call, extra = {}) => ({ status_after_call, custom: false, ...extra });
	return {
		max_skip_attempts: 3,
		strategy_type: 'AUTOMATIC',
		preview_timeout: 30,
		max_attempts: 3,
		retry_period: 1,
		retry_time_unit: 'HOURS',
		calling_hours: [{ from: '09:00:00', to: '18:00:00', week_days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] }],
		dispositions: {
			busy: disp('RETRY', { max_attempts: 3, retry_period: 10, retry_period_time_unit: 'MINUTES' }),
			no_answer: disp('RETRY', { max_attempts: 3, retry_period: 1, retry_period_time_unit: 'HOURS' }),
			abandoned: disp('RETRY', { max_attempts: 2, retry_period: 30, retry_period_time_unit: 'MINUTES' }),
			answering_machine_detection: disp('FINAL'),
			invalid_number: { status_after_call: 'FINAL' },
		},
		record_chain: PHONE_TYPES.map((type) => ({ type, max_attempts: 1, retry_period: 1, retry_period_time_unit: 'HOURS' })),
		lists_sorting_criteria: 'FIFO',
	};
}

/** Checks against the documented ranges; returns `fields[]` of problems. */
function validateCampaign(b) {
	const f = [];
	const add = (name, description) => f.push({ name, description });
	const int = (v, min, max, name, required) => {
		if (v === undefined || v === null) {
			if (required) add(name, 'must not be null');
			return;
		}
		if (!Number.isInteger(v) || v < min || v > max) add(name, `must be an integer between ${min} and ${max}`);
	};
	const oneOf = (v, list, name, required) => {
		if (v === undefined || v === null) {
			if (required) add(name, 'must not be null');
			return;
		}
		if (!list.includes(v)) add(name, `must be one of ${list.join(', ')}`);
	};
	if (typeof b.name !== 'string' || b.name.length < 3 || b.name.length > 35) add('name', 'size must be between 3 and 35');
	oneOf(b.dialing_mode, ['PREDICTIVE', 'PREVIEW'], 'dialing_mode', true);
	int(b.priority, 1, 10, 'priority', true);
	const dmc = b.dialing_mode_configuration;
	if (dmc !== undefined) {
		if (typeof dmc !== 'object' || !dmc) add('dialing_mode_configuration', 'must be an object');
		else {
			int(dmc.max_abandonment_rate, 1, 100, 'dialing_mode_configuration.max_abandonment_rate');
			int(dmc.max_dialing_ratio, 1, 3, 'dialing_mode_configuration.max_dialing_ratio');
			int(dmc.max_ring_time_in_secs, 6, 120, 'dialing_mode_configuration.max_ring_time_in_secs', true);
			if (dmc.abandonment_timeout !== undefined) int(dmc.abandonment_timeout && dmc.abandonment_timeout.amount, 2, 30, 'dialing_mode_configuration.abandonment_timeout.amount', true);
		}
	}
	const ds = b.dialing_strategy;
	if (ds !== undefined) {
		if (typeof ds !== 'object' || !ds) add('dialing_strategy', 'must be an object');
		else {
			int(ds.max_skip_attempts, 0, 20, 'dialing_strategy.max_skip_attempts');
			oneOf(ds.strategy_type, ['AUTOMATIC', 'MANUAL'], 'dialing_strategy.strategy_type');
			int(ds.preview_timeout, 6, 300, 'dialing_strategy.preview_timeout');
			int(ds.max_attempts, 1, 100, 'dialing_strategy.max_attempts', true);
			int(ds.retry_period, 1, 2592000, 'dialing_strategy.retry_period', true);
			oneOf(ds.retry_time_unit, TIME_UNITS, 'dialing_strategy.retry_time_unit', true);
			if (!Array.isArray(ds.calling_hours) || ds.calling_hours.length === 0) add('dialing_strategy.calling_hours', 'must not be empty');
			else
				ds.calling_hours.forEach((h, i) => {
					if (!h || typeof h.from !== 'string' || !/^\d{2}:\d{2}(:\d{2})?$/.test(h.from)) add(`dialing_strategy.calling_hours[${i}].from`, 'must be a time HH:MM:SS');
					if (!h || typeof h.to !== 'string' || !/^\d{2}:\d{2}(:\d{2})?$/.test(h.to)) add(`dialing_strategy.calling_hours[${i}].to`, 'must be a time HH:MM:SS');
					if (!h || !Array.isArray(h.week_days) || !h.week_days.length || h.week_days.some((d) => !WEEK_DAYS.includes(d))) add(`dialing_strategy.calling_hours[${i}].week_days`, `must be a non-empty list of ${WEEK_DAYS.join(', ')}`);
				});
			const d = ds.dispositions;
			if (!d || typeof d !== 'object') add('dialing_strategy.dispositions', 'must not be null');
			else {
				for (const key of ['busy', 'no_answer']) if (!d[key]) add(`dialing_strategy.dispositions.${key}`, 'must not be null');
				for (const [key, v] of Object.entries(d)) {
					if (!v || typeof v !== 'object') continue;
					oneOf(v.status_after_call, key === 'invalid_number' ? ['FINAL'] : ['FINAL', 'RETRY'], `dialing_strategy.dispositions.${key}.status_after_call`, true);
					int(v.max_attempts, 1, 100, `dialing_strategy.dispositions.${key}.max_attempts`);
					int(v.retry_period, 1, 2592000, `dialing_strategy.dispositions.${key}.retry_period`);
					oneOf(v.retry_period_time_unit, TIME_UNITS, `dialing_strategy.dispositions.${key}.retry_period_time_unit`);
				}
			}
			if (ds.record_chain !== undefined) {
				if (!Array.isArray(ds.record_chain)) add('dialing_strategy.record_chain', 'must be a list');
				else {
					const types = ds.record_chain.map((r) => r && r.type);
					if (types.length !== PHONE_TYPES.length || PHONE_TYPES.some((t) => !types.includes(t))) add('dialing_strategy.record_chain', `must have exactly one entry of each phone type ${PHONE_TYPES.join(', ')}`);
					ds.record_chain.forEach((r, i) => int(r && r.max_attempts, 1, 100, `dialing_strategy.record_chain[${i}].max_attempts`, true));
				}
			}
			oneOf(ds.lists_sorting_criteria, ['FIFO', 'LIFO'], 'dialing_strategy.lists_sorting_criteria');
		}
	}
	return f;
}

function validateRecord(r) {
	const f = [];
	if (!r || typeof r !== 'object') return [{ name: 'record', description: 'must be an object' }];
	if (!Array.isArray(r.phone_numbers) || r.phone_numbers.length === 0) f.push({ name: 'phone_numbers', description: 'must not be empty' });
	else
		r.phone_numbers.forEach((p, i) => {
			if (!p || typeof p.phone_number !== 'string' || p.phone_number.length > 20 || !E164.test(p.phone_number)) f.push({ name: `phone_numbers[${i}].phone_number`, description: 'must be a valid E.164 phone number' });
			if (p && p.phone_type !== undefined && !PHONE_TYPES.includes(p.phone_type)) f.push({ name: `phone_numbers[${i}].phone_type`, description: `must be one of ${PHONE_TYPES.join(', ')}` });
		});
	// record-lists-bulks / record-listsidrecords: first_name and last_name are required, 1–80 characters.
	for (const k of ['first_name', 'last_name']) {
		if (r[k] === undefined || r[k] === null) f.push({ name: k, description: 'must not be null' });
		else if (typeof r[k] !== 'string' || r[k].length < 1 || r[k].length > 80) f.push({ name: k, description: 'size must be between 1 and 80' });
	}
	if (r.timezone !== undefined && (typeof r.timezone !== 'string' || r.timezone.length < 1 || r.timezone.length > 35)) f.push({ name: 'timezone', description: 'size must be between 1 and 35' });
	if (r.priority !== undefined && (!Number.isInteger(r.priority) || r.priority < 1 || r.priority > 10)) f.push({ name: 'priority', description: 'must be an integer between 1 and 10' });
	if (r.extra_data !== undefined && (typeof r.extra_data !== 'object' || Array.isArray(r.extra_data) || r.extra_data === null)) f.push({ name: 'extra_data', description: 'must be an object' });
	return f;
}

function parseCsv(text) {
	const rows = [];
	let row = [];
	let cell = '';
	let q = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (q) {
			if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
			else if (c === '"') q = false;
			else cell += c;
		} else if (c === '"') q = true;
		else if (c === ',') row.push(cell), (cell = '');
		else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(cell), rows.push(row), (row = []), (cell = '');
		} else cell += c;
	}
	if (cell !== '' || row.length) row.push(cell), rows.push(row);
	return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

function create(options = {}) {
	const rand = seeded(options.seed ?? 7);
	const now = options.now ?? (() => Date.now());
	const base = Date.UTC(2026, 0, 5, 9, 0, 0);
	const settings = {
		tokenLifetimeSec: options.tokenLifetimeSec ?? 600,
		pageCap: options.pageCap ?? 0,
		// 'hex' = the documented 32-char hex MD5 (record-lists-1 example); 'base64' = fault switch: a server that
		// refuses hex and wants the base64 digest (what S3 itself uses for Content-MD5).
		checksumFormat: options.checksumFormat ?? 'hex',
		// false = bulk answers carry only the totals (`_embedded` is optional on the pages).
		bulkEmbedded: options.bulkEmbedded ?? true,
	};
	const state = { tokens: new Map(), campaigns: [], users: new Map(), numbers: new Map(), lists: [], dnc: [], uploads: new Map() };
	const clients = JSON.parse(JSON.stringify(CLIENTS));
	let seq = 0;

	const firstNames = ['Ana', 'Bruno', 'Carla', 'Diego', 'Eva', 'Filipe', 'Greta', 'Hugo', 'Ines', 'Joao'];
	const lastNames = ['Silva', 'Costa', 'Moreira', 'Lopes', 'Almeida', 'Ferreira'];
	const newCampaign = (fields, createdAt) => ({
		id: uuid(rand),
		name: fields.name,
		dialing_mode: fields.dialing_mode || 'PREVIEW',
		priority: fields.priority || 5,
		run_once: fields.run_once ?? false,
		action_required: fields.action_required ?? false,
		status: fields.status || 'INCOMPLETE',
		dialing_mode_configuration: fields.dialing_mode_configuration || { answering_machine_detection: false, max_abandonment_rate: 3, max_dialing_ratio: 1, max_ring_time_in_secs: 30, abandonment_timeout: { amount: 2 } },
		dialing_strategy: fields.dialing_strategy || defaultStrategy(),
		created_at: createdAt,
	});
	const campaignCount = options.campaigns ?? 130;
	for (let i = 0; i < campaignCount; i++) {
		const c = newCampaign(
			{
				name: `Campaign ${String(i + 1).padStart(3, '0')} ${['Renewals', 'Win-back', 'Surveys', 'Collections'][i % 4]}`,
				dialing_mode: i % 3 === 0 ? 'PREDICTIVE' : 'PREVIEW',
				priority: (i % 10) + 1,
				status: STATUSES[i % 4],
				action_required: i % 9 === 0,
			},
			new Date(base + i * 3600_000).toISOString(),
		);
		state.campaigns.push(c);
		state.users.set(c.id, Array.from({ length: i === 0 ? 7 : (i % 4) + 1 }, () => ({ id: uuid(rand) })));
		state.numbers.set(c.id, Array.from({ length: i === 0 ? 5 : 2 }, (_, k) => ({ id: uuid(rand), phone_number: `+1415555${String(1000 + i * 10 + k).slice(-4)}` })));
	}
	const newRecord = (r) => ({
		id: uuid(rand),
		phone_numbers: r.phone_numbers,
		first_name: r.first_name,
		last_name: r.last_name,
		timezone: r.timezone,
		priority: r.priority ?? 5,
		external_provider: r.external_provider,
		external_id: r.external_id,
		external_url: r.external_url,
		sync_external_id: r.sync_external_id,
		extra_data: r.extra_data || {},
		created_at: new Date(now()).toISOString(),
	});
	const seedList = {
		id: uuid(rand),
		name: 'Q1 renewals',
		status: 'ACCEPTED',
		unique_identifier_type: 'NOTHING',
		csv_metadata: { filename: 'q1-renewals.csv', byte_size: 1024, checksum: 'seeded', content_type: 'text/csv' },
		created_at: new Date(base).toISOString(),
		records: [],
	};
	for (let i = 0; i < 12; i++) {
		seedList.records.push({
			...newRecord({
				phone_numbers: [{ phone_number: `+1213555${String(2000 + i)}`, phone_type: 'MOBILE' }],
				first_name: firstNames[i % firstNames.length],
				last_name: lastNames[i % lastNames.length],
				timezone: 'America/Los_Angeles',
				priority: (i % 10) + 1,
				external_provider: 'crm',
				external_id: `crm-${1000 + i}`,
				extra_data: { plan: i % 2 ? 'gold' : 'silver' },
			}),
			created_at: new Date(base + i * 60_000).toISOString(),
		});
	}
	state.lists.push(seedList);
	state.dnc.push({
		id: uuid(rand),
		name: 'Global DNC',
		status: 'ACCEPTED',
		created_at: new Date(base).toISOString(),
		entries: [
			{ id: uuid(rand), phone_number: '+12135550100', expiration_date: '2030-12-31', reason: 'Customer request', created_at: new Date(base).toISOString() },
			{ id: uuid(rand), phone_number: '+12135550101', expiration_date: null, reason: 'Legal', created_at: new Date(base).toISOString() },
		],
	});

	// Created after the DNC list so seeded ids stay as the e2e workflows know them.
	// A list that refuses a second record with a phone number it already has (unique_identifier_type, record-lists-2).
	state.lists.push({
		id: uuid(rand),
		name: 'Unique phones',
		status: 'ACCEPTED',
		unique_identifier_type: 'PHONE_NUMBER',
		csv_metadata: { filename: 'unique.csv', byte_size: 100, checksum: 'seeded', content_type: 'text/csv' },
		created_at: new Date(base + 1000).toISOString(),
		records: [{ ...newRecord({ phone_numbers: [{ phone_number: '+12135558000', phone_type: 'MOBILE' }], first_name: 'Existing', last_name: 'Lead' }), created_at: new Date(base).toISOString() }],
	});

	// ---- helpers -----------------------------------------------------------------------------------------
	const origin = (ctx) => `http://${ctx.headers.host}`;
	const pageParams = (ctx, maxPer = 250) => {
		const fields = [];
		const page = ctx.query.page === undefined ? 1 : Number(ctx.query.page);
		const per = ctx.query.per_page === undefined ? 50 : Number(ctx.query.per_page);
		if (!Number.isInteger(page) || page < 1) fields.push({ name: 'page', description: 'must be greater than or equal to 1' });
		if (!Number.isInteger(per) || per < 1 || per > maxPer) fields.push({ name: 'per_page', description: `must be between 1 and ${maxPer}` });
		if (fields.length) return { error: fail(400, 'Invalid paging parameters', fields) };
		return { page, per: settings.pageCap ? Math.min(per, settings.pageCap) : per };
	};
	const hal = (ctx, all, key, map, maxPer, opts = {}) => {
		const p = pageParams(ctx, maxPer);
		if (p.error) return p.error;
		const { page, per } = p;
		const totalPages = Math.max(1, Math.ceil(all.length / per));
		const slice = all.slice((page - 1) * per, page * per);
		const href = (n) => `${origin(ctx)}${ctx.path}?page=${n}&per_page=${per}`;
		const links = { self: { href: href(page) }, first: { href: href(1) }, last: { href: href(totalPages) } };
		if (page > 1) links.prev = { href: href(page - 1) };
		if (page < totalPages) links.next = { href: href(page + 1) };
		const body = { total: all.length, count: slice.length, page, per_page: per };
		body[opts.docSpelling ? 'total_page' : 'total_pages'] = totalPages;
		body._embedded = { [opts.docSpelling && key === 'campaigns' ? 'campaings' : key]: slice.map((x) => map(x, ctx)) };
		body._links = links;
		return { status: 200, body };
	};
	const campaignSummary = (c, ctx) => ({
		_links: { self: { href: `${origin(ctx)}/campaigns/${c.id}` }, campaigns: { href: `${origin(ctx)}/campaigns` } },
		id: c.id,
		name: c.name,
		dialing_mode: c.dialing_mode,
		priority: c.priority,
		run_once: c.run_once,
		action_required: c.action_required,
		status: c.status,
		created_at: c.created_at,
	});
	const campaignFull = (c, ctx) => {
		const { ...rest } = c;
		return { _links: campaignSummary(c, ctx)._links, ...rest };
	};
	const findCampaign = (id) => state.campaigns.find((c) => c.id === id);
	// Record-list object (record-lists-2): id, name, unique_identifier_type, created_at, updated_at, status,
	// records_count, teams.
	const listView = (l, ctx) => {
		const { records, upload, csv_metadata, checksumFormat, ...rest } = l;
		return { ...rest, updated_at: l.updated_at ?? l.created_at, records_count: records.length, teams: [], _links: { self: { href: `${origin(ctx)}/record-lists/${l.id}` }, records: { href: `${origin(ctx)}/record-lists/${l.id}/records` } } };
	};
	const recordView = (listId) => (r, ctx) => ({ ...r, record_list_id: listId, _links: { self: { href: `${origin(ctx)}/record-lists/${listId}/records/${r.id}` } } });
	// Entry object (do-not-call-listsidentries-1): id, do_not_call_list_id, phone_number, reason, expiration_date, created_at.
	const entryView = (listId) => (e, ctx) => ({ ...e, do_not_call_list_id: listId, _links: { self: { href: `${origin(ctx)}/do-not-call-lists/${listId}/entries/${e.id}` } } });
	const isPhoneDuplicate = (list, rec) =>
		list.unique_identifier_type === 'PHONE_NUMBER' && list.records.some((r) => r.phone_numbers.some((p) => rec.phone_numbers.some((q) => q.phone_number === p.phone_number)));
	const findList = (id) => state.lists.find((l) => l.id === id);
	const findDnc = (id) => state.dnc.find((d) => d.id === id);
	const notFound = (what, id) => fail(404, `${what} ${id} not found`);
	/** A bulk body: `{records:[…]}` for create (record-lists-bulks), a bare array for update/delete (their pages). */
	const bodyArray = (ctx, wrapped, max = 100) => {
		const b = ctx.body;
		const arr = wrapped ? (b && !Array.isArray(b) && typeof b === 'object' && Array.isArray(b.records) ? b.records : null) : Array.isArray(b) ? b : null;
		if (!arr) {
			return wrapped
				? { error: fail(400, 'Errors were found in the submitted data', [{ name: 'records', description: 'must not be null (send an object {"records": [...]})' }]) }
				: { error: fail(400, 'Errors were found in the submitted data', [{ name: 'body', description: 'must be an array' }]) };
		}
		if (arr.length === 0 || arr.length > max) return { error: fail(400, `A bulk request takes 1 to ${max} entries (got ${arr.length})`, [{ name: wrapped ? 'records' : 'body', description: `size must be between 1 and ${max}` }]) };
		return { arr };
	};
	const bulkLinks = (ctx, listId) => ({ self: { href: `${origin(ctx)}${ctx.path}` }, record_list: { href: `${origin(ctx)}/record-lists/${listId}` } });

	// ---- routes ------------------------------------------------------------------------------------------
	const routes = [
		{
			method: 'POST',
			path: '/oauth/token',
			public: true,
			handler(ctx) {
				const tokenErr = (status, error, error_description) => ({ status, body: { error, error_description } });
				const m = /^Basic\s+(.+)$/i.exec(ctx.headers.authorization || '');
				if (!m) return tokenErr(401, 'invalid_client', 'Client authentication failed: use HTTP Basic with client_id:client_secret');
				const [id, ...secretParts] = Buffer.from(m[1], 'base64').toString('utf8').split(':');
				const client = clients[id];
				if (!client || client.secret !== secretParts.join(':')) return tokenErr(401, 'invalid_client', 'Client authentication failed');
				const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
				if (!/x-www-form-urlencoded/.test(ctx.headers['content-type'] || '')) return tokenErr(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
				if (body.grant_type !== 'client_credentials') return tokenErr(400, 'unsupported_grant_type', `Grant type "${body.grant_type || ''}" is not supported`);
				const asked = String(body.scope || '').split(/\s+/).filter(Boolean);
				const notAllowed = asked.filter((s) => !client.scopes.includes(s));
				if (notAllowed.length) return tokenErr(400, 'invalid_scope', `The client is not allowed the requested scope(s): ${notAllowed.join(' ')}`);
				const granted = asked.length ? asked : client.scopes.slice();
				const token = crypto.randomBytes(24).toString('hex');
				state.tokens.set(token, { clientId: id, scopes: granted, expiresAt: now() + settings.tokenLifetimeSec * 1000 });
				return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: settings.tokenLifetimeSec, scope: granted.join(' ') } };
			},
		},
		{
			method: 'PUT',
			path: '/__uploads/:token',
			public: true,
			handler(ctx) {
				// Stand-in for an S3 pre-signed PUT: a second auth mechanism is refused, size and Content-MD5 are checked.
				const s3Err = (status, code, message) => ({ status, body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`, headers: { 'content-type': 'application/xml' } });
				const up = state.uploads.get(ctx.params.token);
				if (!up) return s3Err(403, 'AccessDenied', 'Request has expired or the signature does not match');
				if (ctx.headers.authorization) return s3Err(400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified');
				const bytes = ctx.rawBody;
				const md5 = crypto.createHash('md5').update(bytes).digest('base64');
				if (bytes.length !== up.meta.byte_size) return s3Err(400, 'IncompleteBody', `Expected ${up.meta.byte_size} bytes, got ${bytes.length}`);
				const sentMd5 = ctx.headers['content-md5'];
				if (sentMd5 && sentMd5 !== md5) return s3Err(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
				const listChecksum = up.checksumFormat === 'base64' ? md5 : crypto.createHash('md5').update(bytes).digest('hex');
				if (listChecksum.toLowerCase() !== String(up.meta.checksum).toLowerCase()) return s3Err(400, 'BadDigest', 'The checksum given when the list was created does not match the uploaded file.');
				const list = findList(up.listId);
				if (list) {
					list.upload = bytes.toString('utf8');
					list.status = 'UPLOADED';
				}
				return { status: 200, body: '', headers: { etag: `"${crypto.createHash('md5').update(bytes).digest('hex')}"` } };
			},
		},
		// Campaigns
		{ method: 'GET', path: '/campaigns', scope: ['campaigns:read'], handler: (ctx) => hal(ctx, state.campaigns, 'campaigns', campaignSummary, 250, { docSpelling: options.docSpelling }) },
		{
			method: 'POST',
			path: '/campaigns',
			scope: ['campaigns:read', 'campaigns:write'],
			handler(ctx) {
				const b = ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : {};
				const fields = validateCampaign(b);
				if (fields.length) return fail(400, 'Errors were found in the submitted data', fields);
				if (state.campaigns.some((c) => c.name === b.name)) return fail(409, `A campaign named "${b.name}" already exists`, [{ name: 'name', description: 'must be unique' }]);
				const c = newCampaign({ ...b, status: 'INCOMPLETE', action_required: true }, new Date(now()).toISOString());
				if (b.dialing_strategy) c.dialing_strategy = { ...defaultStrategy(), ...b.dialing_strategy };
				state.campaigns.push(c);
				state.users.set(c.id, []);
				state.numbers.set(c.id, []);
				return { status: 201, body: campaignFull(c, ctx) };
			},
		},
		{ method: 'GET', path: '/campaigns/:id', scope: ['campaigns:read'], handler: (ctx) => (findCampaign(ctx.params.id) ? { status: 200, body: campaignFull(findCampaign(ctx.params.id), ctx) } : notFound('Campaign', ctx.params.id)) },
		{
			method: 'PATCH',
			path: '/campaigns/:id',
			scope: ['campaigns:write'],
			handler(ctx) {
				const c = findCampaign(ctx.params.id);
				if (!c) return notFound('Campaign', ctx.params.id);
				const b = ctx.body || {};
				const fields = [];
				if (b.op !== 'REPLACE') fields.push({ name: 'op', description: 'must be REPLACE' });
				if (b.path !== 'status') fields.push({ name: 'path', description: 'must be status' });
				if (!['paused', 'running'].includes(b.value)) fields.push({ name: 'value', description: 'must be one of paused, running' });
				if (fields.length) return fail(400, 'Errors were found in the submitted data', fields);
				if (c.status === 'INCOMPLETE') return fail(422, 'The campaign is incomplete: assign record lists, users and numbers before starting or pausing it');
				c.status = b.value === 'running' ? 'RUNNING' : 'PAUSED';
				return { status: 200, body: campaignFull(c, ctx) };
			},
		},
		{
			method: 'GET',
			path: '/campaigns/:id/users',
			scope: ['campaigns:read'],
			handler: (ctx) => (findCampaign(ctx.params.id) ? hal(ctx, state.users.get(ctx.params.id), 'users', (u, c) => ({ _links: { self: { href: `${origin(c)}/users/${u.id}` }, users: { href: `${origin(c)}/users` } }, id: u.id }), 250) : notFound('Campaign', ctx.params.id)),
		},
		{
			method: 'GET',
			path: '/campaigns/:id/numbers',
			scope: ['campaigns:read'],
			handler: (ctx) => (findCampaign(ctx.params.id) ? hal(ctx, state.numbers.get(ctx.params.id), 'numbers', (n) => ({ ...n }), 250) : notFound('Campaign', ctx.params.id)),
		},
		// Record lists
		// GET /record-lists (/reference/record-lists): HAL page of record-list objects.
		{ method: 'GET', path: '/record-lists', scope: ['record-lists:manage'], handler: (ctx) => hal(ctx, state.lists, 'record_lists', listView, 250) },
		{
			// POST /record-lists (/reference/record-lists-1): {name, csv_metadata{filename ≤35, byte_size, checksum ≤32
			// (example: 32-char hex MD5), content_type}} → 201 with signed_url; 413 when too large.
			method: 'POST',
			path: '/record-lists',
			scope: ['record-lists:manage'],
			handler(ctx) {
				const b = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
				const m = b.csv_metadata || {};
				const fields = [];
				if (typeof b.name !== 'string' || b.name.trim().length < 1 || b.name.length > 80) fields.push({ name: 'name', description: 'size must be between 1 and 80' });
				if (typeof m.filename !== 'string' || !m.filename) fields.push({ name: 'csv_metadata.filename', description: 'must not be blank' });
				else if (m.filename.length > 35) fields.push({ name: 'csv_metadata.filename', description: 'size must be between 1 and 35' });
				if (!Number.isInteger(m.byte_size) || m.byte_size < 1) fields.push({ name: 'csv_metadata.byte_size', description: 'must be a positive integer' });
				if (typeof m.checksum !== 'string' || !m.checksum) fields.push({ name: 'csv_metadata.checksum', description: 'must not be blank' });
				else if (m.checksum.length > 32) fields.push({ name: 'csv_metadata.checksum', description: 'size must be between 1 and 32' });
				else if (settings.checksumFormat === 'hex' && !/^[0-9a-f]{32}$/i.test(m.checksum)) fields.push({ name: 'csv_metadata.checksum', description: 'must be the MD5 digest of the file (32 hexadecimal characters)' });
				else if (settings.checksumFormat === 'base64' && !/^[A-Za-z0-9+/]{22}==$/.test(m.checksum)) fields.push({ name: 'csv_metadata.checksum', description: 'must be the Base64-encoded MD5 digest of the file' });
				if (m.content_type !== 'text/csv') fields.push({ name: 'csv_metadata.content_type', description: 'must be text/csv' });
				if (fields.length) return fail(400, 'Errors were found in the submitted data', fields);
				if (m.byte_size > 50 * 1024 * 1024) return fail(413, 'The file is larger than 50 MB');
				const list = { id: uuid(rand), name: b.name, status: 'INCOMPLETE', unique_identifier_type: 'NOTHING', csv_metadata: m, checksumFormat: settings.checksumFormat, created_at: new Date(now()).toISOString(), records: [] };
				state.lists.push(list);
				const token = crypto.randomBytes(12).toString('hex');
				state.uploads.set(token, { listId: list.id, meta: m, checksumFormat: settings.checksumFormat });
				return { status: 201, body: { ...listView(list, ctx), signed_url: `${origin(ctx)}/__uploads/${token}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=${token.slice(0, 8)}` } };
			},
		},
		// GET /record-lists/{id} (/reference/record-lists-2).
		{ method: 'GET', path: '/record-lists/:id', scope: ['record-lists:manage'], handler: (ctx) => (findList(ctx.params.id) ? { status: 200, body: listView(findList(ctx.params.id), ctx) } : notFound('Record list', ctx.params.id)) },
		{
			// PATCH /record-lists/{id} (/reference/update-record-lists): scope record-lists:write; starts file validation
			// and answers the list (status VALIDATION_STARTED); 409 when there is no file or it was validated already.
			method: 'PATCH',
			path: '/record-lists/:id',
			scope: ['record-lists:write'],
			handler(ctx) {
				const list = findList(ctx.params.id);
				if (!list) return notFound('Record list', ctx.params.id);
				if (list.upload === undefined) return fail(409, 'The CSV file has not been uploaded to the signed URL yet');
				if (list.status !== 'UPLOADED') return fail(409, 'The list was already validated');
				const rows = parseCsv(list.upload);
				const header = (rows.shift() || []).map((h) => h.trim().toLowerCase());
				let invalid = 0;
				for (const row of rows) {
					const get = (k) => {
						const i = header.indexOf(k);
						return i >= 0 && row[i] !== undefined && row[i].trim() !== '' ? row[i].trim() : undefined;
					};
					const extra = {};
					header.forEach((h, i) => {
						if (!['phone_number', 'phone_type', 'first_name', 'last_name', 'priority', 'timezone', 'external_id', 'external_provider'].includes(h) && row[i]) extra[h] = row[i];
					});
					const rec = { phone_numbers: [{ phone_number: get('phone_number'), phone_type: get('phone_type') || 'MOBILE' }], first_name: get('first_name'), last_name: get('last_name'), timezone: get('timezone'), priority: get('priority') ? Number(get('priority')) : undefined, external_id: get('external_id'), external_provider: get('external_provider'), extra_data: extra };
					if (validateRecord(rec).length) invalid++;
					else list.records.push(newRecord(rec));
				}
				list.invalid_records = invalid;
				list.updated_at = new Date(now()).toISOString();
				// Validation runs in the background at Talkdesk: the answer says it started; a later GET shows the outcome.
				list.status = !header.includes('phone_number') ? 'CORRUPTED' : list.records.length ? 'ACCEPTED' : 'REJECTED';
				return { status: 200, body: { ...listView(list, ctx), status: 'VALIDATION_STARTED' } };
			},
		},
		// GET /record-lists/{id}/records (/reference/get-a-list-of-records): the page names the scope tod.records-list.manage.
		{ method: 'GET', path: '/record-lists/:id/records', scope: ['tod.records-list.manage'], handler: (ctx) => (findList(ctx.params.id) ? hal(ctx, findList(ctx.params.id).records, 'records', recordView(ctx.params.id), 250) : notFound('Record list', ctx.params.id)) },
		{
			// POST /record-lists/{id}/records (/reference/record-listsidrecords): one record; first/last name mandatory.
			method: 'POST',
			path: '/record-lists/:id/records',
			scope: ['record-lists:manage'],
			handler(ctx) {
				const list = findList(ctx.params.id);
				if (!list) return notFound('Record list', ctx.params.id);
				const fields = validateRecord(ctx.body);
				if (fields.length) return fail(400, 'Errors were found in the submitted data', fields);
				if (isPhoneDuplicate(list, ctx.body)) return fail(409, 'A record with this phone number already exists in the list', [{ name: 'phone_numbers', description: 'already exists' }]);
				const r = newRecord(ctx.body);
				list.records.push(r);
				return { status: 201, body: recordView(list.id)(r, ctx) };
			},
		},
		{
			// POST /record-lists/{id}/records/bulks (/reference/record-lists-bulks): body {"records":[…]} (1–100; optional
			// upload_request_id); a bare array is refused. 201 {record_list_id, has_errors, total_created, total_errors,
			// _links, _embedded.records[created records]}: no per-input result, no index.
			method: 'POST',
			path: '/record-lists/:id/records/bulks',
			scope: ['record-lists:manage'],
			handler(ctx) {
				const list = findList(ctx.params.id);
				if (!list) return notFound('Record list', ctx.params.id);
				const { arr, error } = bodyArray(ctx, true);
				if (error) return error;
				const created = [];
				let errors = 0;
				for (const rec of arr) {
					if (validateRecord(rec).length || isPhoneDuplicate(list, rec)) {
						errors++;
						continue;
					}
					const r = newRecord(rec);
					list.records.push(r);
					created.push(r);
				}
				const body = { record_list_id: list.id, has_errors: errors > 0, total_created: created.length, total_errors: errors, _links: bulkLinks(ctx, list.id) };
				if (settings.bulkEmbedded) body._embedded = { records: created.map((r) => recordView(list.id)(r, ctx)) };
				return { status: 201, body };
			},
		},
		{
			// PATCH /record-lists/{id}/records/bulks (/reference/update-list-records): a JSON-patch array, each op
			// {op: replace|add, path: "/records/{record_id}", value: {fields…}}. 200 {record_list_id, has_errors,
			// total_errors, total_created (the page's name for the updated count), _embedded.records[updated records]}.
			method: 'PATCH',
			path: '/record-lists/:id/records/bulks',
			scope: ['record-lists:manage'],
			handler(ctx) {
				const list = findList(ctx.params.id);
				if (!list) return notFound('Record list', ctx.params.id);
				const { arr, error } = bodyArray(ctx, false);
				if (error) return error;
				const updated = [];
				let errors = 0;
				for (const op of arr) {
					const m = /^\/records\/([^/]+)$/.exec((op && op.path) || '');
					const rec = m && list.records.find((r) => r.id === m[1]);
					const kind = op && String(op.op).toLowerCase();
					if (!rec || !['replace', 'add'].includes(kind) || !op.value || typeof op.value !== 'object' || Array.isArray(op.value)) {
						errors++;
						continue;
					}
					const copy = JSON.parse(JSON.stringify(rec));
					for (const [k, v] of Object.entries(op.value)) {
						if (k === 'extra_data' && kind === 'add' && v && typeof v === 'object') copy.extra_data = { ...(copy.extra_data || {}), ...v };
						else copy[k] = v;
					}
					if (validateRecord(copy).length) {
						errors++;
						continue;
					}
					Object.assign(rec, copy);
					updated.push(rec);
				}
				const body = { record_list_id: list.id, has_errors: errors > 0, total_errors: errors, total_created: updated.length, _links: bulkLinks(ctx, list.id) };
				if (settings.bulkEmbedded) body._embedded = { records: updated.map((r) => recordView(list.id)(r, ctx)) };
				return { status: 200, body };
			},
		},
		{
			// DELETE /record-lists/{id}/records/bulks (/reference/delete-a-record): a bare array of {id} | {phone_number}
			// | {external_provider, external_id}. 200 {record_list_id, has_errors, total_deleted, total_errors, _links,
			// _embedded.failed_records[{id, _links}]}. A failed entry is listed by the id it named; entries by phone or
			// external id that matched nothing are counted in total_errors only (assumed: failed_records carries ids).
			method: 'DELETE',
			path: '/record-lists/:id/records/bulks',
			scope: ['record-lists:manage'],
			handler(ctx) {
				const list = findList(ctx.params.id);
				if (!list) return notFound('Record list', ctx.params.id);
				const { arr, error } = bodyArray(ctx, false);
				if (error) return error;
				let deleted = 0;
				let errors = 0;
				const failed = [];
				for (const sel of arr) {
					let match;
					if (sel && sel.id) match = (r) => r.id === sel.id;
					else if (sel && sel.phone_number) match = (r) => r.phone_numbers.some((p) => p.phone_number === sel.phone_number);
					else if (sel && sel.external_id) match = (r) => r.external_id === sel.external_id && (!sel.external_provider || r.external_provider === sel.external_provider);
					else return fail(400, 'Errors were found in the submitted data', [{ name: 'id', description: 'give id, phone_number or external_provider + external_id' }]);
					const hits = list.records.filter(match);
					if (!hits.length) {
						errors++;
						if (sel.id) failed.push({ id: sel.id, _links: { self: { href: `${origin(ctx)}/record-lists/${list.id}/records/${sel.id}` } } });
						continue;
					}
					list.records = list.records.filter((r) => !match(r));
					deleted += hits.length;
				}
				const body = { record_list_id: list.id, has_errors: errors > 0, total_deleted: deleted, total_errors: errors, _links: bulkLinks(ctx, list.id) };
				if (settings.bulkEmbedded) body._embedded = { failed_records: failed };
				return { status: 200, body };
			},
		},
		{
			// PATCH /record-lists/{id}/records/{record_id} (/reference/update-a-record): JSON-patch, e.g.
			// [{op:"replace", path:"/priority", value:6}].
			method: 'PATCH',
			path: '/record-lists/:id/records/:recordId',
			scope: ['record-lists:manage'],
			handler(ctx) {
				const list = findList(ctx.params.id);
				if (!list) return notFound('Record list', ctx.params.id);
				const rec = list.records.find((r) => r.id === ctx.params.recordId);
				if (!rec) return notFound('Record', ctx.params.recordId);
				if (!Array.isArray(ctx.body)) return fail(400, 'Body must be a JSON-patch array', [{ name: 'body', description: 'must be an array' }]);
				const copy = JSON.parse(JSON.stringify(rec));
				const fields = applyPatch(copy, ctx.body);
				if (!fields.length) fields.push(...validateRecord(copy));
				if (fields.length) return fail(400, 'Errors were found in the submitted data', fields);
				Object.assign(rec, copy);
				return { status: 200, body: recordView(list.id)(rec, ctx) };
			},
		},
		// Do Not Call lists
		// GET /do-not-call-lists (/reference/do-not-call-lists): list objects carry entries_count and status.
		{ method: 'GET', path: '/do-not-call-lists', scope: ['do-not-call-lists:manage'], handler: (ctx) => hal(ctx, state.dnc, 'do_not_call_lists', (d, c) => ({ id: d.id, name: d.name, status: d.status, entries_count: d.entries.length, created_at: d.created_at, updated_at: d.created_at, teams: [], _links: { self: { href: `${origin(c)}/do-not-call-lists/${d.id}` } } }), 250) },
		// GET /do-not-call-lists/{id}/entries (/reference/do-not-call-listsidentries): HAL page of entries.
		{ method: 'GET', path: '/do-not-call-lists/:id/entries', scope: ['do-not-call-lists:manage'], handler: (ctx) => (findDnc(ctx.params.id) ? hal(ctx, findDnc(ctx.params.id).entries, 'entries', entryView(ctx.params.id), 250) : notFound('Do not call list', ctx.params.id)) },
		{
			// POST /do-not-call-lists/{id}/entries (/reference/do-not-call-listsidentries-1): {phone_number,
			// expiration_date "YYYY-MM-DD", reason} → 201 entry.
			method: 'POST',
			path: '/do-not-call-lists/:id/entries',
			scope: ['do-not-call-lists:manage'],
			handler(ctx) {
				const d = findDnc(ctx.params.id);
				if (!d) return notFound('Do not call list', ctx.params.id);
				const b = ctx.body || {};
				const fields = [];
				if (typeof b.phone_number !== 'string' || !E164.test(b.phone_number)) fields.push({ name: 'phone_number', description: 'must be a valid E.164 phone number' });
				if (b.expiration_date !== undefined && b.expiration_date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(b.expiration_date)) fields.push({ name: 'expiration_date', description: 'must be a date YYYY-MM-DD' });
				if (b.reason !== undefined && (typeof b.reason !== 'string' || b.reason.length > 255)) fields.push({ name: 'reason', description: 'size must be at most 255' });
				if (fields.length) return fail(400, 'Errors were found in the submitted data', fields);
				if (d.entries.some((e) => e.phone_number === b.phone_number)) return fail(409, `${b.phone_number} is already on this list`, [{ name: 'phone_number', description: 'already exists' }]);
				const e = { id: uuid(rand), phone_number: b.phone_number, expiration_date: b.expiration_date ?? null, reason: b.reason ?? null, created_at: new Date(now()).toISOString() };
				d.entries.push(e);
				return { status: 201, body: entryView(d.id)(e, ctx) };
			},
		},
		{
			// POST /do-not-call-lists/{id}/entries/queries (/reference/filter-by-phone-numbers-and-timezones): body
			// {phone_numbers:[{phone_number, timezone}]}; answers a paginated HAL list of the matching entries, 50 per
			// page by default (/docs/paging-results). The next page is the same POST to `_links.next.href`.
			method: 'POST',
			path: '/do-not-call-lists/:id/entries/queries',
			scope: ['do-not-call-lists:manage'],
			handler(ctx) {
				const d = findDnc(ctx.params.id);
				if (!d) return notFound('Do not call list', ctx.params.id);
				const list = ctx.body && Array.isArray(ctx.body.phone_numbers) ? ctx.body.phone_numbers : null;
				if (!list || !list.length || list.length > 100) return fail(400, 'phone_numbers must have 1 to 100 entries', [{ name: 'phone_numbers', description: 'size must be between 1 and 100' }]);
				const bad = list.map((p, i) => (!p || !E164.test(p.phone_number || '') ? { name: `phone_numbers[${i}].phone_number`, description: 'must be a valid E.164 phone number' } : null)).filter(Boolean);
				if (bad.length) return fail(400, 'Errors were found in the submitted data', bad);
				const today = new Date(now()).toISOString().slice(0, 10);
				const hits = d.entries.filter((e) => list.some((p) => p.phone_number === e.phone_number) && (!e.expiration_date || e.expiration_date >= today));
				return hal(ctx, hits, 'entries', entryView(d.id), 250);
			},
		},
	];

	function applyPatch(target, ops) {
		const fields = [];
		const allowed = ['/priority', '/first_name', '/last_name', '/timezone', '/phone_numbers', '/extra_data', '/external_id', '/external_url', '/external_provider'];
		for (const op of ops) {
			if (!op || !['replace', 'add', 'remove'].includes(String(op.op).toLowerCase())) {
				fields.push({ name: 'op', description: 'must be replace, add or remove' });
				continue;
			}
			const path = String(op.path || '');
			const top = '/' + path.split('/')[1];
			if (!allowed.includes(top)) {
				fields.push({ name: 'path', description: `${path} cannot be changed` });
				continue;
			}
			const keys = path.split('/').slice(1);
			let obj = target;
			for (const k of keys.slice(0, -1)) obj = obj[k] = obj[k] && typeof obj[k] === 'object' ? obj[k] : {};
			const last = keys[keys.length - 1];
			if (String(op.op).toLowerCase() === 'remove') delete obj[last];
			else obj[last] = op.value;
		}
		return fields;
	}

	const sim = new Simulator({
		name: 'talkdesk',
		routes,
		errorBody: (status, message) => tdError(status, message),
		before(ctx, route) {
			if (route && route.public) return null;
			if (!route) {
				// Unknown paths still need a token, as the real gateway does.
			}
			const m = /^Bearer\s+(.+)$/i.exec(ctx.headers.authorization || '');
			const t = m && state.tokens.get(m[1]);
			if (!t) return { status: 401, body: tdError(401, 'Missing or invalid access token') };
			if (t.expiresAt <= now()) return { status: 401, body: tdError(401, 'The access token expired') };
			if (route && route.scope) {
				const missing = route.anyScope ? (route.scope.some((s) => t.scopes.includes(s)) ? [] : [route.scope[0]]) : route.scope.filter((s) => !t.scopes.includes(s));
				if (missing.length) return { status: 403, body: tdError(403, `The access token is missing the required scope(s): ${missing.join(' ')}`, [{ name: 'scope', description: `requires ${missing.join(' ')}` }]) };
			}
			return null;
		},
	});

	sim.state = state;
	sim.settings = settings;
	sim.clients = clients;
	/** Vendor-side changes for trigger tests and the e2e tier (also POST /__sim/action). */
	sim.controlAction = (body = {}) => {
		switch (body.action) {
			case 'setCampaignStatus': {
				const c = findCampaign(body.id) || state.campaigns[body.index ?? -1];
				if (!c || !STATUSES.includes(body.status)) return { ok: false, error: 'unknown campaign or status' };
				c.status = body.status;
				return { ok: true, campaign: { id: c.id, status: c.status } };
			}
			case 'setActionRequired': {
				const c = findCampaign(body.id) || state.campaigns[body.index ?? -1];
				if (!c) return { ok: false, error: 'unknown campaign' };
				c.action_required = !!body.value;
				return { ok: true, campaign: { id: c.id, action_required: c.action_required } };
			}
			case 'addCampaign': {
				seq++;
				const c = newCampaign({ name: body.name || `Vendor-side campaign ${seq}`, status: body.status || 'INCOMPLETE', action_required: !!body.action_required }, new Date(now() + seq).toISOString());
				state.campaigns.push(c);
				state.users.set(c.id, []);
				state.numbers.set(c.id, []);
				return { ok: true, campaign: { id: c.id, name: c.name } };
			}
			case 'addRecord': {
				const list = findList(body.listId) || state.lists[0];
				seq++;
				const r = newRecord({ phone_numbers: [{ phone_number: body.phone_number || `+1213556${String(seq).padStart(4, '0')}`, phone_type: 'MOBILE' }], first_name: body.first_name || 'Vendor', last_name: body.last_name || `Record ${seq}`, priority: 5 });
				r.created_at = new Date(now() + seq).toISOString();
				list.records.push(r);
				return { ok: true, record: { id: r.id, listId: list.id } };
			}
			case 'settings':
				// e.g. {action:'settings', tokenLifetimeSec: 1} or {checksumFormat:'base64'} or {pageCap: 20}
				for (const k of Object.keys(settings)) if (body[k] !== undefined) settings[k] = body[k];
				return { ok: true, settings: { ...settings } };
			case 'expireTokens':
				for (const t of state.tokens.values()) t.expiresAt = 0;
				return { ok: true };
			default:
				return { ok: false, error: `unknown action ${body.action}` };
		}
	};
	sim.exportState = () => ({
		campaigns: state.campaigns.length,
		recordLists: state.lists.map((l) => ({ id: l.id, name: l.name, status: l.status, records: l.records.length })),
		doNotCallLists: state.dnc.map((d) => ({ id: d.id, name: d.name, entries: d.entries.length })),
	});
	return sim;
}

/** Credential data (as n8n stores it) for the demo client against a running simulator. */
function demoCredentials(baseUrl, { clientId = 'demo-client', clientSecret = 'demo-secret' } = {}) {
	return {
		region: 'us',
		accountName: 'demo',
		clientId,
		clientSecret,
		scope: ALL_SCOPES.join(' '),
		useCustomBaseUrl: true,
		baseUrlOverride: baseUrl,
	};
}

module.exports = { create, demoCredentials, ALL_SCOPES, CLIENTS };
