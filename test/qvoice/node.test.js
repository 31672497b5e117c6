// QVOICE credential and action node through the real n8n engine against the simulator over HTTP(S).
const qvoice = require('../simulators/qvoice');
const { createHarness } = require('../harness/engine');
const { Qvoice } = require('../../nodes/Qvoice/Qvoice.node');
const { QvoiceApi } = require('../../credentials/QvoiceApi.credentials');
const { makeSelfSignedCert } = require('./helpers');

const LEAD_ADD = /^\/api\/v2\/config\/campaigns\/[^/]+\/lead$/;
const LOGIN = '/api/v2/login';

function setup(simOptions = {}) {
	const ctx = {};
	beforeAll(async () => {
		ctx.sim = qvoice.create(simOptions);
		ctx.base = await ctx.sim.start();
	});
	afterAll(() => ctx.sim.stop());
	beforeEach(() => {
		ctx.h = createHarness({ nodes: [Qvoice], credentials: [QvoiceApi] });
		ctx.cid = ctx.h.addCredential('qvoiceApi', qvoice.demoCredentials(ctx.base));
		ctx.node = (parameters, extra = {}) => ({ type: 'qvoice', parameters, credentials: ctx.h.credentialRef('qvoiceApi', ctx.cid), ...extra });
		ctx.logins = () => ctx.sim.requests('POST', LOGIN).length;
		ctx.preAuths = () => ctx.h.credentialsHelper.events.filter((e) => e.kind === 'preAuthentication').length;
		ctx.sim.clearLedger();
		ctx.sim.clearFaults();
	});
	return ctx;
}

function tokensIn(sim) {
	return [...sim.state.tokens.keys()];
}

function expectNoTokens(sim, value) {
	const text = JSON.stringify(value, (k, v) => (v instanceof Error ? { message: v.message, description: v.description } : v));
	for (const t of tokensIn(sim)) expect(text).not.toContain(t);
	expect(text).not.toContain(qvoice.DEMO.password);
}

describe('QVOICE credential', () => {
	const ctx = setup({ bigCampaignLeads: 20 });

	test('test request succeeds with the demo login and explains a wrong password', async () => {
		const ok = await ctx.h.testCredential('qvoiceApi', qvoice.demoCredentials(ctx.base));
		expect(ok.status).toBe('OK');
		const bad = await ctx.h.testCredential('qvoiceApi', { ...qvoice.demoCredentials(ctx.base), password: 'wrong' });
		expect(bad.status).toBe('Error');
		expect(`${bad.message} ${bad.description || ''}`).toMatch(/Username, Password,? (and )?Domain/);
		expectNoTokens(ctx.sim, bad);
		// Trailing slash and stray spaces around the account id are tolerated.
		const sloppy = await ctx.h.testCredential('qvoiceApi', { ...qvoice.demoCredentials(`${ctx.base}/`), accountId: ` ${qvoice.DEMO.accountId} ` });
		expect(sloppy.status).toBe('OK');
		const wrongAccount = await ctx.h.testCredential('qvoiceApi', { ...qvoice.demoCredentials(ctx.base), accountId: 'ffff' });
		expect(wrongAccount.status).toBe('Error');
	});

	test('logs in once, reuses the token across items, and logs in exactly once more after expiry', async () => {
		const params = { resource: 'campaign', operation: 'getMany', returnAll: true };
		const r1 = await ctx.h.runNode(ctx.node(params), [{ json: {} }, { json: {} }, { json: {} }]);
		expect(r1.error).toBeUndefined();
		expect(r1.outJson.length).toBe(3 * 5);
		expect(ctx.logins()).toBe(1);
		expect(ctx.sim.requests('GET', '/api/v2/reports/campaigns/leads/status')).toHaveLength(3);
		const stored = ctx.h.store.get(ctx.cid).data.accessToken;
		expect(tokensIn(ctx.sim)).toContain(stored);
		// Every call carried the bearer token and the account id.
		for (const e of ctx.sim.requests('GET', /reports/)) {
			expect(e.authorization).toBe(`Bearer ${stored}`);
			expect(e.headers['x-account-id']).toBe(qvoice.DEMO.accountId);
		}

		ctx.sim.expireAllTokens();
		const r2 = await ctx.h.runNode(ctx.node(params), [{ json: {} }, { json: {} }]);
		expect(r2.error).toBeUndefined();
		expect(ctx.logins()).toBe(2);
		expect(ctx.preAuths()).toBe(2);
		expect(ctx.sim.ledger.filter((e) => e.status === 401)).toHaveLength(1);
		expect(ctx.h.store.get(ctx.cid).data.accessToken).not.toBe(stored);
		expectNoTokens(ctx.sim, r1.outJson.concat(r2.outJson));
	});
});

describe('QVOICE node', () => {
	const ctx = setup();

	test('Return All over 5,000 leads survives a token expiry mid-way: one re-login, no lost or repeated page', async () => {
		const campaign = ctx.sim.bigCampaignId;
		ctx.sim.expireTokensAfter(8);
		const r = await ctx.h.runNode(
			ctx.node({ resource: 'lead', operation: 'getMany', campaign: { __rl: true, mode: 'id', value: campaign }, returnAll: true, options: { pageSize: 250 } }),
		);
		expect(r.error).toBeUndefined();
		const ids = r.outJson.map((l) => l.id);
		expect(ids).toHaveLength(5000);
		expect(new Set(ids).size).toBe(5000);
		expect(ids).toEqual(ctx.sim.leadsOf(campaign).map((l) => l.id));
		expect(ctx.logins()).toBe(2);
		const pages = ctx.sim.requests('GET', /\/leads$/);
		expect(pages.filter((p) => p.status === 401)).toHaveLength(1);
		const okKeys = pages.filter((p) => p.status === 200).map((p) => p.query.next_start_key || 'first');
		expect(okKeys).toHaveLength(20);
		expect(new Set(okKeys).size).toBe(20);
		// The refused page was asked for again with the same cursor.
		const refused = pages.find((p) => p.status === 401);
		expect(pages[pages.indexOf(refused) + 1].query).toEqual(refused.query);
		expect(r.out.every((i) => i.pairedItem.item === 0)).toBe(true);
		expectNoTokens(ctx.sim, r.outJson);
	});

	test('Lead Get Many: limit, status filter, header cursor form', async () => {
		const campaign = ctx.sim.bigCampaignId;
		const limited = await ctx.h.runNode(ctx.node({ resource: 'lead', operation: 'getMany', campaign: { __rl: true, mode: 'list', value: campaign }, returnAll: false, limit: 120, options: { pageSize: 50 } }));
		expect(limited.outJson).toHaveLength(120);
		expect(ctx.sim.requests('GET', /\/leads$/)).toHaveLength(3);
		const failed = await ctx.h.runNode(ctx.node({ resource: 'lead', operation: 'getMany', campaign: { __rl: true, mode: 'id', value: campaign }, returnAll: true, options: { pageSize: 1000, status: 'failed' } }));
		const expected = ctx.sim.leadsOf(campaign).filter((l) => l.status === 'failed').length;
		expect(expected).toBeGreaterThan(0);
		expect(failed.outJson).toHaveLength(expected);
		expect(failed.outJson.every((l) => l.status === 'failed')).toBe(true);

		const hs = qvoice.create({ leadsCursor: 'header', bigCampaignLeads: 130 });
		const hb = await hs.start();
		const hid = ctx.h.addCredential('qvoiceApi', qvoice.demoCredentials(hb));
		const viaHeader = await ctx.h.runNode({ type: 'qvoice', credentials: ctx.h.credentialRef('qvoiceApi', hid), parameters: { resource: 'lead', operation: 'getMany', campaign: { __rl: true, mode: 'id', value: hs.bigCampaignId }, returnAll: true, options: { pageSize: 50 } } });
		expect(viaHeader.outJson).toHaveLength(130);
		expect(hs.requests('GET', /\/leads$/)).toHaveLength(3);
		await hs.stop();
	});

	test('Lead Add: normalised number and typed fields via PUT, one output per input', async () => {
		const campaign = ctx.sim.campaignIds[1];
		const before = ctx.sim.leadsOf(campaign).length;
		const r = await ctx.h.runNode(
			ctx.node({
				resource: 'lead', operation: 'add', campaign: { __rl: true, mode: 'id', value: campaign }, number: '={{$json.phone}}',
				additionalFields: { firstName: '={{$json.first}}', lastName: 'Doe', priority: 3, retries: 2, coolOff: 600, ticketId: 'CRM-1', note: 'VIP', type: 'manual' },
			}),
			[{ json: { phone: '+1 (213) 555-0101', first: 'Ann' } }, { json: { phone: '0044 20 7946 0958', first: 'Bo' } }],
		);
		expect(r.error).toBeUndefined();
		expect(r.outJson.map((o) => [o.number, o.method, o.message])).toEqual([
			['+12135550101', 'PUT', 'Lead added to campaign successfully.'],
			['+442079460958', 'PUT', 'Lead added to campaign successfully.'],
		]);
		const sent = ctx.sim.requests('PUT', LEAD_ADD).map((e) => e.body);
		expect(sent[0]).toEqual({ number: '+12135550101', first_name: 'Ann', last_name: 'Doe', priority: 3, retries: 2, cool_off: 600, ticket_id: 'CRM-1', note: 'VIP', type: 'manual' });
		expect(ctx.sim.leadsOf(campaign).length).toBe(before + 2);
	});

	test('Lead Add falls back from PUT to POST on 405 and remembers it for the run', async () => {
		ctx.sim.controlAction({ action: 'rejectPutAddLead' });
		try {
			const items = Array.from({ length: 6 }, (_, k) => ({ json: { phone: `+1213555020${k}` } }));
			const r = await ctx.h.runNode(
				ctx.node({ resource: 'lead', operation: 'add', campaign: { __rl: true, mode: 'id', value: ctx.sim.campaignIds[2] }, number: '={{$json.phone}}', options: { concurrency: 3 } }),
				items,
			);
			expect(r.error).toBeUndefined();
			expect(r.outJson.map((o) => o.method)).toEqual(Array(6).fill('POST'));
			expect(r.outJson.map((o) => o.number)).toEqual(items.map((i) => i.json.phone));
			expect(ctx.sim.requests('PUT', LEAD_ADD)).toHaveLength(1);
			expect(ctx.sim.requests('POST', LEAD_ADD).filter((e) => e.status === 200)).toHaveLength(6);
		} finally {
			ctx.sim.controlAction({ action: 'rejectPutAddLead', value: false });
		}
	});

	test('parallel adds that all meet an expired token share one re-login; each lead is added once', async () => {
		const campaign = ctx.sim.campaignIds[2];
		await ctx.h.runNode(ctx.node({ resource: 'queue', operation: 'getStatus', output: 'queue', returnAll: true }));
		expect(ctx.logins()).toBe(1);
		// The first add (it settles PUT vs POST alone) still passes; the four that then run in parallel all meet a 401.
		ctx.sim.expireTokensAfter(1);
		// The login answers slowly, so every parallel request has met its 401 while it is still running.
		ctx.sim.injectFault({ kind: 'latency', delayMs: 150, count: 1, match: (c) => c.path === LOGIN });
		const items = Array.from({ length: 5 }, (_, k) => ({ json: { phone: `+1213555060${k}` } }));
		const before = ctx.sim.leadsOf(campaign).length;
		const r = await ctx.h.runNode(ctx.node({ resource: 'lead', operation: 'add', campaign: { __rl: true, mode: 'id', value: campaign }, number: '={{$json.phone}}', options: { concurrency: 5 } }), items);
		expect(r.error).toBeUndefined();
		expect(r.outJson.map((o) => o.number)).toEqual(items.map((i) => i.json.phone));
		expect(ctx.logins()).toBe(2);
		expect(ctx.sim.requests('PUT', LEAD_ADD).filter((e) => e.status === 401)).toHaveLength(4);
		expect(ctx.sim.requests('PUT', LEAD_ADD).filter((e) => e.status === 200)).toHaveLength(5);
		expect(ctx.sim.leadsOf(campaign).length).toBe(before + 5);
	});

	test('a rate-limited bulk add waits out 429 + Retry-After and adds every lead exactly once', async () => {
		const campaign = ctx.sim.campaignIds[4];
		ctx.sim.setRateLimit({ windowMs: 1000, max: 4 });
		try {
			const items = Array.from({ length: 8 }, (_, k) => ({ json: { phone: `+1213555070${k}` } }));
			const r = await ctx.h.runNode(ctx.node({ resource: 'lead', operation: 'add', campaign: { __rl: true, mode: 'id', value: campaign }, number: '={{$json.phone}}', options: { concurrency: 4 } }), items);
			expect(r.error).toBeUndefined();
			expect(r.outJson.map((o) => o.number)).toEqual(items.map((i) => i.json.phone));
			expect(ctx.sim.ledger.some((e) => e.status === 429)).toBe(true);
			expect(ctx.sim.leadsOf(campaign).map((l) => l.number).sort()).toEqual(items.map((i) => i.json.phone).sort());
		} finally {
			ctx.sim.setRateLimit(null);
		}
	});

	test('bad phone numbers and fields are rejected before any request, naming item and field', async () => {
		const add = (number, extra = {}) => ctx.node({ resource: 'lead', operation: 'add', campaign: { __rl: true, mode: 'id', value: ctx.sim.campaignIds[1] }, number: '={{$json.n}}', ...extra });
		for (const [bad, pattern] of [['call me', /Item 2: Phone Number "call me" contains letters/], ['2135550123', /Item 2: Phone Number "2135550123" has no country code/], ['+12', /Item 2: Phone Number "\+12" is not a possible phone number/], ['', /Item 2: Phone Number is empty/]]) {
			const r = await ctx.h.runNode(add(), [{ json: { n: '+12135550300' } }, { json: { n: bad } }]);
			expect((r.error || r.nodeError).message).toMatch(pattern);
		}
		// Item 1 may already be on its way when item 2 is refused (requests start while later items are prepared);
		// nothing is ever sent for a refused item.
		expect(ctx.sim.requests(null, /\/lead$/).map((e) => e.body.number).every((n) => n === '+12135550300')).toBe(true);
		ctx.sim.clearLedger();
		const r2 = await ctx.h.runNode(ctx.node({ resource: 'lead', operation: 'add', campaign: { __rl: true, mode: 'id', value: ctx.sim.campaignIds[1] }, number: '+12135550301', additionalFields: { priority: 1.5 } }));
		expect((r2.error || r2.nodeError).message).toMatch(/Item 1: Priority must be a whole number/);
		expect(ctx.sim.ledger).toHaveLength(0);

		const cof = await ctx.h.runNode({ ...add(), continueOnFail: true }, [{ json: { n: '+12135550302' } }, { json: { n: 'nope' } }, { json: { n: '+12135550303' } }]);
		expect(cof.out.map((i) => i.pairedItem.item)).toEqual([0, 1, 2]);
		expect(cof.outJson[1].error).toMatch(/Item 2: Phone Number/);
		expect(cof.outJson[0].success && cof.outJson[2].success).toBe(true);
		expect(ctx.sim.requests('PUT', LEAD_ADD)).toHaveLength(2);
	});

	test('a 500 from the portal is not re-sent for an add and explains what was being done', async () => {
		const campaign = ctx.sim.campaignIds[1];
		ctx.sim.injectFault({ kind: 'status', status: 500, count: 1, match: (c) => LEAD_ADD.test(c.path) });
		const r = await ctx.h.runNode(ctx.node({ resource: 'lead', operation: 'add', campaign: { __rl: true, mode: 'id', value: campaign }, number: '+12135550400' }));
		const err = r.error || r.nodeError;
		expect(err.message).toBe(`QVOICE could not add lead +12135550400 to campaign "${campaign}": the portal had an internal error (HTTP 500): "Internal server error"`);
		expect(err.description).toMatch(/international format.*whole numbers/);
		expect(ctx.sim.requests('PUT', LEAD_ADD)).toHaveLength(1);
		expectNoTokens(ctx.sim, err);

		// A read is retried after a 500 and succeeds.
		ctx.sim.injectFault({ kind: 'status', status: 500, count: 1, match: (c) => c.path === '/callcenter/queues/status' });
		const q = await ctx.h.runNode(ctx.node({ resource: 'queue', operation: 'getStatus', output: 'queue', returnAll: true }));
		expect(q.outJson).toHaveLength(3);
	});

	test('a 401 that survives the re-login fails clearly after exactly one extra login (no loop)', async () => {
		await ctx.h.runNode(ctx.node({ resource: 'queue', operation: 'getStatus', output: 'queue', returnAll: true }));
		const before = ctx.logins();
		ctx.sim.injectFault({ kind: 'status', status: 401, count: 2, body: 'Unauthorized', match: (c) => c.path === '/callcenter/queues/status' });
		const r = await ctx.h.runNode(ctx.node({ resource: 'queue', operation: 'getStatus', output: 'queue', returnAll: true }));
		const err = r.error || r.nodeError;
		expect(err.message).toBe('QVOICE could not read the queues status: the portal refused the login token (HTTP 401): "Unauthorized"');
		expect(err.description).toMatch(/signed in again and the portal refused the new token/);
		expect(ctx.logins()).toBe(before + 1);
		expect(ctx.sim.requests('GET', '/callcenter/queues/status').filter((e) => e.status === 401)).toHaveLength(2);
		expectNoTokens(ctx.sim, err);
	});

	test('a 400 says what to check', async () => {
		const r = await ctx.h.runNode(ctx.node({ resource: 'lead', operation: 'add', campaign: { __rl: true, mode: 'id', value: 'deadbeef' }, number: '+12135550500' }));
		const err = r.error || r.nodeError;
		expect(err.message).toBe('QVOICE could not add lead +12135550500 to campaign "deadbeef": the portal answered HTTP 400: "The information sent is invalid."');
		expect(err.description).toMatch(/campaign ID exists/);
		// The portal's words were quoted: the description does not claim it gave no detail.
		expect(err.description).not.toMatch(/no detail/);
		expect(err.description).toMatch(/does not say which value it refused/);
	});

	test('Lead Set Status (built-in and custom), Delete, Call disposition', async () => {
		const [l1, l2] = ctx.sim.leadsOf(ctx.sim.campaignIds[3]);
		const r = await ctx.h.runNode(ctx.node({ resource: 'lead', operation: 'setStatus', leadId: '={{$json.id}}', status: '={{$json.s}}', customStatus: 'callback' }), [{ json: { id: l1.id, s: 'success' } }, { json: { id: l2.id, s: '__custom' } }]);
		expect(r.outJson.map((o) => o.status)).toEqual(['success', 'callback']);
		expect(ctx.sim.requests('POST', /\/status\//).map((e) => e.path)).toEqual([`/api/v2/config/campaigns/leads/${l1.id}/status/success`, `/api/v2/config/campaigns/leads/${l2.id}/status/callback`]);
		const bad = await ctx.h.runNode(ctx.node({ resource: 'lead', operation: 'setStatus', leadId: l1.id, status: '__custom', customStatus: 'no good' }));
		expect((bad.error || bad.nodeError).message).toMatch(/Item 1: Custom Status "no good" is not a valid status/);

		const d = await ctx.h.runNode(ctx.node({ resource: 'lead', operation: 'delete', leadId: l1.id }));
		expect(d.outJson).toEqual([{ success: true, lead_id: l1.id, deleted: true, message: 'Lead deleted successfully.' }]);
		expect(ctx.sim.state.leads.has(l1.id)).toBe(false);
		const again = await ctx.h.runNode(ctx.node({ resource: 'lead', operation: 'delete', leadId: l1.id }));
		expect((again.error || again.nodeError).description).toMatch(/lead ID exists/);

		const cdr = ctx.sim.cdrIds[5];
		const v = await ctx.h.runNode(ctx.node({ resource: 'call', operation: 'setDispositionVoicemail', cdrId: cdr }));
		expect(v.outJson[0]).toMatchObject({ success: true, cdr_id: cdr, disposition: 'voicemail' });
		expect(ctx.sim.state.dispositions.get(cdr)).toBe('voicemail');
	});

	test('Campaign Get / Get Many and the campaign list search', async () => {
		const all = await ctx.h.runNode(ctx.node({ resource: 'campaign', operation: 'getMany', returnAll: true }));
		expect(all.outJson).toHaveLength(5);
		const big = all.outJson.find((c) => c.id === ctx.sim.bigCampaignId);
		expect(big).toMatchObject({ name: 'Renewals Q4', status: 'running', total_leads: 5000 });
		expect(Object.values(big.leads_by_status).reduce((a, b) => a + b, 0)).toBe(5000);
		const running = await ctx.h.runNode(ctx.node({ resource: 'campaign', operation: 'getMany', returnAll: true, filters: { status: 'running' } }));
		expect(running.outJson.map((c) => c.status)).toEqual(['running', 'running']);
		const one = await ctx.h.runNode(ctx.node({ resource: 'campaign', operation: 'get', campaign: { __rl: true, mode: 'list', value: ctx.sim.campaignIds[2] } }));
		expect(one.outJson[0].name).toBe('Webinar Follow-up');
		const missing = await ctx.h.runNode(ctx.node({ resource: 'campaign', operation: 'get', campaign: { __rl: true, mode: 'id', value: 'abc123' } }));
		expect((missing.error || missing.nodeError).message).toMatch(/Campaign "abc123" was not found/);
		const search = await ctx.h.loadOptions(ctx.node({ resource: 'campaign', operation: 'get' }), 'listSearch', 'searchCampaigns', { filter: 'webinar' });
		expect(search.results).toEqual([{ name: `Webinar Follow-up (paused, ${ctx.sim.leadsOf(ctx.sim.campaignIds[2]).length} leads)`, value: ctx.sim.campaignIds[2] }]);
		const queues = await ctx.h.loadOptions(ctx.node({ resource: 'queue', operation: 'getStatus' }), 'loadOptions', 'getQueues');
		expect(queues.map((q) => q.value).sort()).toEqual(ctx.sim.state.queues.map((q) => q.id).sort());
	});

	test('Queue Get Status: per queue with counts, or per agent with queue fields', async () => {
		const perQueue = await ctx.h.runNode(ctx.node({ resource: 'queue', operation: 'getStatus', output: 'queue', returnAll: true }));
		expect(perQueue.outJson.map((q) => [q.name, q.total_agents])).toEqual(ctx.sim.state.queues.map((q) => [q.name, q.agents.length]));
		const q1 = ctx.sim.state.queues[1];
		const perAgent = await ctx.h.runNode(ctx.node({ resource: 'queue', operation: 'getStatus', output: 'agent', returnAll: true, filters: { queues: [q1.id] } }));
		expect(perAgent.outJson).toHaveLength(q1.agents.length);
		expect(perAgent.outJson[0]).toMatchObject({ id: q1.agents[0].id, queue_id: q1.id, queue_name: q1.name, queue_extension: q1.extension });
		const simple = await ctx.h.runNode(ctx.node({ resource: 'queue', operation: 'getStatus', output: 'queue', simplify: true, returnAll: false, limit: 1 }));
		expect(simple.outJson).toHaveLength(1);
		expect(simple.outJson[0].agents).toBeUndefined();
		expect(simple.outJson[0]).toMatchObject({ total_agents: ctx.sim.state.queues[0].agents.length, agent_ids: ctx.sim.state.queues[0].agents.map((a) => a.id) });
	});

	test('Campaign Activity: time window in Unix seconds, pages a bare array by narrowing the window, split per event', async () => {
		const h = ctx.sim.state.history;
		const from = h[10].timestamp;
		const to = h[200].timestamp;
		const inWindow = h.filter((e) => e.timestamp >= from && e.timestamp <= to);
		const r = await ctx.h.runNode(ctx.node({ resource: 'campaignActivity', operation: 'getMany', start: new Date(from * 1000).toISOString(), end: new Date(to * 1000).toISOString(), returnAll: true, options: { pageSize: 40 } }));
		expect(r.error).toBeUndefined();
		const uuids = r.outJson.map((e) => e.lead_history[0].uuid);
		expect(uuids).toEqual(inWindow.map((e) => e.lead_history[0].uuid));
		expect(new Set(uuids).size).toBe(inWindow.length);
		expect(r.outJson.some((e) => e.incompleteRead)).toBe(false);
		const calls = ctx.sim.requests('GET', '/api/v2/reports/campaigns/leads/history');
		expect(calls.length).toBeGreaterThanOrEqual(Math.ceil(inWindow.length / 40));
		expect(calls[0].query).toMatchObject({ startDate: String(from), starDate: String(from), endDate: String(to), pageSize: '40' });
		// No key in a bare array (seed 003): each next request starts at the last record's second.
		expect(calls.every((c) => c.query.startKey === undefined)).toBe(true);
		expect(Number(calls[1].query.startDate)).toBeGreaterThan(from);

		const ms = await ctx.h.runNode(ctx.node({ resource: 'campaignActivity', operation: 'getMany', start: String(from), end: String(to * 1000), returnAll: false, limit: 7, options: { unit: 'milliseconds', splitEvents: true } }));
		expect(ms.outJson).toHaveLength(7);
		expect(ms.outJson[0]).toMatchObject({ event: 'campaign dial', type: 'dial agent', campaign_name: inWindow[0].campaign_name });
		expect(ms.outJson[0].event_agent.ext).toBeDefined();
		expect(ctx.sim.requests('GET', '/api/v2/reports/campaigns/leads/history').pop().query.startDate).toBe(String(from * 1000));
		const simple = await ctx.h.runNode(ctx.node({ resource: 'campaignActivity', operation: 'getMany', start: String(from), end: String(to), returnAll: false, limit: 2, options: { simplify: true } }));
		expect(simple.outJson[0].lead_history[0]).toEqual({ event: 'campaign dial', type: 'dial agent', ext: inWindow[0].lead_history[0].ext, uuid: inWindow[0].lead_history[0].uuid, last_attempt: inWindow[0].lead_history[0].last_attempt, agent_status: inWindow[0].lead_history[0].agent.status });

		const reversed = await ctx.h.runNode(ctx.node({ resource: 'campaignActivity', operation: 'getMany', start: '2026-01-02T00:00:00Z', end: '2026-01-01T00:00:00Z' }));
		expect((reversed.error || reversed.nodeError).message).toMatch(/Item 1: End is before Start/);
	});
});

describe('QVOICE activity with the cursor in a wrapped body', () => {
	const ctx = setup({ historyCursor: 'body', bigCampaignLeads: 10 });

	test('pages through { data, next_start_key } as well', async () => {
		const h = ctx.sim.state.history;
		const r = await ctx.h.runNode(ctx.node({ resource: 'campaignActivity', operation: 'getMany', start: String(h[0].timestamp), end: String(h[h.length - 1].timestamp), returnAll: true, options: { pageSize: 100 } }));
		expect(r.outJson.map((e) => e.lead_history[0].uuid)).toEqual(h.map((e) => e.lead_history[0].uuid));
		expect(ctx.sim.requests('GET', '/api/v2/reports/campaigns/leads/history')).toHaveLength(3);
	});
});

describe('QVOICE over HTTPS with a self-signed certificate', () => {
	let sim;
	let base;
	beforeAll(async () => {
		sim = qvoice.create({ bigCampaignLeads: 10 });
		base = await sim.start({ tls: makeSelfSignedCert() });
	});
	afterAll(() => sim.stop());

	test('refused by default, works when "Ignore SSL Issues" is ticked (login, calls and credential test)', async () => {
		const h = createHarness({ nodes: [Qvoice], credentials: [QvoiceApi] });
		const strict = h.addCredential('qvoiceApi', qvoice.demoCredentials(base));
		const params = { resource: 'queue', operation: 'getStatus', output: 'queue', returnAll: true };
		const refused = await h.runNode({ type: 'qvoice', parameters: params, credentials: h.credentialRef('qvoiceApi', strict) });
		const err = refused.error || refused.nodeError;
		expect(`${err.message} ${err.description || ''}`).toMatch(/Ignore SSL Issues/);
		expect(sim.ledger).toHaveLength(0);
		expect((await h.testCredential('qvoiceApi', qvoice.demoCredentials(base))).status).toBe('Error');

		const lenient = h.addCredential('qvoiceApi', { ...qvoice.demoCredentials(base), ignoreSSLIssues: true });
		const ok = await h.runNode({ type: 'qvoice', parameters: params, credentials: h.credentialRef('qvoiceApi', lenient) });
		expect(ok.error).toBeUndefined();
		expect(ok.outJson).toHaveLength(3);
		expect((await h.testCredential('qvoiceApi', { ...qvoice.demoCredentials(base), ignoreSSLIssues: true })).status).toBe('OK');
	});
});

// Issue 11 point 12: Return All never ends silently short.
const HISTORY = '/api/v2/reports/campaigns/leads/history';
const hintsOf = (r, name = 'Node') => (r.raw.data.resultData.runData[name] || [{}])[0].hints || [];

/** 1,500 activity records, three per second (so page boundaries fall inside a second), ten days back. */
function add1500(sim) {
	const base = Math.floor(Date.now() / 1000) - 10 * 86400;
	const ids = sim.campaignIds;
	for (let k = 0; k < 1500; k++) sim.addActivity({ campaignId: ids[k % 4], timestamp: base + Math.floor(k / 3) });
	return { from: base, to: base + 500, uuids: sim.state.history.filter((e) => e.timestamp >= base && e.timestamp <= base + 500).map((e) => e.lead_history[0].uuid) };
}

describe.each([
	['bare array, no key (seed 003)', 'none'],
	['{ data, next_start_key } (third-party clients)', 'body'],
	['bare array + next_start_key header', 'header'],
])('QVOICE Campaign Activity Return All over 1,500 records: %s', (_label, historyCursor) => {
	const ctx = setup({ historyCursor, bigCampaignLeads: 10 });

	test.each([[undefined], [100]])('Page Size %s: every record once, in order, no incomplete mark', async (pageSize) => {
		const w = add1500(ctx.sim);
		expect(w.uuids).toHaveLength(1500);
		const options = pageSize ? { pageSize } : {};
		const r = await ctx.h.runNode(ctx.node({ resource: 'campaignActivity', operation: 'getMany', start: String(w.from), end: String(w.to), returnAll: true, options }));
		expect(r.error).toBeUndefined();
		expect(r.outJson.map((e) => e.lead_history[0].uuid)).toEqual(w.uuids);
		expect(r.outJson.some((e) => 'incompleteRead' in e)).toBe(false);
		expect(hintsOf(r)).toEqual([]);
		const calls = ctx.sim.requests('GET', HISTORY);
		const perPage = pageSize || 1000;
		expect(calls.length).toBeGreaterThanOrEqual(Math.ceil(1500 / perPage));
		if (historyCursor === 'none') expect(calls.every((c) => c.query.startKey === undefined)).toBe(true);
		else expect(calls.slice(1).every((c) => c.query.startKey)).toBe(true);
		// Clean up for the next case.
		ctx.sim.state.history.splice(0, ctx.sim.state.history.length, ...ctx.sim.state.history.filter((e) => e.timestamp > w.to || e.timestamp < w.from));
	});
});

describe('QVOICE Campaign Activity when completeness cannot be proven', () => {
	const ctx = setup({ bigCampaignLeads: 10 });

	test('150 records in one second, Page Size 100, no key: the output says it may be incomplete (hint + field)', async () => {
		const second = Math.floor(Date.now() / 1000) - 20 * 86400;
		for (let k = 0; k < 150; k++) ctx.sim.addActivity({ campaignId: ctx.sim.campaignIds[0], timestamp: second });
		const r = await ctx.h.runNode(ctx.node({ resource: 'campaignActivity', operation: 'getMany', start: String(second - 5), end: String(second + 5), returnAll: true, options: { pageSize: 100 } }));
		expect(r.error).toBeUndefined();
		expect(r.outJson).toHaveLength(100);
		for (const e of r.outJson) expect(e.incompleteRead).toMatch(/^Item 1: Campaign activity may be incomplete \(100 read\): more than 100 records share the second .* raise Options → Page Size/);
		const hints = hintsOf(r);
		expect(hints).toHaveLength(1);
		expect(hints[0]).toMatchObject({ type: 'warning', location: 'outputPane' });
		expect(hints[0].message).toBe(r.outJson[0].incompleteRead);
	});

	test('a portal that repeats the same cursor: incomplete, and it stops', async () => {
		const h = ctx.sim.state.history;
		ctx.sim.injectFault({ kind: 'status', status: 200, count: 5, body: { data: h.slice(0, 20).map((e) => JSON.parse(JSON.stringify(e))), next_start_key: 'same-key' }, match: (c) => c.path === HISTORY });
		const r = await ctx.h.runNode(ctx.node({ resource: 'campaignActivity', operation: 'getMany', start: String(h[0].timestamp), end: String(h[h.length - 1].timestamp), returnAll: true, options: { pageSize: 20 } }));
		expect(r.outJson).toHaveLength(20);
		expect(r.outJson[0].incompleteRead).toMatch(/startKey "same-key" twice/);
		expect(ctx.sim.requests('GET', HISTORY)).toHaveLength(2);
	});
});

describe('QVOICE Lead Get Many Return All: every documented cursor form, 3+ pages', () => {
	test.each([['body'], ['header'], ['array']])('leadsCursor %s: 130 leads in pages of 50, each once, in order', async (leadsCursor) => {
		const sim = qvoice.create({ leadsCursor, bigCampaignLeads: 130 });
		const base = await sim.start();
		try {
			const h = createHarness({ nodes: [Qvoice], credentials: [QvoiceApi] });
			const cid = h.addCredential('qvoiceApi', qvoice.demoCredentials(base));
			const r = await h.runNode({ type: 'qvoice', credentials: h.credentialRef('qvoiceApi', cid), parameters: { resource: 'lead', operation: 'getMany', campaign: { __rl: true, mode: 'id', value: sim.bigCampaignId }, returnAll: true, options: { pageSize: 50 } } });
			expect(r.error).toBeUndefined();
			expect(r.outJson.map((l) => l.id)).toEqual(sim.leadsOf(sim.bigCampaignId).map((l) => l.id));
			expect(r.outJson.some((l) => 'incompleteRead' in l)).toBe(false);
			expect(sim.requests('GET', /\/leads$/).length).toBeGreaterThanOrEqual(3);
		} finally {
			await sim.stop();
		}
	});

	test('a bare-array portal that ignores next_start_key: incomplete, said on every item and as a hint', async () => {
		const sim = qvoice.create({ leadsCursor: 'array', bigCampaignLeads: 130 });
		const base = await sim.start();
		try {
			const firstPage = sim.leadsOf(sim.bigCampaignId).slice(0, 50).map((l) => ({ ...l }));
			sim.injectFault({ kind: 'status', status: 200, count: 5, body: firstPage, match: (c) => /\/leads$/.test(c.path) && c.query.next_start_key });
			const h = createHarness({ nodes: [Qvoice], credentials: [QvoiceApi] });
			const cid = h.addCredential('qvoiceApi', qvoice.demoCredentials(base));
			const r = await h.runNode({ type: 'qvoice', credentials: h.credentialRef('qvoiceApi', cid), parameters: { resource: 'lead', operation: 'getMany', campaign: { __rl: true, mode: 'id', value: sim.bigCampaignId }, returnAll: true, options: { pageSize: 50 } } });
			expect(r.outJson).toHaveLength(50);
			for (const l of r.outJson) expect(l.incompleteRead).toMatch(/lead list .* may be incomplete \(50 read\): the portal answered request 2 with the same 50 leads again/);
			expect(hintsOf(r)[0].message).toBe(r.outJson[0].incompleteRead);
		} finally {
			await sim.stop();
		}
	});
});

// Issue 11 point 13: login and account errors say what is wrong, in the portal's words as text.
describe.each([
	['401 (public fonoUC clients)', 401, qvoice.LOGIN_REFUSED],
	["400 (seed 003's text)", 400, qvoice.INVALID],
])('QVOICE wrong username/password/domain answered %s', (_label, loginFailureStatus, detail) => {
	const ctx = setup({ loginFailureStatus, bigCampaignLeads: 10 });

	test('credential test: check username/password/domain, the detail as text, not the Portal URL', async () => {
		for (const wrong of [{ password: 'wrong' }, { username: 'nobody' }, { domain: 'other-tenant' }]) {
			const bad = await ctx.h.testCredential('qvoiceApi', { ...qvoice.demoCredentials(ctx.base), ...wrong });
			expect(bad.status).toBe('Error');
			const text = `${bad.message} ${bad.description || ''}`;
			expect(text).toMatch(/check Username, Password and Domain \(tenant\)/);
			expect(text).toContain(`(HTTP ${loginFailureStatus}): the portal said "${detail}"`);
			expect(text).not.toMatch(/Portal URL|[{}\\]|no detail/);
			expectNoTokens(ctx.sim, bad);
		}
	});

	test('action node run: the same advice, nothing sent', async () => {
		ctx.h.store.get(ctx.cid).data.password = 'wrong';
		const r = await ctx.h.runNode(ctx.node({ resource: 'queue', operation: 'getStatus', output: 'queue', returnAll: true }));
		const err = r.error || r.nodeError;
		expect(err.message).toBe(`QVOICE could not read the queues status: QVOICE portal login failed (HTTP ${loginFailureStatus}): the portal said "${detail}". The portal refused this sign-in: check Username, Password and Domain (tenant) in the credential.`);
		expect(err.description).toMatch(/Check Username, Password and Domain/);
		expect(`${err.message} ${err.description}`).not.toMatch(/Portal URL|no detail/);
		expect(ctx.sim.requests('GET', '/callcenter/queues/status')).toHaveLength(0);
	});
});

describe('QVOICE Account ID that does not match the login (HTTP 403)', () => {
	const ctx = setup({ bigCampaignLeads: 10 });

	test('credential test names the Account ID', async () => {
		const bad = await ctx.h.testCredential('qvoiceApi', { ...qvoice.demoCredentials(ctx.base), accountId: 'ffffffffffffffffffffffffffffffff' });
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/Account ID does not match this login/);
	});

	test('action node: says the Account ID does not match, quotes the portal as text, claims no re-login', async () => {
		ctx.h.store.get(ctx.cid).data.accountId = 'ffffffffffffffffffffffffffffffff';
		const r = await ctx.h.runNode(ctx.node({ resource: 'queue', operation: 'getStatus', output: 'queue', returnAll: true }));
		const err = r.error || r.nodeError;
		expect(err.message).toBe(`QVOICE could not read the queues status: the portal refused access to the Account ID for this login (HTTP 403): "${qvoice.ACCOUNT_FORBIDDEN}"`);
		expect(err.description).toMatch(/Account ID in the QVOICE credential does not match this login/);
		expect(err.description).not.toMatch(/n8n (signed|logged) in again|no detail/);
		expect(ctx.logins()).toBe(1);
		expect(ctx.sim.requests('GET', '/callcenter/queues/status')).toHaveLength(1);
	});
});
