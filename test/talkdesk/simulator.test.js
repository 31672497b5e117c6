// The Talkdesk simulator's own rules, over real HTTP: token endpoint, scopes, HAL paging, validation bodies,
// the signed-URL upload, bulks, DNC, 429 + Retry-After and every fault switch.
const crypto = require('crypto');
const talkdesk = require('../simulators/talkdesk');

const basic = (id, secret) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('Talkdesk simulator', () => {
	let sim;
	let url;
	let token;
	const call = async (method, path, { body, auth = token, headers = {}, raw } = {}) => {
		const h = { ...headers };
		if (auth) h.authorization = `Bearer ${auth}`;
		if (body !== undefined && !raw) h['content-type'] = 'application/json';
		const res = await fetch(path.startsWith('http') ? path : url + path, { method, headers: h, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		return { status: res.status, body: json, headers: res.headers };
	};
	const getToken = async (id = 'demo-client', secret = 'demo-secret', scope = talkdesk.ALL_SCOPES.join(' ')) => {
		const res = await fetch(`${url}/oauth/token`, {
			method: 'POST',
			headers: { authorization: basic(id, secret), 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
		});
		return { status: res.status, body: await res.json() };
	};

	beforeAll(async () => {
		sim = talkdesk.create();
		url = await sim.start();
		token = (await getToken()).body.access_token;
	});
	afterAll(() => sim.stop());
	beforeEach(() => {
		sim.clearFaults();
		sim.setRateLimit(null);
	});

	test('token endpoint: Basic client auth, form body, granted scopes, OAuth error bodies', async () => {
		const ok = await getToken();
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: talkdesk.ALL_SCOPES.join(' ') });
		const bad = await getToken('demo-client', 'wrong');
		expect(bad).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } });
		const ro = await getToken('readonly-client', 'readonly-secret');
		expect(ro.body.scope).toBe('campaigns:read');
		const none = await getToken('readonly-client', 'readonly-secret', 'do-not-call-lists:manage');
		expect([none.status, none.body.error]).toEqual([400, 'invalid_scope']);
		const grant = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { authorization: basic('demo-client', 'demo-secret'), 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=password' });
		expect((await grant.json()).error).toBe('unsupported_grant_type');
		const noBasic = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret' });
		expect(noBasic.status).toBe(401);
	});

	test('bearer auth: missing, unknown and expired tokens get 401 with the Talkdesk error body', async () => {
		const none = await call('GET', '/campaigns', { auth: null });
		expect(none.status).toBe(401);
		expect(Object.keys(none.body).sort()).toEqual(['code', 'description', 'fields', 'message']);
		expect((await call('GET', '/campaigns', { auth: 'nope' })).status).toBe(401);
		let clock = Date.now();
		const s2 = talkdesk.create({ tokenLifetimeSec: 10, now: () => clock });
		const u2 = await s2.start();
		const res = await fetch(`${u2}/oauth/token`, { method: 'POST', headers: { authorization: basic('demo-client', 'demo-secret'), 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
		const t = (await res.json()).access_token;
		expect((await fetch(`${u2}/campaigns`, { headers: { authorization: `Bearer ${t}` } })).status).toBe(200);
		clock += 11_000;
		const expired = await fetch(`${u2}/campaigns`, { headers: { authorization: `Bearer ${t}` } });
		expect(expired.status).toBe(401);
		expect((await expired.json()).description).toMatch(/expired/);
		await s2.stop();
	});

	test('missing scope: 403 naming the scope', async () => {
		const ro = (await getToken('readonly-client', 'readonly-secret')).body.access_token;
		expect((await call('GET', '/campaigns', { auth: ro })).status).toBe(200);
		const r = await call('PATCH', `/campaigns/${sim.state.campaigns[1].id}`, { auth: ro, body: { op: 'REPLACE', path: 'status', value: 'paused' } });
		expect(r.status).toBe(403);
		expect(r.body.description).toMatch(/campaigns:write/);
		expect((await call('GET', '/record-lists', { auth: ro })).body.description).toMatch(/record-lists:manage/);
		expect((await call('GET', '/do-not-call-lists', { auth: ro })).body.description).toMatch(/do-not-call-lists:manage/);
	});

	test('HAL paging over 130 campaigns: default 50, links, per_page bounds', async () => {
		const p1 = await call('GET', '/campaigns');
		expect(p1.body).toMatchObject({ total: 130, count: 50, page: 1, per_page: 50, total_pages: 3 });
		expect(p1.body._embedded.campaigns).toHaveLength(50);
		expect(p1.body._links.next.href).toBe(`${url}/campaigns?page=2&per_page=50`);
		expect(p1.body._links.prev).toBeUndefined();
		const p3 = await call('GET', p1.body._links.last.href);
		expect(p3.body.count).toBe(30);
		expect(p3.body._links.next).toBeUndefined();
		const c = p1.body._embedded.campaigns[0];
		expect(Object.keys(c).sort()).toEqual(['_links', 'action_required', 'created_at', 'dialing_mode', 'id', 'name', 'priority', 'run_once', 'status'].sort());
		const bad = await call('GET', '/campaigns?per_page=251');
		expect(bad.status).toBe(400);
		expect(bad.body.fields[0].name).toBe('per_page');
		const spelled = talkdesk.create({ docSpelling: true });
		const u2 = await spelled.start();
		const t2 = (await (await fetch(`${u2}/oauth/token`, { method: 'POST', headers: { authorization: basic('demo-client', 'demo-secret'), 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' })).json()).access_token;
		const lit = await (await fetch(`${u2}/campaigns?per_page=10`, { headers: { authorization: `Bearer ${t2}` } })).json();
		expect(lit.total_page).toBe(13);
		expect(lit._embedded.campaings).toHaveLength(10);
		await spelled.stop();
	});

	test('campaign detail, users, numbers, 404', async () => {
		const id = sim.state.campaigns[0].id;
		const d = await call('GET', `/campaigns/${id}`);
		expect(d.body.dialing_strategy.calling_hours[0].week_days).toContain('MONDAY');
		const users = await call('GET', `/campaigns/${id}/users?per_page=5`);
		expect(users.body).toMatchObject({ total: 7, count: 5, total_pages: 2 });
		expect(users.body._embedded.users[0]).toHaveProperty('id');
		const numbers = await call('GET', `/campaigns/${id}/numbers`);
		expect(numbers.body._embedded.numbers[0].phone_number).toMatch(/^\+1/);
		const nf = await call('GET', '/campaigns/nope');
		expect([nf.status, nf.body.description]).toEqual([404, 'Campaign nope not found']);
	});

	test('create campaign validates documented ranges with fields[]', async () => {
		const bad = await call('POST', '/campaigns', { body: { name: 'ab', dialing_mode: 'AUTO', priority: 11, dialing_mode_configuration: { max_ring_time_in_secs: 5 } } });
		expect(bad.status).toBe(400);
		expect(bad.body.fields.map((f) => f.name)).toEqual(['name', 'dialing_mode', 'priority', 'dialing_mode_configuration.max_ring_time_in_secs']);
		const ok = await call('POST', '/campaigns', { body: { name: 'Sim created', dialing_mode: 'PREVIEW', priority: 3 } });
		expect(ok.status).toBe(201);
		expect(ok.body).toMatchObject({ name: 'Sim created', status: 'INCOMPLETE' });
	});

	test('PATCH status accepts paused and running, rejects others', async () => {
		const c = sim.state.campaigns.find((x) => x.status === 'READY');
		const run = await call('PATCH', `/campaigns/${c.id}`, { body: { op: 'REPLACE', path: 'status', value: 'running' } });
		expect([run.status, run.body.status]).toEqual([200, 'RUNNING']);
		const pause = await call('PATCH', `/campaigns/${c.id}`, { body: { op: 'REPLACE', path: 'status', value: 'paused' } });
		expect(pause.body.status).toBe('PAUSED');
		const bad = await call('PATCH', `/campaigns/${c.id}`, { body: { op: 'REPLACE', path: 'status', value: 'RESUMED' } });
		expect([bad.status, bad.body.fields[0].name]).toEqual([400, 'value']);
	});

	test('record list CSV flow: signed URL upload (no bearer, size + MD5), then validation; 409 before upload', async () => {
		const csv = 'phone_number,first_name,last_name,priority,plan\n+12135550111,Ana,Silva,3,gold\nnot-a-phone,Bad,Row,1,x\n';
		const buf = Buffer.from(csv);
		const checksum = crypto.createHash('md5').update(buf).digest('base64');
		const created = await call('POST', '/record-lists', { body: { name: 'Uploaded', csv_metadata: { filename: 'u.csv', byte_size: buf.length, checksum, content_type: 'text/csv' } } });
		expect(created.status).toBe(201);
		const id = created.body.id;
		expect((await call('PATCH', `/record-lists/${id}`)).status).toBe(409);
		const withBearer = await call('PUT', created.body.signed_url, { raw: buf, headers: { 'content-type': 'text/csv' } });
		expect(withBearer.status).toBe(400);
		expect(withBearer.body).toMatch(/Only one auth mechanism/);
		const shortBody = await call('PUT', created.body.signed_url, { auth: null, raw: buf.subarray(1), headers: { 'content-type': 'text/csv' } });
		expect(shortBody.status).toBe(400);
		const up = await call('PUT', created.body.signed_url, { auth: null, raw: buf, headers: { 'content-type': 'text/csv', 'content-md5': checksum } });
		expect(up.status).toBe(200);
		const v = await call('PATCH', `/record-lists/${id}`);
		expect(v.body).toMatchObject({ status: 'READY', total_records: 1, invalid_records: 1 });
		const recs = await call('GET', `/record-lists/${id}/records`);
		expect(recs.body._embedded.records[0]).toMatchObject({ first_name: 'Ana', priority: 3, extra_data: { plan: 'gold' } });
		const missingMeta = await call('POST', '/record-lists', { body: { name: 'x', csv_metadata: { filename: 'x.csv' } } });
		expect(missingMeta.body.fields.map((f) => f.name)).toEqual(['csv_metadata.byte_size', 'csv_metadata.checksum', 'csv_metadata.content_type']);
	});

	test('bulks: ≤100 entries, per-entry results, delete by id/phone/external id, JSON-patch single record', async () => {
		const list = sim.state.lists[0];
		const recs = Array.from({ length: 3 }, (_, i) => ({ phone_numbers: [{ phone_number: i === 1 ? '12' : `+1213777000${i}`, phone_type: 'MOBILE' }], first_name: 'B' }));
		const r = await call('POST', `/record-lists/${list.id}/records/bulks`, { body: recs });
		expect(r.body).toMatchObject({ total: 3, successful: 2, failed: 1 });
		expect(r.body._embedded.results.map((x) => x.status)).toEqual(['CREATED', 'FAILED', 'CREATED']);
		expect((await call('POST', `/record-lists/${list.id}/records/bulks`, { body: Array(101).fill(recs[0]) })).status).toBe(400);
		const id = r.body._embedded.results[0].id;
		const p = await call('PATCH', `/record-lists/${list.id}/records/${id}`, { body: [{ op: 'replace', path: '/priority', value: 9 }] });
		expect(p.body.priority).toBe(9);
		const badP = await call('PATCH', `/record-lists/${list.id}/records/${id}`, { body: [{ op: 'replace', path: '/priority', value: 99 }] });
		expect(badP.status).toBe(400);
		const d = await call('DELETE', `/record-lists/${list.id}/records/bulks`, { body: [{ id }, { phone_number: '+12137770002' }, { external_provider: 'crm', external_id: 'crm-1000' }, { external_id: 'none' }] });
		expect(d.body._embedded.results.map((x) => x.status)).toEqual(['DELETED', 'DELETED', 'DELETED', 'FAILED']);
	});

	test('DNC: list, add entry (validation, duplicate), query numbers ignoring expired entries', async () => {
		const lists = await call('GET', '/do-not-call-lists');
		const dnc = lists.body._embedded.do_not_call_lists[0];
		const bad = await call('POST', `/do-not-call-lists/${dnc.id}/entries`, { body: { phone_number: '555', expiration_date: '31/12/2030' } });
		expect(bad.body.fields.map((f) => f.name)).toEqual(['phone_number', 'expiration_date']);
		expect((await call('POST', `/do-not-call-lists/${dnc.id}/entries`, { body: { phone_number: '+12135550177', expiration_date: '2000-01-01', reason: 'old' } })).status).toBe(201);
		expect((await call('POST', `/do-not-call-lists/${dnc.id}/entries`, { body: { phone_number: '+12135550177' } })).status).toBe(409);
		const q = await call('POST', `/do-not-call-lists/${dnc.id}/entries/queries`, { body: { phone_numbers: [{ phone_number: '+12135550100', timezone: 'America/New_York' }, { phone_number: '+12135550177' }, { phone_number: '+12135559999' }] } });
		expect(q.body._embedded.entries.map((e) => e.phone_number)).toEqual(['+12135550100']);
	});

	test('429 with Retry-After and the Talkdesk body; fault switches', async () => {
		sim.setRateLimit({ windowMs: 60_000, max: 1 });
		expect((await call('GET', '/campaigns?per_page=1')).status).toBe(200);
		const limited = await call('GET', '/campaigns?per_page=1');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(limited.body.code).toBe('0429001');
		sim.setRateLimit(null);
		sim.injectFault({ kind: 'status', status: 503 });
		expect((await call('GET', '/campaigns?per_page=1')).status).toBe(503);
		sim.injectFault({ kind: 'html', status: 502 });
		const html = await call('GET', '/campaigns?per_page=1');
		expect([html.status, /Bad Gateway/.test(html.body)]).toEqual([502, true]);
		sim.injectFault({ kind: 'malformed-json' });
		expect(typeof (await call('GET', '/campaigns?per_page=1')).body).toBe('string');
		sim.injectFault({ kind: 'reset-before' });
		await expect(call('GET', '/campaigns?per_page=1')).rejects.toThrow();
		sim.injectFault({ kind: 'reset-after' });
		await expect(call('GET', '/campaigns?per_page=1')).rejects.toThrow();
		expect(sim.ledger[sim.ledger.length - 1].status).toBe('200+reset');
		sim.injectFault({ kind: 'latency', delayMs: 50 });
		const t0 = Date.now();
		expect((await call('GET', '/campaigns?per_page=1')).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
	});

	test('control actions over HTTP and the ledger hides secrets', async () => {
		const c = sim.state.campaigns[5];
		const r = await fetch(`${url}/__sim/action`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'setCampaignStatus', id: c.id, status: 'PAUSED' }) });
		expect((await r.json()).ok).toBe(true);
		expect(c.status).toBe('PAUSED');
		expect(sim.controlAction({ action: 'setActionRequired', id: c.id, value: true }).ok).toBe(true);
		const added = sim.controlAction({ action: 'addCampaign', name: 'From vendor' });
		expect(sim.state.campaigns[sim.state.campaigns.length - 1].id).toBe(added.campaign.id);
		const rec = sim.controlAction({ action: 'addRecord' });
		expect(sim.state.lists[0].records.some((x) => x.id === rec.record.id)).toBe(true);
		const ledger = await (await fetch(`${url}/__sim/ledger`)).json();
		const text = JSON.stringify(ledger);
		expect([text.includes(basic('demo-client', 'demo-secret').slice(6)), /Bearer [0-9a-f]{10}/.test(text)]).toEqual([false, false]);
	});
});
