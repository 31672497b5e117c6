// QVOICE Trigger snapshot events (Lead Status Changed, Campaign Status Changed, Queue Threshold), exactly once under
// random vendor-side changes, polls, faults, manual runs and restarts (see trigger-property.js). Completes the
// adapter coverage of all 10 polling event kinds (with trigger-property.{talkdesk,qvoice,talkover}.test.js).
const fc = require('fast-check');
const { runProperty, triggerSummary } = require('./trigger-property');

const expectClean = (totals, runs) => {
	expect(totals.polls).toBeGreaterThan(runs * 5);
	expect(totals.failedPolls).toBeGreaterThan(0);
	expect(totals.missed + totals.duplicated).toBe(0);
};

const leadStatus = {
	name: 'qvoiceTrigger (leadStatusChanged)',
	vendor: 'qvoice',
	simOptions: { bigCampaignLeads: 5 },
	setup(env) {
		// Five leads per page, so a poll is several requests and faults can land mid-pagination.
		const route = env.sim.routes.find((r) => r.method === 'GET' && r.path === '/api/v2/config/campaigns/:campaign_id/leads');
		const orig = route.handler;
		route.handler = (ctx) => {
			ctx.query.page_size = '5';
			return orig(ctx);
		};
	},
	campaigns: (env) => [env.sim.campaignIds[3], env.sim.campaignIds[2]],
	params: (env) => ({ event: 'leadStatusChanged', campaigns: leadStatus.campaigns(env), options: { includeNewLeads: true } }),
	changeArb: fc.oneof(
		fc.record({ kind: fc.constant('status'), index: fc.nat(60), status: fc.constantFrom('new', 'success', 'failed', 'callback', 'busy') }),
		fc.record({ kind: fc.constant('add'), campaign: fc.nat(1) }),
	),
	leads: (env) => leadStatus.campaigns(env).flatMap((c) => env.sim.leadsOf(c)),
	applyChange(env, c) {
		if (c.kind === 'add') {
			env.sim.controlAction({ action: 'addLead', campaignId: leadStatus.campaigns(env)[c.campaign], lead: { number: `+1213555${String(2000 + Math.floor(Math.random() * 7000))}` } });
			return;
		}
		const all = leadStatus.leads(env);
		env.sim.controlAction({ action: 'setLeadStatus', leadId: all[c.index % all.length].id, status: c.status });
	},
	commit(env, model) {
		model.leads = new Map(leadStatus.leads(env).map((l) => [l.id, l.status]));
	},
	expected(env, model) {
		const out = [];
		for (const l of leadStatus.leads(env)) {
			if (!model.leads.has(l.id)) out.push(`new:${l.id}`);
			else if (model.leads.get(l.id) !== l.status) out.push(`status:${l.id}:${model.leads.get(l.id)}->${l.status}`);
		}
		return out;
	},
	keyOf: (e) => (e.new_lead ? `new:${e.id}` : `status:${e.id}:${e.previous_status}->${e.status}`),
	oncePerRun: (k) => k.startsWith('new:'),
	failStatus: [400, 'The information sent is invalid.'],
	checkState(state, env) {
		const keys = state.sources && state.sources.leadStatusChanged && state.sources.leadStatusChanged.keys;
		if (!keys) return 'no lead state stored';
		const n = Object.keys(keys).length;
		if (n !== leadStatus.leads(env).length) return `${n} leads remembered, ${leadStatus.leads(env).length} watched`;
		return undefined;
	},
};

const campaignStatus = {
	name: 'qvoiceTrigger (campaignStatusChanged)',
	vendor: 'qvoice',
	simOptions: { bigCampaignLeads: 5 },
	params: () => ({ event: 'campaignStatusChanged' }),
	changeArb: fc.record({ index: fc.nat(10), status: fc.constantFrom('running', 'paused', 'stopped') }),
	applyChange(env, c) {
		env.sim.controlAction({ action: 'setCampaignStatus', campaignId: env.sim.campaignIds[c.index % env.sim.campaignIds.length], status: c.status });
	},
	statuses: (env) => new Map([...env.sim.state.campaigns].map(([id, c]) => [id, c.status])),
	commit(env, model) {
		model.statuses = campaignStatus.statuses(env);
	},
	expected(env, model) {
		return [...campaignStatus.statuses(env)].filter(([id, s]) => model.statuses.get(id) !== s).map(([id, s]) => `${id}:${model.statuses.get(id)}->${s}`);
	},
	keyOf: (e) => `${e.id}:${e.previous_status}->${e.status}`,
	oncePerRun: () => false,
	failStatus: [400, 'The information sent is invalid.'],
	checkState(state, env) {
		const keys = state.sources && state.sources.campaignStatusChanged && state.sources.campaignStatusChanged.keys;
		if (!keys) return 'no campaign state stored';
		const n = Object.keys(keys).length;
		return n > 0 && n <= env.sim.campaignIds.length ? undefined : `${n} campaigns remembered for ${env.sim.campaignIds.length}`;
	},
};

const THRESHOLD = 2;
const queues = {
	name: 'qvoiceTrigger (queueThreshold)',
	vendor: 'qvoice',
	simOptions: { bigCampaignLeads: 5 },
	optsArb: fc.record({ condition: fc.constantFrom('idleBelow', 'loggedInChanged') }),
	params: (env, opts) => ({ event: 'queueThreshold', queues: [], condition: opts.condition, threshold: THRESHOLD }),
	changeArb: fc.record({ queue: fc.nat(10), agent: fc.nat(10), status: fc.constantFrom('idle', 'on_call', 'wrap_up'), loggedIn: fc.boolean() }),
	applyChange(env, c) {
		const q = env.sim.state.queues[c.queue % env.sim.state.queues.length];
		if (!q.agents.length) return;
		const a = q.agents[c.agent % q.agents.length];
		env.sim.controlAction({ action: 'setAgent', queueId: q.id, agentId: a.id, status: c.status, logged_in: c.loggedIn });
	},
	counts: (env) => new Map(env.sim.state.queues.map((q) => [q.id, { idle: env.sim.queueView(q).idle_agents, loggedIn: env.sim.queueView(q).logged_in_agents }])),
	commit(env, model) {
		model.counts = queues.counts(env);
	},
	expected(env, model) {
		const out = [];
		for (const [id, now] of queues.counts(env)) {
			const was = model.counts.get(id);
			if (!was) continue;
			const fires = model.opts.condition === 'idleBelow' ? now.idle < THRESHOLD && was.idle >= THRESHOLD : now.loggedIn !== was.loggedIn;
			if (fires) out.push(`${id}:${was.idle}/${was.loggedIn}->${now.idle}/${now.loggedIn}`);
		}
		return out;
	},
	keyOf: (e) => `${e.id}:${e.previous_idle_agents}/${e.previous_logged_in_agents}->${e.idle_agents}/${e.logged_in_agents}`,
	oncePerRun: () => false,
	failStatus: [400, 'The information sent is invalid.'],
	checkState(state, env) {
		const keys = state.sources && state.sources.queueThreshold && state.sources.queueThreshold.keys;
		if (!keys) return 'no queue state stored';
		return Object.keys(keys).length === env.sim.state.queues.length ? undefined : `${Object.keys(keys).length} queues remembered`;
	},
};

// Lead Status Changed pages through leads (slower per run); the single-read events afford more runs.
test.each([
	['Lead Status Changed', leadStatus, 12],
	['Campaign Status Changed', campaignStatus, 40],
	['Queue Threshold', queues, 40],
])('QVOICE Trigger (%s): random cycles, zero missed, zero duplicated, bounded state', async (_name, adapter, runs) => {
	const totals = await runProperty(adapter, { numRuns: runs });
	console.log(`trigger property (${adapter.name})\n${triggerSummary()}`);
	expectClean(totals, runs);
}, 300000); // generous: a shared 2-core machine under load; this guards hangs, not speed
