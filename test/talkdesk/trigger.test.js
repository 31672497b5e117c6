// Polling trigger through n8n-core's poll machinery: baseline, change fires once, no-change → null, restarts via
// static data, backlog across pages, manual sample, failed poll commits nothing.
const { setup } = require('./helpers');

describe('Talkdesk Campaigns Trigger', () => {
	let env;
	beforeEach(async () => {
		env = await setup();
	});
	afterEach(() => env.sim.stop());

	const events = (list) => ({ events: list });

	test('campaign events: baseline emits nothing; status change, new campaign and needs-action fire exactly once', async () => {
		const { h, sim, trigger } = env;
		const node = trigger(events(['campaignStatusChanged', 'newCampaign', 'campaignNeedsAction']));
		const first = await h.poll(node);
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		for (const event of ['campaignStatusChanged', 'newCampaign', 'campaignNeedsAction']) expect(Object.keys(first.staticData['node:Trigger'].sources[event].keys)).toHaveLength(130);

		sim.clearLedger();
		const second = await h.poll(node, { staticData: first.staticData });
		expect(second.items).toBeNull();
		// The three campaign events share one read of the campaign list: no page is requested twice.
		const pages = sim.requests('GET', '/campaigns').map((e) => e.query.page ?? '1');
		expect(pages.length).toBeGreaterThan(0);
		expect(new Set(pages).size).toBe(pages.length);

		const target = sim.state.campaigns[5];
		const flagged = sim.state.campaigns.find((c) => !c.action_required);
		const before = target.status;
		sim.controlAction({ action: 'setCampaignStatus', id: target.id, status: before === 'PAUSED' ? 'RUNNING' : 'PAUSED' });
		sim.controlAction({ action: 'setActionRequired', id: flagged.id, value: true });
		const added = sim.controlAction({ action: 'addCampaign', name: 'Vendor new one' });
		const third = await h.poll(node, { staticData: second.staticData });
		expect(third.json).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ event: 'campaignStatusChanged', campaign_id: target.id, previous_status: before, status: target.status }),
				expect.objectContaining({ event: 'campaignNeedsAction', campaign_id: flagged.id }),
				expect.objectContaining({ event: 'newCampaign', campaign_id: added.campaign.id, campaign_name: 'Vendor new one' }),
			]),
		);
		expect(third.json).toHaveLength(3);

		// Restart: the same static data fed back in → nothing fires twice.
		const fourth = await h.poll(node, { staticData: third.staticData });
		expect(fourth.items).toBeNull();
	});

	test('only the chosen events fire', async () => {
		const { h, sim, trigger } = env;
		const node = trigger(events(['newCampaign']));
		const base = await h.poll(node);
		sim.controlAction({ action: 'setCampaignStatus', id: sim.state.campaigns[1].id, status: 'RUNNING' });
		sim.controlAction({ action: 'setCampaignStatus', id: sim.state.campaigns[2].id, status: 'PAUSED' });
		expect((await h.poll(node, { staticData: base.staticData })).items).toBeNull();
	});

	test('a failed poll commits nothing: the change fires on the next successful poll', async () => {
		const { h, sim, trigger } = env;
		const node = trigger(events(['campaignStatusChanged']));
		const base = await h.poll(node);
		const c = sim.state.campaigns[9];
		sim.controlAction({ action: 'setCampaignStatus', id: c.id, status: c.status === 'RUNNING' ? 'PAUSED' : 'RUNNING' });
		sim.injectFault({ kind: 'status', status: 404, match: (ctx) => ctx.method === 'GET' && ctx.path === '/campaigns' });
		const failed = await h.poll(node, { staticData: base.staticData });
		expect(failed.error).toBeTruthy();
		const next = await h.poll(node, { staticData: failed.staticData });
		expect(next.json.map((e) => e.campaign_id)).toEqual([c.id]);
	});

	test('new records: backlog larger than one page is paged through without loss; ties on created_at handled', async () => {
		const { h, sim, trigger, byId } = env;
		const list = sim.state.lists[0];
		const node = trigger({ events: ['newRecord'], recordListId: byId(list.id) });
		const base = await h.poll(node);
		expect(base.items).toBeNull();
		// 300 records arrive between polls (the node reads 250 per page).
		const added = [];
		for (let i = 0; i < 300; i++) added.push(sim.controlAction({ action: 'addRecord', listId: list.id }).record.id);
		sim.clearLedger();
		const r = await h.poll(node, { staticData: base.staticData });
		expect(r.json).toHaveLength(300);
		expect(r.json.map((e) => e.record_id)).toEqual(added);
		expect(sim.requests('GET', `/record-lists/${list.id}/records`).length).toBe(2);
		expect((await h.poll(node, { staticData: r.staticData })).items).toBeNull();
		// Two records with the very same created_at as the last seen one: only the unseen one fires.
		const last = list.records[list.records.length - 1];
		const twin = { ...last, id: 'twin-record', phone_numbers: [{ phone_number: '+12135557777', phone_type: 'MOBILE' }] };
		list.records.push(twin);
		const tie = await h.poll(node, { staticData: r.staticData });
		expect(tie.json.map((e) => e.record_id)).toEqual(['twin-record']);
		expect(Object.keys(tie.staticData['node:Trigger'].sources.newRecord.seen).length).toBeLessThanOrEqual(1000);
	});

	test('manual mode returns the latest real item as a sample and leaves the state alone', async () => {
		const { h, sim, trigger, byId } = env;
		const m = await h.poll(trigger(events(['newCampaign'])), { mode: 'manual' });
		const newest = sim.state.campaigns[sim.state.campaigns.length - 1];
		expect(m.json).toEqual([expect.objectContaining({ event: 'newCampaign', campaign_id: newest.id })]);
		expect(m.staticData['node:Trigger']).toBeUndefined();
		const rec = await h.poll(trigger({ events: ['newRecord'], recordListId: byId(sim.state.lists[0].id) }), { mode: 'manual' });
		expect(rec.json[0]).toMatchObject({ event: 'newRecord', record_list_id: sim.state.lists[0].id });
	});

	test('New Record without a list is a clear configuration error', async () => {
		const { h, trigger } = env;
		const r = await h.poll(trigger({ events: ['newRecord'], recordListId: { __rl: true, mode: 'id', value: '' } }));
		expect(r.error.message).toBe('Record List is empty');
	});
});
