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
		// Tokens live 10 minutes (docs/authenticating-requests).
		expect(ok.body).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: talkdesk.ALL_SCOPES.join(' ') });
		const bad = await getToken('demo-client', 'wrong');
		expect(bad).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } });
		const ro = await getToken('readonly-client', 'readonly-secret', '');
		expect(ro.body.scope).toBe('campaigns:read');
		// Asking for any scope the client is not allowed refuses the token and names the scope.
		const more = await getToken('readonly-client', 'readonly-secret', 'campaigns:read do-not-call-lists:manage');
		expect(more).toEqual({ status: 400, body: { error: 'invalid_scope', error_description: 'The client is not allowed the requested scope(s): do-not-call-lists:manage' } });
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
		const ro = (await getToken('readonly-client', 'readonly-secret', 'campaigns:read')).body.access_token;
		expect((await call('GET', '/campaigns', { auth: ro })).status).toBe(200);
		const r = await call('PATCH', `/campaigns/${sim.state.campaigns[1].id}`, { auth: ro, body: { op: 'REPLACE', path: 'status', value: 'paused' } });
		expect(r.status).toBe(403);
		expect(r.body.description).toMatch(/campaigns:write/);
		expect((await call('GET', '/record-lists', { auth: ro })).body.description).toMatch(/record-lists:manage/);
		expect((await call('GET', '/do-not-call-lists', { auth: ro })).body.description).toMatch(/do-not-call-lists:manage/);
		// Per-page scopes: start validation needs record-lists:write, reading records tod.records-list.manage.
		const lists = (await getToken('lists-client', 'lists-secret', 'record-lists:manage')).body.access_token;
		const listId = sim.state.lists[0].id;
		expect((await call('GET', `/record-lists/${listId}`, { auth: lists })).status).toBe(200);
		expect((await call('GET', `/record-lists/${listId}/records`, { auth: lists })).body.description).toMatch(/tod\.records-list\.manage/);
		expect((await call('PATCH', `/record-lists/${listId}`, { auth: lists })).body.description).toMatch(/record-lists:write/);
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
		const checksum = crypto.createHash('md5').update(buf).digest('hex');
		const contentMd5 = crypto.createHash('md5').update(buf).digest('base64');
		// record-lists-1: the checksum is the 32-char hex MD5; a base64 one is refused (unless the fault switch is on).
		const b64 = await call('POST', '/record-lists', { body: { name: 'Uploaded', csv_metadata: { filename: 'u.csv', byte_size: buf.length, checksum: contentMd5, content_type: 'text/csv' } } });
		expect([b64.status, b64.body.fields[0].name]).toEqual([400, 'csv_metadata.checksum']);
		const longName = await call('POST', '/record-lists', { body: { name: 'x', csv_metadata: { filename: `${'a'.repeat(32)}.csv`, byte_size: 1, checksum, content_type: 'text/csv' } } });
		expect(longName.body.fields).toEqual([{ name: 'csv_metadata.filename', description: 'size must be between 1 and 35' }]);
		const created = await call('POST', '/record-lists', { body: { name: 'Uploaded', csv_metadata: { filename: 'u.csv', byte_size: buf.length, checksum, content_type: 'text/csv' } } });
		expect(created.status).toBe(201);
		expect(created.body.status).toBe('INCOMPLETE');
		const id = created.body.id;
		expect((await call('PATCH', `/record-lists/${id}`)).status).toBe(409);
		const withBearer = await call('PUT', created.body.signed_url, { raw: buf, headers: { 'content-type': 'text/csv' } });
		expect(withBearer.status).toBe(400);
		expect(withBearer.body).toMatch(/Only one auth mechanism/);
		const shortBody = await call('PUT', created.body.signed_url, { auth: null, raw: buf.subarray(1), headers: { 'content-type': 'text/csv' } });
		expect(shortBody.status).toBe(400);
		const up = await call('PUT', created.body.signed_url, { auth: null, raw: buf, headers: { 'content-type': 'text/csv', 'content-md5': contentMd5 } });
		expect(up.status).toBe(200);
		const v = await call('PATCH', `/record-lists/${id}`);
		expect(v.body).toMatchObject({ status: 'VALIDATION_STARTED', records_count: 1, invalid_records: 1 });
		expect((await call('GET', `/record-lists/${id}`)).body.status).toBe('ACCEPTED');
		expect((await call('PATCH', `/record-lists/${id}`)).status).toBe(409);
		sim.settings.checksumFormat = 'base64';
		try {
			expect((await call('POST', '/record-lists', { body: { name: 'B', csv_metadata: { filename: 'u.csv', byte_size: buf.length, checksum, content_type: 'text/csv' } } })).status).toBe(400);
			expect((await call('POST', '/record-lists', { body: { name: 'B', csv_metadata: { filename: 'u.csv', byte_size: buf.length, checksum: contentMd5, content_type: 'text/csv' } } })).status).toBe(201);
		} finally {
			sim.settings.checksumFormat = 'hex';
		}
		const recs = await call('GET', `/record-lists/${id}/records`);
		expect(recs.body._embedded.records[0]).toMatchObject({ first_name: 'Ana', priority: 3, extra_data: { plan: 'gold' } });
		const missingMeta = await call('POST', '/record-lists', { body: { name: 'x', csv_metadata: { filename: 'x.csv' } } });
		expect(missingMeta.body.fields.map((f) => f.name)).toEqual(['csv_metadata.byte_size', 'csv_metadata.checksum', 'csv_metadata.content_type']);
	});

	test('bulks: documented bodies and answers (record-lists-bulks, update-list-records, delete-a-record)', async () => {
		const list = sim.state.lists[0];
		const rec = (i, extra = {}) => ({ phone_numbers: [{ phone_number: `+1213777000${i}`, phone_type: 'MOBILE' }], first_name: 'B', last_name: 'C', ...extra });
		// A bare array is refused with the Talkdesk error body.
		const bare = await call('POST', `/record-lists/${list.id}/records/bulks`, { body: [rec(0)] });
		expect(bare.status).toBe(400);
		expect(Object.keys(bare.body).sort()).toEqual(['code', 'description', 'fields', 'message']);
		expect(bare.body.fields[0].name).toBe('records');
		// Mixed batch: a bad phone and a missing last name fail; the answer has totals and the created records only.
		const r = await call('POST', `/record-lists/${list.id}/records/bulks`, { body: { records: [rec(0), rec(1, { phone_numbers: [{ phone_number: '12', phone_type: 'MOBILE' }] }), rec(2, { last_name: undefined })] } });
		expect(r.status).toBe(201);
		expect(r.body).toMatchObject({ record_list_id: list.id, has_errors: true, total_created: 1, total_errors: 2 });
		expect(r.body._embedded.records.map((x) => x.phone_numbers[0].phone_number)).toEqual(['+12137770000']);
		expect(r.body._embedded.results).toBeUndefined();
		expect((await call('POST', `/record-lists/${list.id}/records/bulks`, { body: { records: Array(101).fill(rec(3)) } })).status).toBe(400);
		const id = r.body._embedded.records[0].id;
		// Bulk update: JSON-patch ops on /records/{id} with an object value.
		const u = await call('PATCH', `/record-lists/${list.id}/records/bulks`, { body: [{ op: 'replace', path: `/records/${id}`, value: { priority: 10 } }, { op: 'add', path: '/records/nope', value: { priority: 1 } }] });
		expect(u.body).toMatchObject({ has_errors: true, total_errors: 1, total_created: 1 });
		expect(u.body._embedded.records[0]).toMatchObject({ id, priority: 10 });
		const p = await call('PATCH', `/record-lists/${list.id}/records/${id}`, { body: [{ op: 'replace', path: '/priority', value: 9 }] });
		expect(p.body.priority).toBe(9);
		const badP = await call('PATCH', `/record-lists/${list.id}/records/${id}`, { body: [{ op: 'replace', path: '/priority', value: 99 }] });
		expect(badP.status).toBe(400);
		const d = await call('DELETE', `/record-lists/${list.id}/records/bulks`, { body: [{ id }, { phone_number: '+12137770002' }, { external_provider: 'crm', external_id: 'crm-1000' }, { external_id: 'none' }, { id: 'gone' }] });
		expect(d.body).toMatchObject({ has_errors: true, total_deleted: 2, total_errors: 3 });
		expect(d.body._embedded.failed_records.map((f) => f.id)).toEqual(['gone']);
		// The DNC query answers a HAL page (50 per page by default) that the client must follow.
		const dnc = sim.state.dnc[0];
		const numbers = Array.from({ length: 60 }, (_, i) => `+1213999${String(i).padStart(4, '0')}`);
		for (const n of numbers) dnc.entries.push({ id: `q-${n}`, phone_number: n, expiration_date: null, reason: 'test', created_at: new Date().toISOString() });
		try {
			const q = await call('POST', `/do-not-call-lists/${dnc.id}/entries/queries`, { body: { phone_numbers: numbers.map((phone_number) => ({ phone_number })) } });
			expect(q.body).toMatchObject({ total: 60, count: 50, page: 1, per_page: 50, total_pages: 2 });
			const q2 = await call('POST', q.body._links.next.href, { body: { phone_numbers: numbers.map((phone_number) => ({ phone_number })) } });
			expect([q2.body.count, q2.body._links.next]).toEqual([10, undefined]);
			expect(q2.body._embedded.entries[0].do_not_call_list_id).toBe(dnc.id);
		} finally {
			dnc.entries = dnc.entries.filter((e) => !String(e.id).startsWith('q-'));
		}
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
