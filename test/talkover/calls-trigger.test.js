// Talkover Calls Trigger (polling): baseline, manual sample, new and updated calls exactly once across restarts,
// backlog bigger than one page, filters, failed poll commits nothing.
const { createHarness } = require('../harness/engine');
const talkover = require('../simulators/talkover');
const { TalkoverCallsTrigger } = require('../../nodes/Talkover/TalkoverCallsTrigger.node');
const { TalkoverApi } = require('../../credentials/TalkoverApi.credentials');

let sim;
let h;
let cred;

beforeEach(async () => {
	// Seeded calls are dated relative to now, so they fall inside the look-back window.
	sim = talkover.create({ now: Date.now() });
	const url = await sim.start();
	h = createHarness({ nodes: [TalkoverCallsTrigger], credentials: [TalkoverApi] });
	cred = h.addCredential('talkoverApi', talkover.demoCredentials(url));
});
afterEach(() => sim.stop());

const trigger = (parameters = {}) => ({ type: 'talkoverCallsTrigger', parameters: { event: 'newOrUpdated', ...parameters }, credentials: h.credentialRef('talkoverApi', cred) });

test('baseline emits nothing; new and updated calls fire exactly once across restarts', async () => {
	const node = trigger();
	const first = await h.poll(node);
	expect(first.error).toBeUndefined();
	expect(first.items).toBeNull();

	const quiet = await h.poll(node, { staticData: first.staticData });
	expect(quiet.items).toBeNull();

	const created = sim.controlAction({ action: 'createCall', to: '+12135550500' });
	const existing = sim.state.calls.find((c) => c.status === 'busy');
	sim.controlAction({ action: 'setCallStatus', callId: existing.id, status: 'completed', duration: 33 });
	const second = await h.poll(node, { staticData: quiet.staticData });
	expect(second.json.map((c) => [c.id, c.change])).toEqual([
		[existing.id, 'updated'],
		[created.id, 'new'],
	]);
	expect(second.json[0].previous_status).toBe('busy');

	// Restart with the stored state: nothing again.
	const third = await h.poll(node, { staticData: second.staticData });
	expect(third.items).toBeNull();

	sim.controlAction({ action: 'setCallStatus', callId: created.id, status: 'answered' });
	const fourth = await h.poll(node, { staticData: third.staticData });
	expect(fourth.json.map((c) => [c.id, c.change, c.status])).toEqual([[created.id, 'updated', 'answered']]);

	// "New Call" ignores status changes.
	sim.controlAction({ action: 'setCallStatus', callId: created.id, status: 'completed' });
	const onlyNew = await h.poll(trigger({ event: 'new' }), { staticData: fourth.staticData });
	expect(onlyNew.items).toBeNull();
});

test('manual run returns the latest call as a sample without touching state', async () => {
	const sample = await h.poll(trigger(), { mode: 'manual' });
	expect(sample.json).toHaveLength(1);
	const newest = [...sim.state.calls].sort((a, b) => (a.created_at < b.created_at ? 1 : -1))[0];
	expect(sample.json[0].id).toBe(newest.id);
	expect(JSON.stringify(sample.staticData)).not.toMatch(/known|cursor/);
});

test('a backlog bigger than one page is paged through and emitted once', async () => {
	const base = await h.poll(trigger());
	for (let k = 0; k < 230; k++) sim.controlAction({ action: 'createCall', to: `+1213556${String(1000 + k)}` });
	sim.clearLedger();
	const r = await h.poll(trigger(), { staticData: base.staticData });
	expect(r.json).toHaveLength(230);
	expect(new Set(r.json.map((c) => c.id)).size).toBe(230);
	expect(sim.requests('GET', '/api/v1/calls').map((e) => e.query.page)).toEqual(['1', '2', '3']);
	expect(sim.requests('GET', '/api/v1/calls')[0].query.per_page).toBe('100');
	const again = await h.poll(trigger(), { staticData: r.staticData });
	expect(again.items).toBeNull();
});

test('a failed poll commits nothing: the change fires on the next good poll', async () => {
	const base = await h.poll(trigger());
	const created = sim.controlAction({ action: 'createCall', to: '+12135550600' });
	for (let k = 0; k < 300; k++) sim.controlAction({ action: 'createCall', to: `+1213557${String(1000 + k)}` });
	// Page 3 fails after retries: the two pages already read must not be committed.
	sim.injectFault({ kind: 'status', status: 500, count: 10, match: (c) => c.query.page === '3' });
	const failed = await h.poll(trigger(), { staticData: base.staticData });
	expect(failed.error).toBeDefined();
	expect(failed.error.message).toMatch(/Talkover could not list calls for the trigger/);
	expect(failed.staticData).toEqual(base.staticData);
	sim.clearFaults();
	const ok = await h.poll(trigger(), { staticData: failed.staticData });
	expect(ok.json).toHaveLength(301);
	expect(ok.json.some((c) => c.id === created.id)).toBe(true);
}, 30000);

test('filters: agent uses the agent calls endpoint; status and direction go to Talkover; campaign filtered locally', async () => {
	const agent = sim.state.agents[2].id;
	const node = trigger({ filters: { agentId: agent, status: 'completed', direction: 'outbound' } });
	const base = await h.poll(node);
	const q = sim.requests('GET', `/api/v1/agents/${agent}/calls`)[0].query;
	expect(q).toMatchObject({ status: 'completed', direction: 'outbound' });
	expect(q.date_from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	const mine = sim.controlAction({ action: 'createCall', agentId: agent, to: '+12135550700' });
	sim.controlAction({ action: 'createCall', agentId: sim.state.agents[0].id, to: '+12135550701', status: 'completed' });
	sim.controlAction({ action: 'setCallStatus', callId: mine.id, status: 'completed' });
	const r = await h.poll(node, { staticData: base.staticData });
	expect(r.json.map((c) => [c.id, c.change])).toEqual([[mine.id, 'new']]);

	const campaign = sim.state.campaigns[0].id;
	const byCampaign = await h.poll(trigger({ filters: { campaignId: campaign } }), { mode: 'manual' });
	expect(byCampaign.json[0].campaign_id).toBe(campaign);
});

test('changing a filter starts a new baseline: existing calls are not emitted as new (issue 11.11)', async () => {
	const completedOnly = trigger({ filters: { status: 'completed' } });
	const base = await h.poll(completedOnly);
	expect(base.items).toBeNull();
	// The user widens the filter: calls of other statuses that already existed become visible, but they are not new.
	const widened = trigger({ filters: {} });
	expect(sim.state.calls.some((c) => c.status !== 'completed')).toBe(true);
	const after = await h.poll(widened, { staticData: base.staticData });
	expect(after.error).toBeUndefined();
	expect(after.items).toBeNull();
	// The new baseline watches from here on: a call made now fires, once.
	const made = sim.controlAction({ action: 'createCall', to: '+12135550900' });
	const next = await h.poll(widened, { staticData: after.staticData });
	expect(next.json.map((c) => [c.id, c.change])).toEqual([[made.id, 'new']]);
	expect((await h.poll(widened, { staticData: next.staticData })).items).toBeNull();
});
