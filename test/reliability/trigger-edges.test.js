// Trigger edge cases named in the reliability issue, one readable test each: a record created while the Talkover
// poll is paging is not delivered twice; republishing delivers nothing old; a poll failing midway commits nothing
// and the next one delivers everything.
const { startVendor } = require('./env');

const perPage = (env, path, n, key = 'per_page') => {
	const route = env.sim.routes.find((r) => r.method === 'GET' && r.path === path);
	const orig = route.handler;
	route.handler = (ctx) => {
		ctx.query[key] = String(n);
		return orig(ctx);
	};
};

const TRIGGERS = {
	talkdesk: {
		sim: { campaigns: 6 },
		setup: (env) => perPage(env, '/campaigns', 2),
		params: (env) => ({ events: ['campaignStatusChanged', 'newCampaign'] }),
		change: (env) => {
			const c = env.sim.state.campaigns[0];
			env.sim.controlAction({ action: 'setCampaignStatus', id: c.id, status: c.status === 'PAUSED' ? 'RUNNING' : 'PAUSED' });
			env.sim.controlAction({ action: 'addCampaign', name: 'Added while watching' });
			return 2;
		},
		listPath: '/campaigns',
	},
	qvoice: {
		sim: { bigCampaignLeads: 10, historyCursor: 'body' }, // pages of 1 need a key: without one a short page is the last
		setup: (env) => perPage(env, '/api/v2/reports/campaigns/leads/history', 1, 'pageSize'),
		params: () => ({ event: 'newActivity' }),
		change: (env) => {
			for (let k = 0; k < 3; k++) env.sim.addActivity({ campaignId: env.sim.campaignIds[k], timestamp: Math.floor(Date.now() / 1000) });
			return 3;
		},
		listPath: '/api/v2/reports/campaigns/leads/history',
	},
	talkover: {
		sim: { now: Date.now() },
		setup: (env) => perPage(env, '/api/v1/calls', 3),
		params: () => ({ event: 'newOrUpdated' }),
		change: (env) => {
			env.sim.controlAction({ action: 'createCall', to: '+12135550601' });
			env.sim.controlAction({ action: 'createCall', to: '+12135550602' });
			return 2;
		},
		listPath: '/api/v1/calls',
	},
};

describe.each(Object.keys(TRIGGERS))('%s polling trigger', (vendor) => {
	const t = TRIGGERS[vendor];
	let env;
	beforeEach(async () => {
		env = await startVendor(vendor, t.sim);
		t.setup(env);
	});
	afterEach(() => env.stop());

	test('republishing (static data reloaded, activated again) does not re-deliver old events', async () => {
		const node = () => env.trigger(t.params(env));
		const base = await env.h.poll(node());
		const n = t.change(env);
		const delivered = await env.h.poll(node(), { staticData: base.staticData });
		expect(delivered.items).toHaveLength(n);
		for (const activation of ['activate', 'update', 'init']) {
			env.newHarness(); // a new process / a republish: only what was saved survives
			const again = await env.h.poll(node(), { staticData: JSON.parse(JSON.stringify(delivered.staticData)), activation });
			expect(again.error).toBeUndefined();
			expect(again.items).toBeNull();
		}
	});

	test('a poll failing midway commits nothing; the next poll delivers everything once', async () => {
		const node = () => env.trigger(t.params(env));
		const base = await env.h.poll(node());
		const n = t.change(env);
		let seen = 0;
		env.sim.injectFault({ kind: 'status', status: 403, body: vendor === 'qvoice' ? 'Forbidden' : { message: 'Injected refusal' }, count: 1, match: (ctx) => ctx.path === t.listPath && ++seen === 2 });
		const failed = await env.h.poll(node(), { staticData: base.staticData });
		expect(failed.error).toBeDefined();
		expect(env.sim.ledger.some((e) => e.fault)).toBe(true);
		expect(failed.liveStaticData).toEqual(base.staticData); // nothing written, not even in memory
		const next = await env.h.poll(node(), { staticData: failed.liveStaticData });
		expect(next.error).toBeUndefined();
		expect(next.items).toHaveLength(n);
		expect((await env.h.poll(node(), { staticData: next.staticData })).items).toBeNull();
	});
});

test('Talkover: a call created while the trigger pages (pages shift under it) is not delivered twice', async () => {
	const env = await startVendor('talkover', { now: Date.now() });
	try {
		perPage(env, '/api/v1/calls', 3);
		const node = env.trigger({ event: 'newOrUpdated' });
		const base = await env.h.poll(node);
		const made = [1, 2, 3, 4].map((k) => env.sim.controlAction({ action: 'createCall', to: `+1213555070${k}` }).id);
		// Page 1 is read, then a new call lands on top: the last call of page 1 comes again on page 2.
		let pages = 0;
		let late;
		env.sim.injectFault({ kind: 'status', count: 1, match: (ctx) => {
			if (ctx.path === '/api/v1/calls' && ++pages === 2) late = env.sim.controlAction({ action: 'createCall', to: '+12135550799' }).id;
			return false;
		} });
		const r = await env.h.poll(node, { staticData: base.staticData });
		const ids = r.json.map((e) => e.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(expect.arrayContaining(made));
		env.sim.clearFaults();
		const next = await env.h.poll(node, { staticData: r.staticData });
		const all = ids.concat(next.json ? next.json.map((e) => e.id) : []);
		expect(all.filter((id) => id === late)).toHaveLength(1); // the late one: now or next time, once
	} finally {
		await env.stop();
	}
});
