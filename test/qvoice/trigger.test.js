// QVOICE Trigger through n8n-core's poll path against the simulator: baseline, change, restart, backlog, failure.
const qvoice = require('../simulators/qvoice');
const { createHarness } = require('../harness/engine');
const { QvoiceTrigger } = require('../../nodes/Qvoice/QvoiceTrigger.node');
const { QvoiceApi } = require('../../credentials/QvoiceApi.credentials');

const HISTORY = '/api/v2/reports/campaigns/leads/history';

describe('QVOICE Trigger', () => {
	let sim;
	let base;
	let h;
	let trigger;
	beforeAll(async () => {
		sim = qvoice.create({ bigCampaignLeads: 1200 });
		base = await sim.start();
	});
	afterAll(() => sim.stop());
	beforeEach(() => {
		h = createHarness({ nodes: [QvoiceTrigger], credentials: [QvoiceApi] });
		const cid = h.addCredential('qvoiceApi', qvoice.demoCredentials(base));
		trigger = (parameters) => ({ type: 'qvoiceTrigger', parameters, credentials: h.credentialRef('qvoiceApi', cid) });
		sim.clearLedger();
		sim.clearFaults();
	});
	const now = () => Math.floor(Date.now() / 1000);
	const uuidOf = (r) => r.lead_history[0].uuid;

	test('New Campaign Activity: baseline, new records once, late records inside the overlap, restart, paged backlog, failed poll', async () => {
		const node = trigger({ event: 'newActivity', options: { overlapSec: 600 } });
		const first = await h.poll(node);
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		// One read of the overlap window: activity from before activation is remembered as history, never emitted.
		expect(sim.requests('GET', HISTORY)).toHaveLength(1);
		let state = first.staticData;

		const a = sim.controlAction({ action: 'addActivity', campaignId: sim.campaignIds[0], timestamp: now() }).record;
		const b = sim.controlAction({ action: 'addActivity', campaignId: sim.campaignIds[1], timestamp: now() }).record;
		const second = await h.poll(node, { staticData: state });
		expect(second.json.map(uuidOf)).toEqual([uuidOf(a), uuidOf(b)]);
		state = second.staticData;

		// Same window again, and after a "restart" (a fresh harness fed the stored state): nothing repeats.
		expect((await h.poll(node, { staticData: state })).items).toBeNull();
		const h2 = createHarness({ nodes: [QvoiceTrigger], credentials: [QvoiceApi] });
		const cid2 = h2.addCredential('qvoiceApi', qvoice.demoCredentials(base));
		const restarted = await h2.poll({ ...node, credentials: h2.credentialRef('qvoiceApi', cid2) }, { staticData: state });
		expect(restarted.items).toBeNull();

		// A record stamped 2 minutes in the past (portal clock behind, or written late) is still caught once.
		const late = sim.controlAction({ action: 'addActivity', campaignId: sim.campaignIds[2], timestamp: now() - 120 }).record;
		const third = await h.poll(node, { staticData: state });
		expect(third.json.map(uuidOf)).toEqual([uuidOf(late)]);
		state = third.staticData;
		expect(Object.keys(state['node:Trigger'].sources.newActivity.seen).length).toBeLessThanOrEqual(3);

		// A backlog bigger than one page (1000) is paged through without loss.
		const ts = now();
		const backlog = [];
		for (let k = 0; k < 1100; k++) backlog.push(sim.addActivity({ campaignId: sim.campaignIds[k % 3], timestamp: ts - (k % 50) }));
		sim.clearLedger();
		// A failed poll commits nothing: the next one still sees the whole backlog.
		// The second history request of the poll fails (the seed's bare array has no key: the poll pages by time).
		let historyCalls = 0;
		sim.injectFault({ kind: 'status', status: 400, count: 1, match: (c) => c.path === HISTORY && ++historyCalls === 2 });
		const failed = await h.poll(node, { staticData: state });
		expect(failed.error).toBeDefined();
		expect(failed.error.message).toMatch(/QVOICE could not get campaign activity/);
		expect(failed.staticData).toEqual(state);
		const fourth = await h.poll(node, { staticData: state });
		expect(fourth.error).toBeUndefined();
		expect(fourth.json).toHaveLength(1100);
		expect(new Set(fourth.json.map(uuidOf))).toEqual(new Set(backlog.map(uuidOf)));
		// Paged: the bare array has no key, so later requests start at the last record's second.
		expect(sim.requests('GET', HISTORY).filter((e) => e.status === 200 && Number(e.query.startDate) > ts - 60).length).toBeGreaterThanOrEqual(1);
		expect((await h.poll(node, { staticData: fourth.staticData })).items).toBeNull();
	});

	test('New Campaign Activity in manual mode returns the latest record and changes no state', async () => {
		const rec = sim.controlAction({ action: 'addActivity', campaignId: sim.campaignIds[3], timestamp: now() }).record;
		const r = await h.poll(trigger({ event: 'newActivity' }), { mode: 'manual', staticData: {} });
		expect(r.json.map(uuidOf)).toEqual([uuidOf(rec)]);
		expect(r.staticData['node:Trigger'] || {}).toEqual({});
	});

	test('Lead Status Changed: baseline, each change once with the previous status, new leads optional, restart', async () => {
		const [small, big] = [sim.campaignIds[3], sim.bigCampaignId];
		const node = trigger({ event: 'leadStatusChanged', campaigns: [small, big] });
		const first = await h.poll(node);
		expect(first.items).toBeNull();
		const leadState = (r, campaign, id) => r.staticData['node:Trigger'].sources.leadStatusChanged.keys[`${campaign}:${id}`];
		expect(Object.keys(first.staticData['node:Trigger'].sources.leadStatusChanged.keys).filter((k) => k.startsWith(`${big}:`))).toHaveLength(1200);
		expect(sim.requests('GET', /\/leads$/).length).toBe(1 + 2); // 12 leads in one page, 1,200 in two of 1,000

		const l1 = sim.leadsOf(small)[0];
		const l2 = sim.leadsOf(big)[1100];
		const s1 = l1.status === 'success' ? 'failed' : 'success';
		sim.controlAction({ action: 'setLeadStatus', leadId: l1.id, status: s1 });
		sim.controlAction({ action: 'setLeadStatus', leadId: l2.id, status: 'callback' });
		const was2 = leadState(first, big, l2.id);
		sim.controlAction({ action: 'addLead', campaignId: small, lead: { number: '+12135550999' } });
		const second = await h.poll(node, { staticData: first.staticData });
		expect(second.json.map((l) => [l.id, l.status, l.previous_status])).toEqual([
			[l1.id, s1, leadState(first, small, l1.id)],
			[l2.id, 'callback', was2],
		]);
		expect((await h.poll(node, { staticData: second.staticData })).items).toBeNull();

		const withNew = trigger({ event: 'leadStatusChanged', campaigns: [small, big], options: { includeNewLeads: true } });
		sim.controlAction({ action: 'addLead', campaignId: small, lead: { number: '+12135550998' } });
		const third = await h.poll(withNew, { staticData: second.staticData });
		expect(third.json.map((l) => [l.number, l.new_lead])).toEqual([['+12135550998', true]]);

		const empty = await h.poll(trigger({ event: 'leadStatusChanged', campaigns: [] }));
		expect(empty.error.message).toMatch(/Choose at least one campaign/);
	});

	test('Campaign Status Changed fires once per change', async () => {
		const node = trigger({ event: 'campaignStatusChanged' });
		const first = await h.poll(node);
		expect(first.items).toBeNull();
		const c = sim.campaignIds[1];
		sim.controlAction({ action: 'setCampaignStatus', campaignId: c, status: 'running' });
		const second = await h.poll(node, { staticData: first.staticData });
		expect(second.json).toEqual([expect.objectContaining({ id: c, status: 'running', previous_status: 'stopped', name: 'Win-back Lapsed' })]);
		expect((await h.poll(node, { staticData: second.staticData })).items).toBeNull();
		const filtered = trigger({ event: 'campaignStatusChanged', campaignFilter: [sim.campaignIds[2]] });
		const f1 = await h.poll(filtered);
		sim.controlAction({ action: 'setCampaignStatus', campaignId: c, status: 'stopped' });
		expect((await h.poll(filtered, { staticData: f1.staticData })).items).toBeNull();
		const manual = await h.poll(node, { mode: 'manual' });
		expect(manual.json).toHaveLength(1);
	});

	test('Queue Threshold: idle agents dropping below N fires once on the edge; logged-in changes fire', async () => {
		const q = sim.state.queues[0];
		const idleNow = sim.queueView(q).idle_agents;
		expect(idleNow).toBeGreaterThan(0);
		const node = trigger({ event: 'queueThreshold', queues: [q.id], condition: 'idleBelow', threshold: idleNow });
		const first = await h.poll(node);
		expect(first.items).toBeNull();
		const idleAgent = q.agents.find((a) => a.logged_in && a.status === 'idle');
		sim.controlAction({ action: 'setAgent', queueId: q.id, agentId: idleAgent.id, status: 'on_call' });
		const second = await h.poll(node, { staticData: first.staticData });
		expect(second.json).toEqual([expect.objectContaining({ id: q.id, idle_agents: idleNow - 1, previous_idle_agents: idleNow, threshold: idleNow, condition: 'idleBelow' })]);
		const still = await h.poll(node, { staticData: second.staticData });
		expect(still.items).toBeNull();
		sim.controlAction({ action: 'setAgent', queueId: q.id, agentId: idleAgent.id, status: 'idle' });
		const recovered = await h.poll(node, { staticData: still.staticData });
		expect(recovered.items).toBeNull();
		sim.controlAction({ action: 'setAgent', queueId: q.id, agentId: idleAgent.id, status: 'on_call' });
		expect((await h.poll(node, { staticData: recovered.staticData })).json).toHaveLength(1);
		sim.controlAction({ action: 'setAgent', queueId: q.id, agentId: idleAgent.id, status: 'idle' });

		const li = trigger({ event: 'queueThreshold', queues: [], condition: 'loggedInChanged' });
		const b = await h.poll(li);
		const q2 = sim.state.queues[2];
		const agent = q2.agents.find((a) => a.logged_in);
		sim.controlAction({ action: 'setAgent', queueId: q2.id, agentId: agent.id, logged_in: false });
		const changed = await h.poll(li, { staticData: b.staticData });
		expect(changed.json.map((x) => [x.id, x.logged_in_agents, x.previous_logged_in_agents])).toEqual([[q2.id, sim.queueView(q2).logged_in_agents, sim.queueView(q2).logged_in_agents + 1]]);
	});

	test('changing the settings starts a new baseline instead of firing on unrelated data', async () => {
		const a = await h.poll(trigger({ event: 'campaignStatusChanged' }));
		const switched = await h.poll(trigger({ event: 'queueThreshold', condition: 'loggedInChanged' }), { staticData: a.staticData });
		expect(switched.items).toBeNull();
		expect(Object.keys(switched.staticData['node:Trigger'].sources)).toEqual(['queueThreshold']);
	});
});
