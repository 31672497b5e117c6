// Simplify (n8n UX guideline: at most 10 fields per item, on by default) through the real engine against the
// simulators, for every operation whose items have more than 10 fields (measured) or that the issue names.
const { createHarness } = require('../harness/engine');
const talkover = require('../simulators/talkover');
const qvoice = require('../simulators/qvoice');
const td = require('../talkdesk/helpers');
const { Talkover } = require('../../nodes/Talkover/Talkover.node');
const { TalkoverApi } = require('../../credentials/TalkoverApi.credentials');
const { Qvoice } = require('../../nodes/Qvoice/Qvoice.node');
const { QvoiceApi } = require('../../credentials/QvoiceApi.credentials');

const MAX = 10;
const rl = (value) => ({ __rl: true, mode: 'id', value });
const errOf = (r) => r.error || r.nodeError;

/**
 * Runs an operation with Simplify at its default and with Simplify off; checks ≤ 10 keys and that the simplified item
 * is a part of the raw one (same values; `derived` keys are computed from raw fields; `sameRecords: false` for
 * operations that create a new record on each run, where only the keys are compared).
 */
async function both(run, params, { derived = [], sameRecords = true } = {}) {
	const simple = await run(params);
	const raw = await run({ ...params, simplify: false });
	expect(errOf(simple)).toBeUndefined();
	expect(errOf(raw)).toBeUndefined();
	expect(simple.outJson.length).toBeGreaterThan(0);
	expect(simple.outJson).toHaveLength(raw.outJson.length);
	simple.outJson.forEach((item, k) => {
		expect(Object.keys(item).length).toBeLessThanOrEqual(MAX);
		for (const [key, value] of Object.entries(item)) {
			if (derived.includes(key)) continue;
			if (sameRecords) expect(raw.outJson[k][key]).toEqual(value);
			else expect(raw.outJson[k]).toHaveProperty(key);
		}
	});
	return { simple: simple.outJson, raw: raw.outJson };
}

const maxKeys = (items) => Math.max(...items.map((j) => Object.keys(j).length));

/** The value of the operation option named `name` of `resource` that a node of `version` shows (robust to renames). */
function operationValue(description, resource, name, version) {
	for (const p of description.properties) {
		if (p.name !== 'operation' || !p.displayOptions?.show?.resource?.includes(resource)) continue;
		const cond = p.displayOptions.show['@version'];
		if (cond && !cond.some((c) => (typeof c === 'number' ? c === version : (c._cnd.gte === undefined || version >= c._cnd.gte) && (c._cnd.lt === undefined || version < c._cnd.lt) && (c._cnd.eq === undefined || version === c._cnd.eq)))) continue;
		const option = p.options.find((o) => o.name === name);
		if (option) return option.value;
	}
	throw new Error(`no operation "${name}" for ${resource} at version ${version}`);
}

describe('Talkover', () => {
	let sim;
	let h;
	let cred;
	const description = new Talkover().description;
	const NEW_DEFAULT_VERSION = 2; // Simplify is on by default from this node version (older saved nodes stay raw)
	const run = (typeVersion) => (parameters) => h.runNode({ type: 'talkover', typeVersion, parameters, credentials: h.credentialRef('talkoverApi', cred) });
	const getMany = (resource, v) => operationValue(description, resource, 'Get Many', v);

	beforeAll(async () => {
		sim = talkover.create({});
		const url = await sim.start();
		h = createHarness({ nodes: [Talkover], credentials: [TalkoverApi] });
		cred = h.addCredential('talkoverApi', talkover.demoCredentials(url));
	});
	afterAll(() => sim.stop());

	test('Call Get Many: 13 fields raw, the 9 kept by Simplify by default on new nodes; old nodes stay raw', async () => {
		const v = NEW_DEFAULT_VERSION;
		const { simple, raw } = await both(run(v), { resource: 'call', operation: getMany('call', v), returnAll: true });
		expect(maxKeys(raw)).toBeGreaterThan(MAX);
		expect(Object.keys(simple[0])).toEqual(['id', 'to', 'direction', 'status', 'duration', 'agent_id', 'campaign_id', 'campaign_call_id', 'created_at']);
		const old = await run(1)({ resource: 'call', operation: getMany('call', 1), returnAll: true });
		expect(old.outJson).toEqual(raw);
	});

	test('Agent Get and Get Many: simplified by default on new nodes, raw with Simplify off and on old nodes', async () => {
		const v = NEW_DEFAULT_VERSION;
		const many = await both(run(v), { resource: 'agent', operation: getMany('agent', v), returnAll: true });
		expect(Object.keys(many.simple[0])).toEqual(expect.arrayContaining(['id', 'name', 'status', 'phone_number']));
		const id = sim.state.agents[0].id;
		const one = await both(run(v), { resource: 'agent', operation: 'get', agentId: rl(id) });
		expect(one.raw[0]).toEqual(many.raw.find((a) => a.id === id));
		const old = await run(1)({ resource: 'agent', operation: 'get', agentId: rl(id) });
		expect(old.outJson).toEqual(one.raw);
		// Simplify keeps only known fields: anything else Talkover adds (voice, flow settings…) is left out.
		sim.state.agents[0].voice = { provider: 'x', speed: 1 };
		const extra = await both(run(v), { resource: 'agent', operation: 'get', agentId: rl(id) });
		expect(extra.raw[0].voice).toBeDefined();
		expect(extra.simple[0].voice).toBeUndefined();
		delete sim.state.agents[0].voice;
	});

	test('Campaign Get / Get Many / Update: at most 10 fields by default on every version, the full campaign with Simplify off', async () => {
		for (const v of [1, NEW_DEFAULT_VERSION]) {
			const c = sim.state.campaigns[0];
			const one = await both(run(v), { resource: 'campaign', operation: 'get', campaignId: rl(c.id) });
			expect(maxKeys(one.raw)).toBeGreaterThan(30);
			expect(one.raw[0].calls).toBeDefined();
			expect(Object.keys(one.simple[0])).toEqual(['id', 'name', 'status', 'campaign_type', 'agent_id', 'start_date', 'end_date', 'timezone', 'stats']);
			const many = await both(run(v), { resource: 'campaign', operation: getMany('campaign', v), returnAll: true });
			expect(maxKeys(many.raw)).toBeGreaterThan(MAX);
			const paused = sim.state.campaigns.find((x) => x.status === 'paused' || x.status === 'draft');
			await both(run(v), { resource: 'campaign', operation: 'update', campaignId: rl(paused.id), updateFields: { description: `v${v}` } });
		}
	});

	test('Campaign Create: simplified by default on new nodes, the full campaign on old nodes', async () => {
		const params = {
			resource: 'campaign',
			operation: 'create',
			name: 'Simplify check',
			campaignType: 'sales',
			agentId: rl(sim.state.agents[0].id),
			startDate: '2026-12-01T00:00:00',
			daysOfWeek: [1, 2],
			callTimeRanges: { ranges: [{ start: '09:00', end: '12:00' }] },
			timezone: 'Europe/Berlin',
		};
		const { simple, raw } = await both(run(NEW_DEFAULT_VERSION), params, { sameRecords: false });
		expect(maxKeys(raw)).toBeGreaterThan(MAX);
		expect(simple[0]).toMatchObject({ name: 'Simplify check', status: 'draft' });
		const old = await run(1)(params);
		expect(Object.keys(old.outJson[0]).length).toBeGreaterThan(MAX);
	});

	test('a Return All that cannot be proven complete keeps at most 10 fields with its incompleteRead mark', async () => {
		for (let k = 0; k < 250; k++) sim.state.calls.push({ ...sim.state.calls[0], id: `call-${String(k).padStart(3, '0')}` });
		let removed = false;
		// Between page 1 and page 2 a call goes away, so the read cannot prove it saw everything.
		sim.injectFault({ kind: 'latency', delayMs: 1, match: (c) => { if (c.path === '/api/v1/calls' && c.query.page === '2' && !removed) { removed = true; sim.state.calls.splice(0, 1); } return false; } });
		const r = await run(NEW_DEFAULT_VERSION)({ resource: 'call', operation: getMany('call', NEW_DEFAULT_VERSION), returnAll: true });
		expect(removed).toBe(true);
		expect(r.outJson.length).toBeGreaterThan(200);
		for (const item of r.outJson) {
			expect(item.incompleteRead).toMatch(/may be incomplete/);
			expect(Object.keys(item).length).toBeLessThanOrEqual(MAX);
		}
	});
});

describe('Talkdesk', () => {
	let e;
	beforeAll(async () => {
		e = await td.setup();
	});
	afterAll(() => e.sim.stop());
	const run = (parameters) => e.h.runNode(e.node(parameters));

	test('Record List Get Records: 11 fields raw, 10 by default', async () => {
		const lists = await run({ resource: 'recordList', operation: 'getMany', returnAll: true });
		const { simple, raw } = await both(run, { resource: 'recordList', operation: 'getRecords', recordListId: e.byId(lists.outJson[0].id), returnAll: true });
		expect(maxKeys(raw)).toBeGreaterThan(MAX);
		expect(raw[0]).toHaveProperty('external_provider');
		expect(simple[0]).not.toHaveProperty('external_provider');
		expect(simple[0]).toMatchObject({ id: raw[0].id, phone_numbers: raw[0].phone_numbers, record_list_id: lists.outJson[0].id });
	});

	test('Do-Not-Call List Get Entries: only the entry fields by default, everything with Simplify off', async () => {
		const lists = await run({ resource: 'doNotCallList', operation: 'getMany', returnAll: true });
		const { simple, raw } = await both(run, { resource: 'doNotCallList', operation: 'getEntries', dncListId: e.byId(lists.outJson[0].id), returnAll: true });
		expect(Object.keys(simple[0])).toEqual(expect.arrayContaining(['id', 'phone_number', 'do_not_call_list_id']));
		expect(raw).toHaveLength(simple.length);
	});

	test('Campaign Get / Get Many: simplified by default, the full campaign with Simplify off', async () => {
		const many = await both(run, { resource: 'campaign', operation: 'getMany', returnAll: false, limit: 3 });
		await both(run, { resource: 'campaign', operation: 'get', campaignId: e.byId(many.simple[0].id) });
	});
});

describe('QVOICE', () => {
	let sim;
	let h;
	let cid;
	beforeAll(async () => {
		sim = qvoice.create({});
		const base = await sim.start();
		h = createHarness({ nodes: [Qvoice], credentials: [QvoiceApi] });
		cid = h.addCredential('qvoiceApi', qvoice.demoCredentials(base));
	});
	afterAll(() => sim.stop());
	const run = (parameters) => h.runNode({ type: 'qvoice', parameters, credentials: h.credentialRef('qvoiceApi', cid) });

	test('Lead Get Many: the nine documented lead fields by default and with Simplify off', async () => {
		const campaigns = await run({ resource: 'campaign', operation: 'getMany', returnAll: true });
		const campaign = campaigns.outJson[0].id;
		const { simple } = await both(run, { resource: 'lead', operation: 'getMany', campaign: rl(campaign), returnAll: false, limit: 5 });
		expect(Object.keys(simple[0]).sort()).toEqual(['campaign_id', 'created', 'first_name', 'id', 'last_name', 'number', 'priority', 'retries', 'status']);
	});

	test('Queue Get Status: 14 (per queue) and 13 (per agent) fields raw, at most 10 by default', async () => {
		const perQueue = await both(run, { resource: 'queue', operation: 'getStatus', output: 'queue', returnAll: true }, { derived: ['agent_ids'] });
		expect(maxKeys(perQueue.raw)).toBeGreaterThan(MAX);
		expect(perQueue.simple[0].agent_ids).toEqual(perQueue.raw[0].agents.map((a) => a.id));
		const perAgent = await both(run, { resource: 'queue', operation: 'getStatus', output: 'agent', returnAll: true });
		expect(maxKeys(perAgent.raw)).toBeGreaterThan(MAX);
		expect(perAgent.simple[0]).toMatchObject({ queue_id: perQueue.raw[0].id });
	});
});
