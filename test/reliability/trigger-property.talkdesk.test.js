// Talkdesk Campaigns Trigger, exactly once under random changes, polls, faults and restarts (see trigger-property.js).
const fc = require('fast-check');
const { runProperty, triggerSummary } = require('./trigger-property');

const STATUSES = ['INCOMPLETE', 'READY', 'RUNNING', 'PAUSED'];

const adapter = {
	name: 'talkdeskCampaignsTrigger',
	vendor: 'talkdesk',
	simOptions: { campaigns: 6 },
	setup(env) {
		// Small pages, so a poll is several requests and faults can land mid-pagination.
		for (const [p, per] of [['/campaigns', '4'], ['/record-lists/:id/records', '5']]) {
			const route = env.sim.routes.find((r) => r.method === 'GET' && r.path === p);
			const orig = route.handler;
			route.handler = (ctx) => {
				ctx.query.per_page = per;
				return orig(ctx);
			};
		}
	},
	params: (env) => ({ events: ['campaignStatusChanged', 'newCampaign', 'newRecord'], recordListId: env.rl(env.sim.state.lists[0].id) }),
	changeArb: fc.oneof(
		fc.record({ kind: fc.constant('status'), index: fc.nat(40), status: fc.constantFrom(...STATUSES) }),
		fc.record({ kind: fc.constant('addCampaign') }),
		fc.record({ kind: fc.constant('addRecord'), n: fc.integer({ min: 1, max: 3 }) }),
	),
	applyChange(env, c) {
		const s = env.sim.state;
		if (c.kind === 'status') env.sim.controlAction({ action: 'setCampaignStatus', id: s.campaigns[c.index % s.campaigns.length].id, status: c.status });
		else if (c.kind === 'addCampaign') env.sim.controlAction({ action: 'addCampaign' });
		else for (let k = 0; k < c.n; k++) env.sim.controlAction({ action: 'addRecord', listId: s.lists[0].id });
	},
	applyConcurrent(env) {
		const id = env.sim.controlAction({ action: 'addRecord', listId: env.sim.state.lists[0].id }).record.id;
		return { keys: [`record:${id}`], ids: [id] };
	},
	commit(env, model, notDelivered) {
		model.campaigns = new Map(env.sim.state.campaigns.map((c) => [c.id, c.status]));
		model.records = new Set(env.sim.state.lists[0].records.map((r) => r.id).filter((id) => !notDelivered.includes(id)));
	},
	expected(env, model) {
		const out = [];
		for (const c of env.sim.state.campaigns) {
			if (!model.campaigns.has(c.id)) out.push(`newCampaign:${c.id}`);
			else if (model.campaigns.get(c.id) !== c.status) out.push(`status:${c.id}:${model.campaigns.get(c.id)}->${c.status}`);
		}
		for (const r of env.sim.state.lists[0].records) if (!model.records.has(r.id)) out.push(`record:${r.id}`);
		return out;
	},
	keyOf: (e) => (e.event === 'newCampaign' ? `newCampaign:${e.campaign_id}` : e.event === 'campaignStatusChanged' ? `status:${e.campaign_id}:${e.previous_status}->${e.status}` : e.event === 'newRecord' ? `record:${e.record_id}` : `other:${e.event}`),
	oncePerRun: (k) => !k.startsWith('status:'),
	failStatus: [403, { code: '0403001', message: 'Forbidden', description: 'Injected refusal', fields: [] }],
	checkState(state, env) {
		const sources = state.sources || {};
		for (const event of ['campaignStatusChanged', 'newCampaign']) {
			const n = Object.keys((sources[event] && sources[event].keys) || {}).length;
			if (n !== env.sim.state.campaigns.length) return `${event}: ${n} campaigns remembered for ${env.sim.state.campaigns.length} existing`;
		}
		if (!sources.newRecord) return 'no record state stored';
		const ids = Object.keys(sources.newRecord.seen || {});
		if (ids.length > 1000) return `${ids.length} record ids kept`;
		return undefined;
	},
};

test('Talkdesk Campaigns Trigger: ≥ 1,000 random cycles, zero missed, zero duplicated, bounded state', async () => {
	const totals = await runProperty(adapter, { numRuns: 45 });
	console.log(`trigger property (talkdesk)\n${triggerSummary()}`);
	expect(totals.cycles).toBeGreaterThanOrEqual(1000);
	expect(totals.failedPolls).toBeGreaterThan(0);
	expect(totals.missed + totals.duplicated).toBe(0);
}, 300000); // generous: a shared 2-core machine under load; this guards hangs, not speed

// Campaign Needs Action (the fourth Talkdesk event): fires when a campaign's action_required flag turns on, or a new
// campaign arrives already flagged; a flag that stays on does not fire again.
const needsAction = {
	name: 'talkdeskCampaignsTrigger (campaignNeedsAction)',
	vendor: 'talkdesk',
	simOptions: { campaigns: 6 },
	setup: adapter.setup,
	params: () => ({ events: ['campaignNeedsAction'] }),
	changeArb: fc.oneof(
		fc.record({ kind: fc.constant('flag'), index: fc.nat(40), value: fc.boolean() }),
		fc.record({ kind: fc.constant('addCampaign'), flagged: fc.boolean() }),
	),
	applyChange(env, c) {
		const s = env.sim.state;
		if (c.kind === 'flag') env.sim.controlAction({ action: 'setActionRequired', id: s.campaigns[c.index % s.campaigns.length].id, value: c.value });
		else env.sim.controlAction({ action: 'addCampaign', action_required: c.flagged });
	},
	commit(env, model) {
		model.flags = new Map(env.sim.state.campaigns.map((c) => [c.id, c.action_required === true]));
	},
	expected(env, model) {
		return env.sim.state.campaigns.filter((c) => c.action_required === true && model.flags.get(c.id) !== true).map((c) => `needs:${c.id}`);
	},
	keyOf: (e) => `${e.event === 'campaignNeedsAction' ? 'needs' : e.event}:${e.campaign_id}`,
	oncePerRun: () => false,
	failStatus: adapter.failStatus,
	checkState(state, env) {
		const keys = state.sources && state.sources.campaignNeedsAction && state.sources.campaignNeedsAction.keys;
		if (!keys) return 'no needs-action state stored';
		return Object.keys(keys).length === env.sim.state.campaigns.length ? undefined : `${Object.keys(keys).length} campaigns remembered`;
	},
};

test('Talkdesk Campaigns Trigger (Campaign Needs Action): random cycles, zero missed, zero duplicated', async () => {
	const totals = await runProperty(needsAction, { numRuns: 12 });
	console.log(`trigger property (talkdesk needs action)\n${triggerSummary()}`);
	expect(totals.failedPolls).toBeGreaterThan(0);
	expect(totals.events).toBeGreaterThan(0);
	expect(totals.missed + totals.duplicated).toBe(0);
}, 300000); // generous: a shared 2-core machine under load; this guards hangs, not speed
