// The QVOICE simulator follows seed 003: paths, methods, auth, plain-text errors, cursors, validation, faults.
const qvoice = require('../simulators/qvoice');
const { call, makeSelfSignedCert } = require('./helpers');

const { DEMO, INVALID } = qvoice;

describe('QVOICE simulator', () => {
	let sim;
	let base;
	let token;
	const acct = DEMO.accountId;
	const get = (p, o = {}) => call(base, 'GET', p, { token, account: acct, ...o });

	beforeAll(async () => {
		sim = qvoice.create();
		base = await sim.start();
		const r = await call(base, 'POST', '/api/v2/login', { body: { username: DEMO.username, password: DEMO.password, domain: DEMO.domain } });
		token = r.body.access_token;
	});
	afterAll(() => sim.stop());

	test('login returns user, access and refresh token; bad login is 401 (public clients) or the seed\'s plain 400', async () => {
		const ok = await call(base, 'POST', '/api/v2/login', { body: { username: DEMO.username, password: DEMO.password, domain: DEMO.domain } });
		expect(ok.status).toBe(200);
		expect(Object.keys(ok.body).sort()).toEqual(['access_token', 'refresh_token', 'user']);
		expect(ok.body.user.account_id).toBe(DEMO.accountId);
		for (const bad of [{ ...DEMO, password: 'nope' }, { username: DEMO.username, password: DEMO.password }, { ...DEMO, domain: 'other' }]) {
			const r = await call(base, 'POST', '/api/v2/login', { body: { username: bad.username, password: bad.password, domain: bad.domain } });
			expect([r.status, r.body]).toEqual([401, { status: 'error', message: qvoice.LOGIN_REFUSED }]);
		}
		const seedForm = qvoice.create({ loginFailureStatus: 400 });
		const b = await seedForm.start();
		try {
			const r = await call(b, 'POST', '/api/v2/login', { body: { username: DEMO.username, password: 'nope', domain: DEMO.domain } });
			expect([r.status, r.body]).toEqual([400, INVALID]);
			expect(r.headers['content-type']).toMatch(/text\/plain/);
		} finally {
			await seedForm.stop();
		}
	});

	test('token and X-Account-ID are required on every other call', async () => {
		const paths = ['/api/v2/reports/campaigns/leads/status', '/callcenter/queues/status', `/api/v2/config/campaigns/${sim.bigCampaignId}/leads`, '/api/v2/reports/campaigns/leads/history'];
		for (const p of paths) {
			expect((await call(base, 'GET', p, { account: acct })).status).toBe(401);
			expect((await call(base, 'GET', p, { token: 'forged', account: acct })).body).toBe('Unauthorized');
			expect(await call(base, 'GET', p, { token }).then((r) => [r.status, r.body])).toEqual([400, INVALID]);
			expect(await call(base, 'GET', p, { token, account: 'ffffffffffffffffffffffffffffffff' }).then((r) => [r.status, r.body])).toEqual([403, { status: 'error', message: qvoice.ACCOUNT_FORBIDDEN }]);
			expect((await get(p)).status).toBe(200);
		}
	});

	test('tokens expire after their lifetime and on the control switch', async () => {
		const short = qvoice.create({ tokenLifetimeSec: 0 });
		const b = await short.start();
		const t = (await call(b, 'POST', '/api/v2/login', { body: { username: DEMO.username, password: DEMO.password, domain: DEMO.domain } })).body.access_token;
		expect((await call(b, 'GET', '/callcenter/queues/status', { token: t, account: acct })).status).toBe(401);
		await short.stop();

		const t2 = (await call(base, 'POST', '/api/v2/login', { body: { username: DEMO.username, password: DEMO.password, domain: DEMO.domain } })).body.access_token;
		sim.expireTokensAfter(2);
		expect((await call(base, 'GET', '/callcenter/queues/status', { token: t2, account: acct })).status).toBe(200);
		expect((await call(base, 'GET', '/callcenter/queues/status', { token: t2, account: acct })).status).toBe(200);
		expect((await call(base, 'GET', '/callcenter/queues/status', { token: t2, account: acct })).status).toBe(401);
		const r = await call(base, 'POST', '/__sim/action', { body: { action: 'expireAllTokens' } });
		expect(r.body).toEqual({ ok: true });
		token = (await call(base, 'POST', '/api/v2/login', { body: { username: DEMO.username, password: DEMO.password, domain: DEMO.domain } })).body.access_token;
	});

	test('campaign report is keyed by campaign id with counts that add up', async () => {
		const r = await get('/api/v2/reports/campaigns/leads/status');
		const ids = Object.keys(r.body);
		expect(ids.length).toBeGreaterThanOrEqual(4);
		expect(new Set(ids.map((id) => r.body[id].status))).toEqual(new Set(['running', 'stopped', 'paused']));
		for (const id of ids) {
			const c = r.body[id];
			expect(Object.values(c.leads_by_status).reduce((a, b) => a + b, 0)).toBe(c.total_leads);
		}
		expect(r.body[sim.bigCampaignId].total_leads).toBe(5000);
	});

	test('leads page through next_start_key: exact, unique, in order; bad page_size or key is 400', async () => {
		const seen = [];
		let key;
		let pages = 0;
		do {
			const r = await get(`/api/v2/config/campaigns/${sim.bigCampaignId}/leads?page_size=1000${key ? `&next_start_key=${key}` : ''}`);
			expect(r.status).toBe(200);
			seen.push(...r.body.data.map((l) => l.id));
			key = r.body.next_start_key;
			pages++;
		} while (key);
		expect(pages).toBe(5);
		expect(seen).toHaveLength(5000);
		expect(new Set(seen).size).toBe(5000);
		expect([...seen].sort()).toEqual(seen);
		const one = (await get(`/api/v2/config/campaigns/${sim.bigCampaignId}/leads?page_size=1`)).body.data[0];
		expect(Object.keys(one).sort()).toEqual(['campaign_id', 'created', 'first_name', 'id', 'last_name', 'number', 'priority', 'retries', 'status'].sort());
		expect((await get(`/api/v2/config/campaigns/${sim.bigCampaignId}/leads?page_size=0`)).status).toBe(400);
		expect((await get(`/api/v2/config/campaigns/${sim.bigCampaignId}/leads?page_size=abc`)).status).toBe(400);
		expect((await get(`/api/v2/config/campaigns/${sim.bigCampaignId}/leads?next_start_key=zz`)).body).toBe(INVALID);
		expect((await get('/api/v2/config/campaigns/deadbeef/leads')).status).toBe(400);
	});

	test('leads cursor can be served as a header with a bare array', async () => {
		const s = qvoice.create({ leadsCursor: 'header', bigCampaignLeads: 30 });
		const b = await s.start();
		const t = (await call(b, 'POST', '/api/v2/login', { body: { username: DEMO.username, password: DEMO.password, domain: DEMO.domain } })).body.access_token;
		const r = await call(b, 'GET', `/api/v2/config/campaigns/${s.bigCampaignId}/leads?page_size=20`, { token: t, account: acct });
		expect(Array.isArray(r.body)).toBe(true);
		expect(r.body).toHaveLength(20);
		expect(r.headers.next_start_key).toMatch(/^[0-9a-f]{32}$/);
		const r2 = await call(b, 'GET', `/api/v2/config/campaigns/${s.bigCampaignId}/leads?page_size=20&next_start_key=${r.headers.next_start_key}`, { token: t, account: acct });
		expect(r2.body).toHaveLength(10);
		expect(r2.headers.next_start_key).toBeUndefined();
		await s.stop();
		// 'array': no key anywhere; a page asked from a lead's id starts with that lead.
		const a = qvoice.create({ leadsCursor: 'array', bigCampaignLeads: 30 });
		const ab = await a.start();
		try {
			const at = (await call(ab, 'POST', '/api/v2/login', { body: { username: DEMO.username, password: DEMO.password, domain: DEMO.domain } })).body.access_token;
			const p1 = await call(ab, 'GET', `/api/v2/config/campaigns/${a.bigCampaignId}/leads?page_size=20`, { token: at, account: acct });
			expect(p1.body).toHaveLength(20);
			expect(p1.headers.next_start_key).toBeUndefined();
			const p2 = await call(ab, 'GET', `/api/v2/config/campaigns/${a.bigCampaignId}/leads?page_size=20&next_start_key=${p1.body[19].id}`, { token: at, account: acct });
			expect(p2.body.map((l) => l.id)).toEqual(a.leadsOf(a.bigCampaignId).slice(19).map((l) => l.id));
		} finally {
			await a.stop();
		}
	});

	test('queues: no /api/v2 prefix, agents in mixed states, counts derived', async () => {
		expect((await get('/api/v2/callcenter/queues/status')).status).toBe(404);
		const r = await get('/callcenter/queues/status');
		expect(r.body.length).toBe(3);
		const agents = r.body.flatMap((q) => q.agents);
		expect(new Set(agents.map((a) => a.logged_in))).toEqual(new Set([true, false]));
		expect(new Set(agents.map((a) => a.status)).size).toBeGreaterThan(2);
		for (const q of r.body) {
			expect(q.total_agents).toBe(q.agents.length);
			expect(q.logged_in_agents + q.logged_out_agents).toBe(q.total_agents);
		}
	});

	test('history: seconds or milliseconds, misspelt starDate, pageSize; a bare array with no key as seed 003 shows', async () => {
		const all = sim.state.history;
		const first = all[0].timestamp;
		const last = all[all.length - 1].timestamp;
		const inSec = await get(`/api/v2/reports/campaigns/leads/history?startDate=${first}&endDate=${last}&pageSize=5000`);
		expect(inSec.body).toHaveLength(all.length);
		const mixed = await get(`/api/v2/reports/campaigns/leads/history?starDate=${first}&endDate=${last * 1000}&pageSize=5000`);
		expect(mixed.body).toHaveLength(all.length);
		const narrow = await get(`/api/v2/reports/campaigns/leads/history?startDate=${first * 1000}&endDate=${(first + 86400) * 1000}&pageSize=5000`);
		expect(narrow.body.length).toBeGreaterThan(0);
		expect(narrow.body.length).toBeLessThan(all.length);
		expect(narrow.body.every((e) => e.timestamp >= first && e.timestamp <= first + 86400)).toBe(true);
		// Default (seed 003): a full page of a bare array and no key anywhere; startDate is inclusive.
		const full = await get(`/api/v2/reports/campaigns/leads/history?startDate=${first}&endDate=${last}&pageSize=70`);
		expect(full.body).toHaveLength(70);
		expect(full.headers.next_start_key).toBeUndefined();
		const again = await get(`/api/v2/reports/campaigns/leads/history?startDate=${full.body[69].timestamp}&endDate=${last}&pageSize=70`);
		expect(again.body[0].timestamp).toBe(full.body[69].timestamp);
		// Third-party cursor forms: header and { data, next_start_key }.
		for (const form of ['header', 'body']) {
			const s = qvoice.create({ historyCursor: form });
			const b = await s.start();
			try {
				const own = s.state.history;
				const t = (await call(b, 'POST', '/api/v2/login', { body: { username: DEMO.username, password: DEMO.password, domain: DEMO.domain } })).body.access_token;
				const uuids = [];
				let key;
				let pages = 0;
				do {
					const q = `startDate=${own[0].timestamp}&endDate=${own[own.length - 1].timestamp}&pageSize=70${key ? `&startKey=${key}` : ''}`;
					const r = await call(b, 'GET', `/api/v2/reports/campaigns/leads/history?${q}`, { token: t, account: acct });
					const list = form === 'body' ? r.body.data : r.body;
					uuids.push(...list.map((e) => e.lead_history[0].uuid));
					key = form === 'body' ? r.body.next_start_key : r.headers.next_start_key;
					pages++;
				} while (key);
				expect(pages).toBe(Math.ceil(own.length / 70));
				expect(new Set(uuids).size).toBe(own.length);
			} finally {
				await s.stop();
			}
		}
		expect(Object.keys(inSec.body[0]).sort()).toEqual(['agent_extension', 'agent_name', 'campaign_name', 'datetime', 'lead_history', 'lead_name', 'lead_number', 'timestamp']);
		for (const bad of ['startDate=yesterday', `startDate=${last}&endDate=${first}`, 'pageSize=-1', 'startKey=nope']) {
			expect((await get(`/api/v2/reports/campaigns/leads/history?${bad}`)).status).toBe(400);
		}
	});

	test('add lead: PUT and POST, validation as plain 400, PUT can be switched off (405)', async () => {
		const c = sim.campaignIds[1];
		const before = sim.leadsOf(c).length;
		const put = await call(base, 'PUT', `/api/v2/config/campaigns/${c}/lead`, { token, account: acct, body: { number: '+12135550123', first_name: 'Ann', retries: 3, priority: 2, cool_off: 60, note: 'hi', ticket_id: 'T-1', type: 'manual' } });
		expect([put.status, put.body]).toEqual([200, 'Lead added to campaign successfully.']);
		const post = await call(base, 'POST', `/api/v2/config/campaigns/${c}/lead`, { token, account: acct, body: { number: '+12135550124' } });
		expect(post.status).toBe(200);
		expect(sim.leadsOf(c).length).toBe(before + 2);
		for (const body of [{}, { number: 'abc' }, { number: '+1' }, { number: '+12135550125', retries: '3' }, { number: '+12135550125', priority: 1.5 }, { number: '+12135550125', cool_off: -1 }, [1]]) {
			const r = await call(base, 'PUT', `/api/v2/config/campaigns/${c}/lead`, { token, account: acct, body });
			expect([r.status, r.body]).toEqual([400, INVALID]);
		}
		expect((await call(base, 'PUT', '/api/v2/config/campaigns/nope/lead', { token, account: acct, body: { number: '+12135550125' } })).status).toBe(400);
		expect(sim.leadsOf(c).length).toBe(before + 2);
		sim.controlAction({ action: 'rejectPutAddLead' });
		expect((await call(base, 'PUT', `/api/v2/config/campaigns/${c}/lead`, { token, account: acct, body: { number: '+12135550126' } })).status).toBe(405);
		expect((await call(base, 'POST', `/api/v2/config/campaigns/${c}/lead`, { token, account: acct, body: { number: '+12135550126' } })).status).toBe(200);
		sim.controlAction({ action: 'rejectPutAddLead', value: false });
	});

	test('set status, delete lead, voicemail disposition: 200 texts, 400 on unknown ids', async () => {
		const lead = sim.leadsOf(sim.campaignIds[2])[0];
		const s = await call(base, 'POST', `/api/v2/config/campaigns/leads/${lead.id}/status/success`, { token, account: acct });
		expect([s.status, s.body]).toEqual([200, 'Lead status set successfully.']);
		expect(sim.state.leads.get(lead.id).status).toBe('success');
		expect((await call(base, 'POST', '/api/v2/config/campaigns/leads/nope/status/success', { token, account: acct })).status).toBe(400);
		const d = await call(base, 'DELETE', `/api/v2/config/campaigns/leads/${lead.id}`, { token, account: acct });
		expect([d.status, d.body]).toEqual([200, 'Lead deleted successfully.']);
		expect((await call(base, 'DELETE', `/api/v2/config/campaigns/leads/${lead.id}`, { token, account: acct })).status).toBe(400);
		const cdr = sim.cdrIds[0];
		const v = await call(base, 'PUT', `/api/v2/config/campaigns/call/${cdr}/disposition/voicemail`, { token, account: acct });
		expect([v.status, v.body]).toEqual([200, 'Call disposition set successfully.']);
		expect(sim.state.dispositions.get(cdr)).toBe('voicemail');
		expect((await call(base, 'PUT', '/api/v2/config/campaigns/call/unknown/disposition/voicemail', { token, account: acct })).status).toBe(400);
		expect((await call(base, 'GET', `/api/v2/config/campaigns/call/${cdr}/disposition/voicemail`, { token, account: acct })).status).toBe(405);
	});

	test('429 with Retry-After, injected 500 and vendor-side control actions', async () => {
		sim.setRateLimit({ windowMs: 60_000, max: 1 });
		await get('/callcenter/queues/status');
		const limited = await get('/callcenter/queues/status');
		expect([limited.status, limited.body]).toEqual([429, 'Too Many Requests']);
		expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
		sim.setRateLimit(null);
		sim.injectFault({ kind: 'status', status: 500, count: 1 });
		const failed = await get('/callcenter/queues/status');
		expect([failed.status, failed.body]).toEqual([500, 'Internal server error']);
		expect((await get('/callcenter/queues/status')).status).toBe(200);

		const c = sim.campaignIds[3];
		await call(base, 'POST', '/__sim/action', { body: { action: 'setCampaignStatus', campaignId: c, status: 'paused' } });
		expect((await get('/api/v2/reports/campaigns/leads/status')).body[c].status).toBe('paused');
		const q = sim.state.queues[0];
		const agent = q.agents.find((a) => a.logged_in);
		const r = sim.controlAction({ action: 'setAgent', queueId: q.id, agentId: agent.id, logged_in: false });
		expect(r.queue.logged_in_agents).toBe(sim.queueView(q).logged_in_agents);
		const rec = sim.controlAction({ action: 'addActivity', campaignId: c });
		expect(sim.state.history[sim.state.history.length - 1].lead_history[0].uuid).toBe(rec.record.lead_history[0].uuid);
	});

	test('serves HTTPS with a given key and certificate', async () => {
		const s = qvoice.create({ bigCampaignLeads: 5 });
		const b = await s.start({ tls: makeSelfSignedCert() });
		expect(b).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
		const r = await call(b, 'POST', '/api/v2/login', { body: { username: DEMO.username, password: DEMO.password, domain: DEMO.domain } });
		expect(r.status).toBe(200);
		await s.stop();
	});

	test('seeding is deterministic and demoCredentials match the simulator', () => {
		const a = qvoice.create({ bigCampaignLeads: 10 });
		const b = qvoice.create({ bigCampaignLeads: 10 });
		expect(a.campaignIds).toEqual(b.campaignIds);
		expect(a.leadsOf(a.campaignIds[0]).map((l) => l.number)).toEqual(b.leadsOf(b.campaignIds[0]).map((l) => l.number));
		expect(qvoice.demoCredentials('http://x')).toMatchObject({ portalUrl: 'http://x', username: DEMO.username, accountId: DEMO.accountId, domain: DEMO.domain });
	});
});
