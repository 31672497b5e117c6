// QVOICE Trigger (New Campaign Activity), exactly once under random activity, polls, faults and restarts
// (see trigger-property.js). The overlap window is drawn from {0, 1, 300} s; late records (stamped up to a minute
// in the past, never before activation) must be caught once when the window covers them.
const fc = require('fast-check');
const { runProperty, triggerSummary } = require('./trigger-property');
const { activityKey } = require('../../nodes/Qvoice/transport');

const nowSec = () => Math.floor(Date.now() / 1000);

const adapter = {
	name: 'qvoiceTrigger (newActivity)',
	vendor: 'qvoice',
	// The server below serves 3 records per page whatever is asked; without a key (the seed's bare array) more than
	// 3 records in one second cannot be paged at all, so this property runs on the third-party cursor form.
	simOptions: { bigCampaignLeads: 20, historyCursor: 'header' },
	optsArb: fc.record({ overlapSec: fc.constantFrom(0, 1, 300) }),
	setup(env) {
		// Three records per page, so a poll is several requests and faults can land mid-pagination.
		const route = env.sim.routes.find((r) => r.method === 'GET' && r.path === '/api/v2/reports/campaigns/leads/history');
		const orig = route.handler;
		route.handler = (ctx) => {
			ctx.query.pageSize = '3';
			return orig(ctx);
		};
	},
	params: (env, opts) => ({ event: 'newActivity', options: { overlapSec: opts.overlapSec } }),
	preBaseline(env, model) {
		// Activity from just before activation: part of the past, never an event.
		env.sim.addActivity({ campaignId: env.sim.campaignIds[0], timestamp: nowSec() - 2 });
		model.activatedAt = nowSec();
	},
	changeArb: fc.oneof(
		fc.record({ kind: fc.constant('activity'), n: fc.integer({ min: 1, max: 3 }), campaign: fc.nat(3) }),
		fc.record({ kind: fc.constant('late'), ago: fc.integer({ min: 1, max: 60 }), campaign: fc.nat(3) }),
	),
	applyChange(env, c, model) {
		const campaignId = env.sim.campaignIds[c.campaign % env.sim.campaignIds.length];
		if (c.kind === 'late') {
			// Late only as far as the window reaches back; never before activation.
			const ts = Math.max(nowSec() - Math.min(c.ago, model.opts.overlapSec), model.activatedAt);
			model.added.push(activityKey(env.sim.addActivity({ campaignId, timestamp: ts })));
			return;
		}
		for (let k = 0; k < c.n; k++) model.added.push(activityKey(env.sim.addActivity({ campaignId, timestamp: nowSec() })));
	},
	applyConcurrent(env, model) {
		const key = activityKey(env.sim.addActivity({ campaignId: env.sim.campaignIds[1], timestamp: nowSec() }));
		model.added.push(key);
		return { keys: [key], ids: [key] };
	},
	commit(env, model, notDelivered) {
		model.committed = new Set(model.added.filter((k) => !notDelivered.includes(k)));
	},
	expected: (env, model) => model.added.filter((k) => !model.committed.has(k)),
	keyOf: (e) => activityKey(e),
	failStatus: [400, 'The information sent is invalid.'],
	checkState(state, env, model) {
		const data = (state.sources && state.sources.newActivity) || {};
		if (!data.seen || typeof data.cursor !== 'number') return 'no activity state stored';
		const seen = Object.entries(data.seen || {});
		const floor = data.cursor - model.opts.overlapSec;
		const stale = seen.filter(([, ts]) => ts < floor - 1);
		if (stale.length) return `${stale.length} remembered records are older than the overlap window`;
		if (seen.length > model.added.length + 1) return `${seen.length} records remembered, only ${model.added.length} exist`;
		return undefined;
	},
};

test('QVOICE Trigger (New Campaign Activity): ≥ 1,000 random cycles, zero missed, zero duplicated, bounded state', async () => {
	const totals = await runProperty(adapter, { numRuns: 45 });
	console.log(`trigger property (qvoice)\n${triggerSummary()}`);
	expect(totals.cycles).toBeGreaterThanOrEqual(1000);
	expect(totals.failedPolls).toBeGreaterThan(0);
	expect(totals.missed + totals.duplicated).toBe(0);
}, 300000); // generous: a shared 2-core machine under load; this guards hangs, not speed
