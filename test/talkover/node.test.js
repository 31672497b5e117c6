// Talkover action node and credential through the real engine against the simulator over HTTP.
const { useTalkoverEnv } = require('./helpers');
const talkover = require('../simulators/talkover');

let sim;
let h;
let cred;

const node = (parameters, extra = {}) => ({ type: 'talkover', parameters, credentials: h.credentialRef('talkoverApi', cred), ...extra });
const rl = (value) => ({ __rl: true, mode: 'id', value });
const byStatus = (s) => sim.state.campaigns.find((c) => c.status === s);
const errOf = (r) => r.error || r.nodeError;

const env = useTalkoverEnv();
beforeEach(() => ({ sim, h, cred } = env));

describe('credential', () => {
	test('test request is authenticated: right token OK, wrong token explained, wrong base URL explained', async () => {
		const ok = await h.testCredential('talkoverApi', talkover.demoCredentials(sim.url));
		expect(ok.status).toBe('OK');
		const probe = sim.requests('GET', '/api/v1/campaigns').pop();
		expect(probe.query.per_page).toBe('1');
		expect(probe.headers.authorization).toBeDefined();
		const wrong = await h.testCredential('talkoverApi', { apiToken: 'talq_wrong_token_123', baseUrl: sim.url });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/refused the API token.*Account → Environments/);
		const trailing = await h.testCredential('talkoverApi', talkover.demoCredentials(`${sim.url}/api/v1/`));
		expect(trailing.status).toBe('OK');
		const badBase = await h.testCredential('talkoverApi', talkover.demoCredentials(`${sim.url}/nothing-here`));
		expect(badBase.status).toBe('Error');
	});
});

describe('campaign', () => {
	const createParams = (over = {}) => ({
		resource: 'campaign',
		operation: 'create',
		name: 'Winter Promo',
		campaignType: 'sales',
		agentId: rl(sim.state.agents[0].id),
		startDate: '2026-12-01T00:00:00',
		daysOfWeek: [1, 2, 3, 4, 5],
		callTimeRanges: { ranges: [{ start: '9:00', end: '12:00' }, { start: '13:00', end: '17:30' }] },
		timezone: 'Europe/Berlin',
		additionalFields: { max_retries: 2, busy_cooldown_hours: 2, do_not_call_enabled: true, do_not_call_list_source: 'custom', do_not_call_custom_list: '+1 (213) 555-0100, 0044 20 7183 8750', end_date: '2026-12-31' },
		...over,
	});

	test('create sends documented fields, normalised, and returns a draft', async () => {
		const r = await h.runNode(node(createParams()));
		expect(errOf(r)).toBeUndefined();
		expect(r.outJson[0]).toMatchObject({ name: 'Winter Promo', status: 'draft', max_retries: 2 });
		const sent = sim.requests('POST', '/api/v1/campaigns')[0].body;
		expect(sent).toEqual({
			name: 'Winter Promo', campaign_type: 'sales', agent_id: sim.state.agents[0].id, start_date: '2026-12-01', days_of_week: [1, 2, 3, 4, 5],
			call_time_ranges: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:30' }], timezone: 'Europe/Berlin', max_retries: 2,
			busy_cooldown_hours: 2, do_not_call_enabled: true, do_not_call_list_source: 'custom', do_not_call_custom_list: ['+12135550100', '+442071838750'], end_date: '2026-12-31',
		});
	});

	test.each([
		[{ timezone: 'Berlin' }, /Item 1: Time Zone is not a known IANA time zone/],
		[{ callTimeRanges: { ranges: [{ start: '17:00', end: '09:00' }] } }, /Calling Hours range 1 ends \(09:00\) before it starts/],
		[{ additionalFields: { max_retries: 11 } }, /Max Retries must be from 0 to 10/],
		// create-campaign: post_completion_cooldown_hours 1–168, like every other cooldown (issue 11 point 10).
		[{ additionalFields: { post_completion_cooldown_hours: 169 } }, /^Item 1: Post-Completion Cooldown \(Hours\) must be from 1 to 168 \(got 169\)$/],
		[{ additionalFields: { post_completion_cooldown_hours: 0 } }, /^Item 1: Post-Completion Cooldown \(Hours\) must be from 1 to 168 \(got 0\)$/],
		[{ additionalFields: { failed_cooldown_hours: 169 } }, /^Item 1: Failed Cooldown \(Hours\) must be from 1 to 168 \(got 169\)$/],
		[{ additionalFields: { end_date: '2026-11-01' } }, /End Date \(2026-11-01\) is before the Start Date/],
		[{ daysOfWeek: '={{ [] }}' }, /Days of Week is empty/],
		[{ agentId: rl('={{ "" }}') }, /Agent is empty/],
	])('bad input %j is refused before any request', async (over, message) => {
		const r = await h.runNode(node(createParams(over)));
		expect(errOf(r).message).toMatch(message);
		expect(sim.requests('POST', '/api/v1/campaigns')).toHaveLength(0);
	});

	test('422 from Talkover lists the fields (unknown agent)', async () => {
		const r = await h.runNode(node(createParams({ agentId: rl('00000000-0000-4000-8000-000000000999') })));
		expect(errOf(r).message).toBe('Talkover could not create campaign "Winter Promo": agent_id: The selected agent id is invalid.');
		expect(errOf(r).description).toMatch(/Fix those fields/);
	});

	test('get many pages through page/per_page (≤100), honours limit and filters, simplifies', async () => {
		for (let k = 0; k < 140; k++) sim.state.campaigns.push({ ...sim.state.campaigns[2], id: `bulk-${k}`, name: `Bulk ${k}` });
		const all = await h.runNode(node({ resource: 'campaign', operation: 'getAll', returnAll: true }));
		expect(all.outJson).toHaveLength(146);
		expect(sim.requests('GET', '/api/v1/campaigns').map((e) => [e.query.page, e.query.per_page])).toEqual([['1', '100'], ['2', '100']]);
		expect(all.outJson[0]).not.toHaveProperty('call_time_ranges');
		sim.clearLedger();
		const limited = await h.runNode(node({ resource: 'campaign', operation: 'getAll', returnAll: false, limit: 3, filters: { status: 'draft', search: 'bulk' } }));
		expect(limited.outJson).toHaveLength(3);
		expect(sim.requests('GET', '/api/v1/campaigns')[0].query).toMatchObject({ status: 'draft', search: 'bulk', per_page: '3', page: '1' });
	});

	test('change status: allowed transitions go through, refused ones list what is allowed; same status is a no-op', async () => {
		const draft = byStatus('draft');
		const start = await h.runNode(node({ resource: 'campaign', operation: 'changeStatus', campaignId: rl(draft.id), targetStatus: 'active' }));
		expect(start.outJson[0]).toMatchObject({ previous_status: 'draft', status: 'active', changed: true });
		expect(sim.requests('PATCH', `/api/v1/campaigns/${draft.id}/status`)[0].body).toEqual({ status: 'active' });

		const again = await h.runNode(node({ resource: 'campaign', operation: 'changeStatus', campaignId: rl(draft.id), targetStatus: 'active' }));
		expect(again.outJson[0]).toMatchObject({ changed: false, status: 'active' });
		expect(sim.requests('PATCH', `/api/v1/campaigns/${draft.id}/status`)).toHaveLength(1);

		const completed = byStatus('completed');
		const refused = await h.runNode(node({ resource: 'campaign', operation: 'changeStatus', campaignId: rl(completed.id), targetStatus: 'active' }));
		expect(errOf(refused).message).toBe('Cannot Start campaign "Summer Promo": it is completed');
		expect(errOf(refused).description).toMatch(/can: nothing \(it is final\)/);
		const paused = byStatus('paused');
		const draft2 = sim.state.campaigns.find((c) => c.status === 'draft') || null;
		expect(draft2).toBeNull();
		const fromPaused = await h.runNode(node({ resource: 'campaign', operation: 'changeStatus', campaignId: rl(paused.id), targetStatus: 'paused' }));
		expect(fromPaused.outJson[0].changed).toBe(false);
		const newDraft = await h.runNode(node(createParams()));
		const badDraft = await h.runNode(node({ resource: 'campaign', operation: 'changeStatus', campaignId: rl(newDraft.outJson[0].id), targetStatus: 'paused' }));
		expect(errOf(badDraft).description).toBe('From draft the campaign can: Start, Cancel. Completed and cancelled campaigns cannot change any more.');
		expect(sim.requests('PATCH', /\/status$/)).toHaveLength(1); // refused ones never reached Talkover
	});

	test('complete while a call is in progress: 409 CAMPAIGN_HAS_ACTIVE_CALLS explained', async () => {
		const active = byStatus('active');
		sim.state.campaignCalls.push({ id: 'running-1', campaign_id: active.id, to: '+12135550001', status: 'in_progress' });
		const r = await h.runNode(node({ resource: 'campaign', operation: 'changeStatus', campaignId: rl(active.id), targetStatus: 'completed' }));
		expect(errOf(r).message).toMatch(/could not complete campaign "Q4 Sales Outreach".*calls in progress.*\[CAMPAIGN_HAS_ACTIVE_CALLS\]/);
		expect(errOf(r).description).toMatch(/Calls are still in progress/);
	});

	test('server-side INVALID_TRANSITION (status changed meanwhile) is mapped with the allowed list', async () => {
		const active = byStatus('active');
		// The vendor completes it between the node's read and its change.
		sim.injectFault({ kind: 'status', status: 400, match: (c) => c.method === 'PATCH', body: { success: false, error: { code: 'INVALID_TRANSITION', message: 'Cannot change campaign status from completed to paused.', details: { current_status: 'completed', requested_status: 'paused', allowed_transitions: [] } } } });
		const r = await h.runNode(node({ resource: 'campaign', operation: 'changeStatus', campaignId: rl(active.id), targetStatus: 'paused' }));
		expect(errOf(r).message).toMatch(/Talkover could not pause campaign "Q4 Sales Outreach".*Cannot change campaign status from completed to paused\. \[INVALID_TRANSITION\]/);
		expect(errOf(r).description).toMatch(/completed and cancelled campaigns cannot change/);
	});

	test('update: partial body, end date cleared, 409 explains pause first; delete of active explains', async () => {
		const paused = byStatus('paused');
		const r = await h.runNode(node({ resource: 'campaign', operation: 'update', campaignId: rl(paused.id), updateFields: { name: 'Renamed', clear_end_date: true, voicemail_cooldown_hours: 12 }, simplify: false }));
		expect(sim.requests('PUT', `/api/v1/campaigns/${paused.id}`)[0].body).toEqual({ name: 'Renamed', end_date: null, voicemail_cooldown_hours: 12 });
		expect(r.outJson[0]).toMatchObject({ name: 'Renamed', voicemail_cooldown_hours: 12 });
		const empty = await h.runNode(node({ resource: 'campaign', operation: 'update', campaignId: rl(paused.id), updateFields: {} }));
		expect(errOf(empty).message).toBe('Item 1: Update Fields is empty');
		const tooLong = await h.runNode(node({ resource: 'campaign', operation: 'update', campaignId: rl(paused.id), updateFields: { post_completion_cooldown_hours: 169 } }));
		expect(errOf(tooLong).message).toBe('Item 1: Post-Completion Cooldown (Hours) must be from 1 to 168 (got 169)');
		expect(sim.requests('PUT', `/api/v1/campaigns/${paused.id}`)).toHaveLength(1);

		const active = byStatus('active');
		sim.state.campaignCalls.push({ id: 'q1', campaign_id: active.id, to: '+12135550000', status: 'queued' });
		const busy = await h.runNode(node({ resource: 'campaign', operation: 'update', campaignId: rl(active.id), updateFields: { name: 'x' } }));
		expect(errOf(busy).message).toMatch(/^Talkover could not update campaign .*: Campaign has queued or active calls.*\[CAMPAIGN_HAS_ACTIVE_CALLS\]$/);
		expect(errOf(busy).description).toMatch(/Pause it first \(Campaign → Change Status → Pause\)/);
		const del = await h.runNode(node({ resource: 'campaign', operation: 'delete', campaignId: rl(active.id) }));
		expect(errOf(del).message).toMatch(/Talkover could not delete campaign .*Cannot delete an active campaign/);
		expect(errOf(del).description).toMatch(/does not delete a running campaign/);
		// Talkover documents 403 as well as 409 for this case; both get the same advice.
		sim.injectFault({ kind: 'status', status: 403, match: (c) => c.method === 'DELETE', body: { success: false, message: 'Active campaigns cannot be deleted.' } });
		const del403 = await h.runNode(node({ resource: 'campaign', operation: 'delete', campaignId: rl(active.id) }));
		expect(errOf(del403).message).toMatch(/Active campaigns cannot be deleted/);
		expect(errOf(del403).description).toMatch(/Pause, complete or cancel it first/);
		const okDel = await h.runNode(node({ resource: 'campaign', operation: 'delete', campaignId: rl(paused.id) }));
		expect(okDel.outJson).toEqual([{ id: paused.id, deleted: true }]);
	});

	test('get: not found uses the {error:{code,message}} shape; simplify off returns calls and files', async () => {
		const missing = await h.runNode(node({ resource: 'campaign', operation: 'get', campaignId: rl('nope') }));
		expect(errOf(missing).message).toBe('Talkover could not get campaign nope: Campaign not found. [NOT_FOUND]');
		expect(errOf(missing).description).toMatch(/Check the ID/);
		const full = await h.runNode(node({ resource: 'campaign', operation: 'get', campaignId: rl(sim.state.campaigns[0].id), simplify: false }));
		expect(full.outJson[0].calls).toHaveLength(3);
		expect(full.outJson[0].files[0].original_filename).toBe('q4-leads.csv');
	});
});

describe('campaign call', () => {
	const addParams = (campaignId, over = {}) => ({
		resource: 'campaignCall',
		operation: 'add',
		campaignId: rl(campaignId),
		phoneNumber: '={{$json.phone}}',
		promptVariables: { values: [{ name: 'first_name', value: '={{$json.name}}' }] },
		context: { values: [{ name: 'crm_id', value: '={{$json.crm}}' }] },
		...over,
	});

	test('adds contacts with payload and context; duplicate → clear per-item error; skip and allow modes', async () => {
		const active = byStatus('active');
		const items = [{ json: { phone: '+1 213 555 0201', name: 'Ana', crm: 'L1' } }, { json: { phone: '+12135550101', name: 'Ben', crm: 'L2' } }];
		const r = await h.runNode(node(addParams(active.id)), items, {});
		expect(errOf(r).message).toMatch(/^Talkover could not add \+12135550101 to campaign .*: A call to this number already exists in this campaign\. \(existing call cc000000-[\w-]+, status completed\) \[DUPLICATE_CALL\]$/);
		const cof = await h.runNode(node(addParams(active.id), { continueOnFail: true }), [{ json: { phone: '+12135550202', name: 'C', crm: 'L3' } }, items[1].json && { json: items[1].json }]);
		expect(cof.outJson[0]).toMatchObject({ to: '+12135550202', status: 'queued', campaign: { id: active.id }, skipped: false });
		expect(cof.outJson[1].error).toMatch(/already exists/);
		expect(cof.outJson[1].description).toMatch(/Duplicate Numbers/);
		expect(cof.out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const sent = sim.requests('POST', `/api/v1/campaigns/${active.id}/call`)[0].body;
		expect(sent).toEqual({ to: '+12135550201', payload: { first_name: 'Ana' }, context: { crm_id: 'L1' } });

		const skip = await h.runNode(node(addParams(active.id, { options: { duplicates: 'skip' } })), [items[1]]);
		expect(skip.outJson[0]).toMatchObject({ skipped: true, to: '+12135550101', existing_call: { status: 'completed' } });
		const allow = await h.runNode(node(addParams(active.id, { options: { duplicates: 'allow', isTesting: true } })), [items[1]]);
		expect(allow.outJson[0]).toMatchObject({ status: 'queued', skipped: false });
		expect(sim.requests('POST', `/api/v1/campaigns/${active.id}/call`).pop().body).toMatchObject({ allow_duplicates: true, is_testing: true });
	});

	test('non-active campaign → clear message; bad phone refused before any request', async () => {
		const paused = byStatus('paused');
		const r = await h.runNode(node(addParams(paused.id)), [{ json: { phone: '+12135550300', name: 'A', crm: 'x' } }]);
		expect(errOf(r).message).toMatch(/Campaign must be active to make calls\. Current status: paused/);
		expect(errOf(r).description).toMatch(/Start it first/);
		// A refused item stops the run before anything is sent for it or after it (items before it may already be on
		// their way: requests start while later items are prepared, issue 14.1).
		const bad = await h.runNode(node(addParams(paused.id)), [{ json: { phone: '213 555 0302' } }, { json: { phone: '+12135550301' } }]);
		expect(errOf(bad).message).toBe('Item 1: Phone Number "213 555 0302" has no country code');
		expect(sim.requests('POST', /\/call$/)).toHaveLength(1);
	});

	test('bulk add under a simulated rate limit: no 429 reaches the output, one output per item, no duplicates', async () => {
		const active = byStatus('active');
		sim.setRateLimit({ windowMs: 2000, max: 40 });
		const n = 100;
		const items = Array.from({ length: n }, (_, k) => ({ json: { phone: `+1213555${String(1000 + k)}`, name: `P${k}`, crm: `C${k}` } }));
		// 1,500/min is more than the simulated 1,200/min: the node must slow down on 429 and carry on.
		const r = await h.runNode(node(addParams(active.id, { options: { concurrency: 4, maxPerMinute: 1500 } })), items);
		expect(errOf(r)).toBeUndefined();
		expect(r.outJson).toHaveLength(n);
		expect(r.outJson.every((o) => o.status === 'queued')).toBe(true);
		expect(r.out.map((o) => o.pairedItem.item)).toEqual(items.map((_, k) => k));
		expect(r.outJson.map((o) => o.to)).toEqual(items.map((i) => i.json.phone));
		const accepted = sim.requests('POST', `/api/v1/campaigns/${active.id}/call`).filter((e) => e.status === 201);
		expect(accepted).toHaveLength(n);
		expect(new Set(accepted.map((e) => e.body.to)).size).toBe(n);
		expect(sim.requests('POST', /\/call$/).some((e) => e.status === 429)).toBe(true); // the limit really bit
	});
});

test('Max Requests per Minute below the plan limit: paced so Talkover never answers 429', async () => {
	const active = byStatus('active');
	sim.setRateLimit({ windowMs: 2000, max: 20 }); // 600 per minute
	const items = Array.from({ length: 30 }, (_, k) => ({ json: { phone: `+1213558${String(1000 + k)}` } }));
	const r = await h.runNode(node({ resource: 'campaignCall', operation: 'add', campaignId: rl(active.id), phoneNumber: '={{$json.phone}}', options: { concurrency: 5, maxPerMinute: 480 } }), items);
	expect(r.outJson).toHaveLength(30);
	const sent = sim.requests('POST', /\/call$/);
	expect(sent).toHaveLength(30);
	expect(sent.every((e) => e.status === 201)).toBe(true);
	const starts = sent.map((e) => e.at);
	expect(starts[29] - starts[0]).toBeGreaterThanOrEqual(29 * 125 - 50); // evenly spread, not a burst
});

describe('calls and agents', () => {
	test('call list for all or one agent, with filters and limit', async () => {
		const all = await h.runNode(node({ resource: 'call', operation: 'getAll', scope: 'all', returnAll: true, filters: { status: 'completed', direction: 'outbound' } }));
		expect(all.outJson.every((c) => c.status === 'completed' && c.direction === 'outbound')).toBe(true);
		expect(all.outJson).toHaveLength(3);
		const agent = sim.state.agents[0].id;
		const one = await h.runNode(node({ resource: 'call', operation: 'getAll', scope: 'agent', agentId: rl(agent), returnAll: false, limit: 2, filters: { date_from: '2026-01-01' } }));
		expect(one.outJson).toHaveLength(2);
		expect(sim.requests('GET', `/api/v1/agents/${agent}/calls`)[0].query).toMatchObject({ per_page: '2', date_from: '2026-01-01' });
	});

	test('agents: list, get, make call with delay (validated 0–3600), list search for the locator', async () => {
		const list = await h.runNode(node({ resource: 'agent', operation: 'getAll', returnAll: true, filters: { search: 'support' } }));
		expect(list.outJson.map((a) => a.name)).toEqual(['Support Agent']);
		const id = sim.state.agents[1].id;
		const one = await h.runNode(node({ resource: 'agent', operation: 'get', agentId: rl(id) }));
		expect(one.outJson[0].id).toBe(id);
		const tooLate = await h.runNode(node({ resource: 'agent', operation: 'makeCall', agentId: rl(id), phoneNumber: '+12135550999', options: { delaySeconds: 4000 } }));
		expect(errOf(tooLate).message).toMatch(/Item 1: Delay \(Seconds\) must be from 0 to 3600/);
		const made = await h.runNode(node({ resource: 'agent', operation: 'makeCall', agentId: rl(id), phoneNumber: '+1-213-555-0999', options: { delaySeconds: 30 } }));
		expect(made.outJson[0]).toMatchObject({ to: '+12135550999', status: 'scheduled' });
		expect(sim.requests('POST', `/api/v1/agents/${id}/call`)[0].body).toEqual({ to: '+12135550999', delay_seconds: 30 });
		const found = await h.loadOptions(node({}), 'listSearch', 'searchCampaigns', { filter: 'promo' });
		expect(found.results).toEqual([{ name: 'Summer Promo (completed)', value: byStatus('completed').id }]);
		const agents = await h.loadOptions(node({}), 'loadOptions', 'getAgents');
		expect(agents.map((a) => a.name)).toEqual(['Reminder Agent', 'Sales Agent', 'Support Agent']);
	});
});

describe('error shapes map to one clear message', () => {
	const list = () => h.runNode(node({ resource: 'agent', operation: 'getAll', returnAll: true }));
	test.each([
		['{success:false,message}', { status: 403, body: { success: false, message: 'Forbidden for this environment' } }, /Talkover could not list agents: Forbidden for this environment$/, /not allowed/],
		['422 {message,errors}', { status: 422, body: { message: 'The given data was invalid.', errors: { per_page: ['The per page may not be greater than 100.'] } } }, /list agents: per_page: The per page may not be greater than 100\.$/, /Fix those fields/],
		['401 {message}', { status: 401, count: 2, body: { message: 'Missing Bearer Token' } }, /list agents: Missing Bearer Token$/, /API token/],
		['{success:false,error:{code,message,details}}', { status: 400, body: { success: false, error: { code: 'BAD_FILTER', message: 'Unknown filter', details: {} } } }, /list agents: Unknown filter \[BAD_FILTER\]$/, undefined],
		['409 with code', { status: 409, body: { success: false, message: 'Busy', code: 'CAMPAIGN_HAS_ACTIVE_CALLS' } }, /list agents: Busy \[CAMPAIGN_HAS_ACTIVE_CALLS\]$/, /Pause/],
		['HTML page', { kind: 'html', status: 404 }, /list agents: an HTML page instead of an API answer$/, /Check the ID/],
	])('%s', async (_name, fault, message, hint) => {
		sim.injectFault({ kind: 'status', ...fault });
		const r = await list();
		expect(errOf(r).message).toMatch(message);
		if (hint) expect(errOf(r).description).toMatch(hint);
		expect(JSON.stringify(errOf(r).message + errOf(r).description)).not.toContain(sim.token);
	});

	test('wrong token: 401 explained, token never shown', async () => {
		const bad = h.addCredential('talkoverApi', { apiToken: 'talq_wrong_but_secret_999', baseUrl: sim.url });
		const r = await h.runNode({ type: 'talkover', parameters: { resource: 'agent', operation: 'getAll', returnAll: true }, credentials: h.credentialRef('talkoverApi', bad) });
		expect(errOf(r).message).toBe('Talkover could not list agents: Unauthorized');
		expect(errOf(r).description).toMatch(/starts with talq_/);
		expect(JSON.stringify({ m: errOf(r).message, d: errOf(r).description })).not.toMatch(/wrong_but_secret/);
	});

	test('GET retried after a 500 and a reset; a 429 waits for Retry-After', async () => {
		sim.injectFault({ kind: 'status', status: 500 });
		sim.injectFault({ kind: 'reset-before' });
		sim.injectFault({ kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { success: false, message: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED' } });
		const r = await list();
		expect(r.outJson).toHaveLength(3);
		expect(sim.requests('GET', '/api/v1/agents')).toHaveLength(4);
	});

	test('a POST that may have reached Talkover is not re-sent after a 500', async () => {
		const active = byStatus('active');
		sim.injectFault({ kind: 'status', status: 500, match: (c) => c.method === 'POST' });
		const r = await h.runNode(node({ resource: 'campaignCall', operation: 'add', campaignId: rl(active.id), phoneNumber: '+12135550777' }));
		expect(errOf(r).message).toMatch(/Internal server error/);
		expect(sim.requests('POST', /\/call$/)).toHaveLength(1);
	});
});

test('a whole workflow with the published type names: list active campaigns, add one contact to each', async () => {
	const credentials = h.credentialRef('talkoverApi', cred);
	const wf = {
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: '2', name: 'Active Campaigns', type: 'n8n-nodes-outbound-campaigns.talkover', typeVersion: 1, position: [200, 0], credentials, parameters: { resource: 'campaign', operation: 'getAll', returnAll: true, filters: { status: 'active' } } },
			{ id: '3', name: 'Add Contact', type: 'n8n-nodes-outbound-campaigns.talkover', typeVersion: 1, position: [400, 0], credentials, parameters: { resource: 'campaignCall', operation: 'add', campaignId: { __rl: true, mode: 'id', value: '={{$json.id}}' }, phoneNumber: '+12135550888', options: { isTesting: true } } },
		],
		connections: {
			Start: { main: [[{ node: 'Active Campaigns', type: 'main', index: 0 }]] },
			'Active Campaigns': { main: [[{ node: 'Add Contact', type: 'main', index: 0 }]] },
		},
	};
	const r = await h.run(wf);
	expect(r.error).toBeUndefined();
	const active = sim.state.campaigns.filter((c) => c.status === 'active').map((c) => c.id).sort();
	expect(r.json('Add Contact').map((o) => o.campaign_id).sort()).toEqual(active);
	expect(r.items('Add Contact').map((i) => i.pairedItem.item)).toEqual([0, 1]);
});

// Issue 11 point 12 ("same audit for every Return All"): page/per_page/pagination.last_page, 3+ pages, never silently short.
describe('Return All over 3+ pages, and reads that cannot be proven complete', () => {
	const hintsOf = (r) => (r.raw.data.resultData.runData.Node || [{}])[0].hints || [];
	const fill = {
		campaign: () => { for (let k = 0; k < 250; k++) sim.state.campaigns.push({ ...sim.state.campaigns[2], id: `bulk-${String(k).padStart(3, '0')}`, name: `Bulk ${k}` }); return sim.state.campaigns.length; },
		agent: () => { for (let k = 0; k < 250; k++) sim.state.agents.push({ ...sim.state.agents[0], id: `agent-${String(k).padStart(3, '0')}`, name: `Agent ${k}` }); return sim.state.agents.length; },
		call: () => { for (let k = 0; k < 250; k++) sim.state.calls.push({ ...sim.state.calls[0], id: `call-${String(k).padStart(3, '0')}`, created_at: `2026-10-01T00:${String(Math.floor(k / 60)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}Z` }); return sim.state.calls.length; },
	};
	const paths = { campaign: '/api/v1/campaigns', agent: '/api/v1/agents', call: '/api/v1/calls' };
	const params = (resource) => ({ resource, operation: 'getAll', returnAll: true, ...(resource === 'campaign' ? { simplify: false } : {}) });

	test.each([['campaign'], ['agent'], ['call']])('%s Get Many: every record once over 3 pages of 100, no incomplete mark', async (resource) => {
		const total = fill[resource]();
		const r = await h.runNode(node(params(resource)));
		expect(r.error).toBeUndefined();
		expect(r.outJson).toHaveLength(total);
		expect(new Set(r.outJson.map((x) => x.id)).size).toBe(total);
		expect(sim.requests('GET', paths[resource]).map((e) => e.query.page)).toEqual(['1', '2', '3']);
		expect(r.outJson.some((x) => 'incompleteRead' in x)).toBe(false);
		expect(hintsOf(r)).toEqual([]);
	});

	test.each([['campaign'], ['agent'], ['call']])('%s Get Many: a record deleted mid-read (one skipped) is flagged on the items and as a hint', async (resource) => {
		const total = fill[resource]();
		const list = { campaign: sim.state.campaigns, agent: sim.state.agents, call: sim.state.calls }[resource];
		let removed = false;
		// Between page 1 and page 2 a record of page 1 goes away: the first record of page 2 moves up and is never seen.
		sim.injectFault({ kind: 'latency', delayMs: 1, match: (c) => { if (c.path === paths[resource] && c.query.page === '2' && !removed) { removed = true; list.splice(list.length - 1, 1); list.splice(0, 1); } return false; } });
		const r = await h.runNode(node(params(resource)));
		expect(r.error).toBeUndefined();
		expect(removed).toBe(true);
		expect(r.outJson.length).toBeLessThan(total);
		for (const x of r.outJson) expect(x.incompleteRead).toMatch(new RegExp(`^Item 1: The ${resource} list may be incomplete \\(${r.outJson.length} read\\): Talkover counted ${total} records when the read started but ${r.outJson.length} distinct ones arrived`));
		expect(hintsOf(r)).toEqual([expect.objectContaining({ type: 'warning', message: r.outJson[0].incompleteRead })]);
	});

	test('an empty page before pagination.last_page is flagged, not taken as the end', async () => {
		fill.campaign();
		sim.injectFault({ kind: 'status', status: 200, body: { success: true, data: [], pagination: { current_page: 2, last_page: 3, per_page: 100, total: 256, from: null, to: null } }, match: (c) => c.path === paths.campaign && c.query.page === '2' });
		const r = await h.runNode(node(params('campaign')));
		expect(r.outJson).toHaveLength(100);
		expect(r.outJson[0].incompleteRead).toMatch(/Talkover answered page 2 empty although it counted 3 pages/);
	});
});
