// The Talkover simulator proves each documented rule it claims to model, over real HTTP.
const http = require('http');
const talkover = require('../simulators/talkover');

let sim;
let base;
const TOKEN = talkover.DEFAULT_TOKEN;

async function call(method, path, { body, token = TOKEN, headers = {} } = {}) {
	const h = { ...headers };
	if (token) h.authorization = `Bearer ${token}`;
	if (body !== undefined) h['content-type'] = 'application/json';
	const res = await fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: res.status, body: json, headers: res.headers };
}

function receiver(handler) {
	return new Promise((resolve) => {
		const got = [];
		const s = http.createServer((req, res) => {
			let b = '';
			req.on('data', (c) => (b += c));
			req.on('end', () => {
				got.push({ method: req.method, headers: req.headers, body: JSON.parse(b) });
				const status = handler ? handler(got.length) : 200;
				res.statusCode = status;
				res.end('ok');
			});
		});
		s.listen(0, '127.0.0.1', () => resolve({ s, got, url: `http://127.0.0.1:${s.address().port}/hook` }));
	});
}

const validCampaign = () => ({
	name: 'Test campaign',
	campaign_type: 'sales',
	agent_id: sim.state.agents[0].id,
	start_date: '2026-12-01',
	days_of_week: [1, 2, 3],
	call_time_ranges: [{ start: '09:00', end: '17:00' }],
	timezone: 'Europe/Berlin',
});

beforeEach(async () => {
	sim = talkover.create({ webhookRetryDelayMs: 20 });
	base = await sim.start();
});
afterEach(() => sim.stop());

test('auth: health is open, missing and wrong tokens get the documented 401 bodies', async () => {
	expect((await call('GET', '/api/v1/health', { token: null })).status).toBe(200);
	const missing = await call('GET', '/api/v1/campaigns', { token: null });
	expect([missing.status, missing.body]).toEqual([401, { message: 'Missing Bearer Token' }]);
	const wrong = await call('GET', '/api/v1/campaigns', { token: 'talq_wrong' });
	expect([wrong.status, wrong.body]).toEqual([401, { success: false, message: 'Unauthorized' }]);
	expect((await call('GET', '/api/v1/campaigns')).status).toBe(200);
});

test('campaign list: filters, Laravel pagination, per_page cap and filter validation', async () => {
	const all = await call('GET', '/api/v1/campaigns');
	expect(all.body.success).toBe(true);
	expect(all.body.pagination).toMatchObject({ current_page: 1, per_page: 20, total: 6, last_page: 1, from: 1, to: 6 });
	expect(all.body.data[0]).toHaveProperty('stats.total_calls');
	const p2 = await call('GET', '/api/v1/campaigns?per_page=4&page=2');
	expect(p2.body.data).toHaveLength(2);
	expect(p2.body.pagination).toMatchObject({ current_page: 2, last_page: 2, from: 5, to: 6 });
	const active = await call('GET', '/api/v1/campaigns?status=active&campaign_type=sales');
	expect(active.body.data.map((c) => c.name)).toEqual(['Q4 Sales Outreach']);
	const search = await call('GET', '/api/v1/campaigns?search=renewal');
	expect(search.body.data).toHaveLength(1);
	const agent = await call('GET', `/api/v1/campaigns?agent_id=${sim.state.agents[1].id}`);
	expect(agent.body.data.every((c) => c.agent_id === sim.state.agents[1].id)).toBe(true);
	const tooMany = await call('GET', '/api/v1/campaigns?per_page=101');
	expect(tooMany.status).toBe(422);
	const bad = await call('GET', '/api/v1/campaigns?status=running&date_from=yesterday');
	expect(bad.body).toMatchObject({ success: false, message: 'The given data was invalid.', errors: { status: ['The selected status is invalid.'], date_from: ['The date from must be a valid date.'] } });
});

test('every cooldown in hours, post_completion_cooldown_hours included, is 1–168: 422 {message, errors{field:[…]}}', async () => {
	const fields = ['retry_cooldown_hours', 'post_completion_cooldown_hours', 'success_cooldown_hours', 'voicemail_cooldown_hours', 'no_answer_cooldown_hours', 'busy_cooldown_hours', 'failed_cooldown_hours'];
	for (const f of fields) {
		for (const bad of [0, 169, 1.5]) {
			const r = await call('POST', '/api/v1/campaigns', { body: { ...validCampaign(), [f]: bad } });
			expect([r.status, r.body]).toEqual([422, { message: 'The given data was invalid.', errors: { [f]: [`The ${f.replace(/_/g, ' ')} must be between 1 and 168.`] } }]);
		}
		for (const good of [1, 168]) expect((await call('POST', '/api/v1/campaigns', { body: { ...validCampaign(), [f]: good } })).status).toBe(201);
	}
	const id = sim.state.campaigns.find((c) => c.status === 'draft').id;
	expect((await call('PUT', `/api/v1/campaigns/${id}`, { body: { post_completion_cooldown_hours: 169 } })).status).toBe(422);
});

test('campaign create: validation (422 field errors), starts as draft; update, delete rules', async () => {
	const invalid = await call('POST', '/api/v1/campaigns', { body: { ...validCampaign(), name: '', timezone: 'Mars/Base', days_of_week: [0], max_retries: 11, call_time_ranges: [{ start: '17:00', end: '09:00' }] } });
	expect(invalid.status).toBe(422);
	expect(Object.keys(invalid.body.errors).sort()).toEqual(['call_time_ranges.0.end', 'days_of_week.0', 'max_retries', 'name', 'timezone']);
	expect(invalid.body.success).toBeUndefined();
	const created = await call('POST', '/api/v1/campaigns', { body: validCampaign() });
	expect(created.status).toBe(201);
	expect(created.body.data).toMatchObject({ status: 'draft', max_retries: 3, retry_cooldown_hours: 24, earliest_call_time: '09:00:00' });
	const id = created.body.data.id;
	const upd = await call('PUT', `/api/v1/campaigns/${id}`, { body: { max_retries: 5, end_date: '2026-12-31' } });
	expect(upd.body.data).toMatchObject({ max_retries: 5, end_date: '2026-12-31', name: 'Test campaign' });
	const cleared = await call('PUT', `/api/v1/campaigns/${id}`, { body: { end_date: null } });
	expect(cleared.body.data.end_date).toBeNull();
	const missing = await call('GET', '/api/v1/campaigns/nope');
	expect(missing.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'Campaign not found.', details: { campaign_id: 'nope' } } });
	// active with queued calls: 409, pause first
	const activeId = sim.state.campaigns[0].id;
	await call('POST', `/api/v1/campaigns/${activeId}/call`, { body: { to: '+12135550999' } });
	const busy = await call('PUT', `/api/v1/campaigns/${activeId}`, { body: { name: 'x' } });
	expect([busy.status, busy.body.code]).toEqual([409, 'CAMPAIGN_HAS_ACTIVE_CALLS']);
	const del = await call('DELETE', `/api/v1/campaigns/${activeId}`);
	expect(del.status).toBe(409);
	await call('PATCH', `/api/v1/campaigns/${activeId}/status`, { body: { status: 'paused' } });
	expect((await call('PUT', `/api/v1/campaigns/${activeId}`, { body: { name: 'x' } })).status).toBe(200);
	expect((await call('DELETE', `/api/v1/campaigns/${activeId}`)).status).toBe(200);
	expect((await call('GET', `/api/v1/campaigns/${activeId}`)).status).toBe(404);
});

test('status transitions follow the documented table', async () => {
	const byStatus = (s) => sim.state.campaigns.find((c) => c.status === s).id;
	const bad = await call('PATCH', `/api/v1/campaigns/${byStatus('completed')}/status`, { body: { status: 'active' } });
	expect(bad.status).toBe(400);
	expect(bad.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { current_status: 'completed', allowed_transitions: [] } });
	const draft = byStatus('draft');
	expect((await call('PATCH', `/api/v1/campaigns/${draft}/status`, { body: { status: 'paused' } })).status).toBe(400);
	const started = await call('PATCH', `/api/v1/campaigns/${draft}/status`, { body: { status: 'active' } });
	expect(started.body.data).toMatchObject({ previous_status: 'draft', status: 'active' });
	expect((await call('PATCH', `/api/v1/campaigns/${draft}/status`, { body: { status: 'running' } })).status).toBe(422);
	// completing with a call in progress: 409 CAMPAIGN_HAS_ACTIVE_CALLS
	const q = await call('POST', `/api/v1/campaigns/${draft}/call`, { body: { to: '+4915112345678' } });
	sim.controlAction({ action: 'progressCall', campaignCallId: q.body.campaign_call.id, to: 'started' });
	const blocked = await call('PATCH', `/api/v1/campaigns/${draft}/status`, { body: { status: 'completed' } });
	expect([blocked.status, blocked.body.code]).toEqual([409, 'CAMPAIGN_HAS_ACTIVE_CALLS']);
});

test('campaign call: active only, E.164, duplicates 409 with existing_call unless allowed', async () => {
	const active = sim.state.campaigns[0].id;
	const paused = sim.state.campaigns[1].id;
	const notActive = await call('POST', `/api/v1/campaigns/${paused}/call`, { body: { to: '+12135550111' } });
	expect([notActive.status, notActive.body.success]).toEqual([400, false]);
	expect((await call('POST', `/api/v1/campaigns/${active}/call`, { body: { to: '2135550111' } })).status).toBe(422);
	const first = await call('POST', `/api/v1/campaigns/${active}/call`, { body: { to: '+12135550111', payload: { name: 'Ana' }, context: { crm: 1 } } });
	expect(first.status).toBe(201);
	expect(first.body.campaign_call).toMatchObject({ to: '+12135550111', status: 'queued', campaign_id: active });
	expect(first.body.campaign).toMatchObject({ id: active, status: 'active' });
	const dup = await call('POST', `/api/v1/campaigns/${active}/call`, { body: { to: '+12135550111' } });
	expect(dup.status).toBe(409);
	expect(dup.body.existing_call.id).toBe(first.body.campaign_call.id);
	expect((await call('POST', `/api/v1/campaigns/${active}/call`, { body: { to: '+12135550111', allow_duplicates: true } })).status).toBe(201);
});

test('calls and agents: lists, filters, one-off call with delay range', async () => {
	const calls = await call('GET', '/api/v1/calls?per_page=2');
	expect(calls.body.data).toHaveLength(2);
	expect(calls.body.pagination.total).toBe(6);
	expect(calls.body.data[0].created_at >= calls.body.data[1].created_at).toBe(true);
	expect((await call('GET', '/api/v1/calls?status=busy')).body.data).toHaveLength(1);
	expect((await call('GET', '/api/v1/calls?status=nope')).status).toBe(422);
	const agentId = sim.state.agents[0].id;
	const ac = await call('GET', `/api/v1/agents/${agentId}/calls`);
	expect(ac.body.data.every((c) => c.agent_id === agentId)).toBe(true);
	expect((await call('GET', '/api/v1/agents')).body.data).toHaveLength(3);
	expect((await call('GET', `/api/v1/agents/${agentId}`)).body.data.name).toBe('Sales Agent');
	expect((await call('POST', `/api/v1/agents/${agentId}/call`, { body: { to: '+12135550100', delay_seconds: 3601 } })).status).toBe(422);
	const made = await call('POST', `/api/v1/agents/${agentId}/call`, { body: { to: '+12135550100', delay_seconds: 60 } });
	expect(made.status).toBe(201);
	expect(made.body.data.status).toBe('scheduled');
});

test('429 with the vendor body and Retry-After; injected faults', async () => {
	sim.setRateLimit({ windowMs: 60000, max: 1 });
	await call('GET', '/api/v1/agents');
	const limited = await call('GET', '/api/v1/agents');
	expect(limited.status).toBe(429);
	expect(limited.body).toEqual({ success: false, message: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED' });
	expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
	sim.setRateLimit(null);
	sim.injectFault({ kind: 'status', status: 500 });
	const f = await call('GET', '/api/v1/agents');
	expect([f.status, f.body]).toEqual([500, { success: false, message: 'Internal server error.' }]);
	sim.injectFault({ kind: 'html', status: 502 });
	expect((await call('GET', '/api/v1/agents')).status).toBe(502);
	sim.injectFault({ kind: 'malformed-json' });
	expect(typeof (await call('GET', '/api/v1/agents')).body).toBe('string');
	sim.injectFault({ kind: 'reset-before' });
	await expect(call('GET', '/api/v1/agents')).rejects.toThrow();
	expect(sim.requests('GET', '/api/v1/agents').length).toBe(6);
});

test('webhooks: CRUD, validation, real delivery with auth scheme, context, retries on non-2xx', async () => {
	const r = await receiver((n) => (n === 1 ? 500 : 200));
	try {
		const cid = sim.state.campaigns[0].id;
		expect((await call('POST', `/api/v1/campaigns/${cid}/webhooks`, { body: { name: 'x', webhook_url: 'not a url', events: ['campaign.exploded'] } })).body.errors).toHaveProperty(['events.0']);
		const w = await call('POST', `/api/v1/campaigns/${cid}/webhooks`, {
			body: { name: 'n8n', webhook_url: r.url, events: ['campaign_call.queued', 'campaign_call.completed', 'campaign.paused'], authorization_scheme: 'custom', custom_headers: [{ key: 'X-Secret', value: 's3cr3t' }], max_retries: 2, timeout: 5, webhook_secret: 'hmac' },
		});
		expect(w.status).toBe(201);
		const wid = w.body.data.id;
		expect((await call('GET', `/api/v1/campaigns/${cid}/webhooks`)).body.data.webhooks.map((x) => x.id)).toEqual([wid]);
		expect((await call('GET', `/api/v1/campaigns/${cid}/webhooks/${wid}`)).body.data.webhook_url).toBe(r.url);
		const q = await call('POST', `/api/v1/campaigns/${cid}/call`, { body: { to: '+12135550333', context: { lead: 'L-9' } } });
		await sim.settle();
		expect(r.got).toHaveLength(2); // first attempt answered 500, retried
		expect(r.got[1].headers['x-secret']).toBe('s3cr3t');
		expect(r.got[1].headers['x-talkover-signature']).toMatch(/^sha256=/);
		expect(r.got[1].body).toMatchObject({ event: 'campaign_call.queued', context: { lead: 'L-9' }, campaign_call: { to: '+12135550333', status: 'queued' } });
		expect(r.got[0].body).toEqual(r.got[1].body);
		sim.controlAction({ action: 'progressCall', campaignCallId: q.body.campaign_call.id, to: 'started' }); // not subscribed
		sim.controlAction({ action: 'progressCall', campaignCallId: q.body.campaign_call.id, to: 'completed' });
		await sim.settle();
		expect(r.got.map((g) => g.body.event)).toEqual(['campaign_call.queued', 'campaign_call.queued', 'campaign_call.completed']);
		await call('PUT', `/api/v1/campaigns/${cid}/webhooks/${wid}`, { body: { authorization_scheme: 'bearer', bearer_token: 'tok', custom_headers: [] } });
		await call('PATCH', `/api/v1/campaigns/${cid}/status`, { body: { status: 'paused' } });
		await sim.settle();
		expect(r.got[3].headers.authorization).toBe('Bearer tok');
		expect(r.got[3].body.event).toBe('campaign.paused');
		expect((await call('DELETE', `/api/v1/campaigns/${cid}/webhooks/${wid}`)).status).toBe(200);
		expect((await call('GET', `/api/v1/campaigns/${cid}/webhooks/${wid}`)).status).toBe(404);
		// gives up after 1 + max_retries attempts
		sim.state.webhooks.push({ id: 'w-fail', campaign_id: cid, webhook_url: `${r.url.replace(/:\d+/, ':1')}`, events: ['campaign.updated'], enabled: true, max_retries: 1, timeout: 5 });
		await call('PUT', `/api/v1/campaigns/${cid}`, { body: { description: 'x' } });
		await sim.settle();
		expect(sim.deliveries.filter((d) => d.webhook_id === 'w-fail')).toHaveLength(2);
	} finally {
		r.s.close();
	}
});
