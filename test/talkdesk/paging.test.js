// Issue 11 point 5 and the Return All audit: the DNC query answer is a paginated HAL list (50 per page by default),
// and every Talkdesk list follows `_links.next` until there is none, whatever page size the server picks.
const { useTalkdeskEnv } = require('./helpers');

describe('Talkdesk paging: DNC checks and every Return All', () => {
	const env = useTalkdeskEnv(({ sim }) => {
		sim.settings.pageCap = 0;
	});

	const phone = (i) => `+1415888${String(i).padStart(4, '0')}`;
	const listedIndex = (i) => i % 12 < 7; // 70 of 120

	async function checkAll(dnc) {
		const items = Array.from({ length: 120 }, (_, i) => ({ json: { phone: phone(i) } }));
		return await env.h.runNode(env.node({ resource: 'doNotCallList', operation: 'checkNumbers', dncListId: env.byId(dnc.id), phoneNumber: '={{$json.phone}}' }), items);
	}

	test('Check Numbers: 120 numbers, 70 listed → exactly those 70 come out listed, at 50 per page and at 20 per page', async () => {
		const { sim } = env;
		const dnc = { id: 'dnc-120', name: 'Big DNC', status: 'ACCEPTED', created_at: new Date().toISOString(), entries: [] };
		for (let i = 0; i < 120; i++) if (listedIndex(i)) dnc.entries.push({ id: `e-${i}`, phone_number: phone(i), expiration_date: null, reason: `r${i}`, created_at: new Date().toISOString() });
		sim.state.dnc.push(dnc);
		expect(dnc.entries).toHaveLength(70);
		const expected = Array.from({ length: 120 }, (_, i) => listedIndex(i));

		const r = await checkAll(dnc);
		expect(r.outJson.map((o) => o.listed)).toEqual(expected);
		expect(r.outJson.filter((o) => o.listed).map((o) => o.entry.reason)).toEqual(dnc.entries.map((e) => e.reason));
		expect(sim.requests('POST', /entries\/queries$/).map((q) => q.body.phone_numbers.length)).toEqual([50, 50, 20]);

		// The server answers 20 per page: the node follows each answer's next link (same POST, same body).
		sim.clearLedger();
		sim.settings.pageCap = 20;
		const paged = await checkAll(dnc);
		expect(paged.outJson.map((o) => o.listed)).toEqual(expected);
		const queries = sim.requests('POST', /entries\/queries$/);
		// Batches 1 and 2 hit about 29 listed numbers each (2 pages); batch 3 about 12 (1 page).
		expect(queries.filter((q) => q.query.page === '2').length).toBe(2);
		expect(queries.every((q) => q.status === 200)).toBe(true);
		const firstBatch = queries.filter((q) => q.body.phone_numbers[0].phone_number === phone(0));
		expect(firstBatch.map((q) => q.query.page || '1')).toEqual(['1', '2']);
		expect(new Set(firstBatch.map((q) => JSON.stringify(q.body))).size).toBe(1);
	});

	test('Return All on every list follows _links.next to the end (server pages of 2–20)', async () => {
		const { h, sim, node, byId } = env;
		const list = sim.state.lists[0];
		while (list.records.length < 70) sim.controlAction({ action: 'addRecord', listId: list.id });
		const dnc = sim.state.dnc[0];
		for (let i = dnc.entries.length; i < 65; i++) dnc.entries.push({ id: `pg-${i}`, phone_number: `+1415777${String(i).padStart(4, '0')}`, expiration_date: null, reason: null, created_at: new Date().toISOString() });
		if (sim.state.dnc.length < 3) sim.state.dnc.push({ id: 'dnc-b', name: 'B', status: 'ACCEPTED', created_at: new Date().toISOString(), entries: [] }, { id: 'dnc-c', name: 'C', status: 'ACCEPTED', created_at: new Date().toISOString(), entries: [] });
		while (sim.state.lists.length < 3) sim.state.lists.push({ id: `rl-${sim.state.lists.length}`, name: 'Extra', status: 'ACCEPTED', unique_identifier_type: 'NOTHING', created_at: new Date().toISOString(), records: [] });
		const campaign = sim.state.campaigns[0];
		const cases = [
			{ params: { resource: 'recordList', operation: 'getRecords', recordListId: byId(list.id) }, path: `/record-lists/${list.id}/records`, expected: () => list.records.length, cap: 20 },
			{ params: { resource: 'doNotCallList', operation: 'getEntries', dncListId: byId(dnc.id) }, path: `/do-not-call-lists/${dnc.id}/entries`, expected: () => dnc.entries.length, cap: 20 },
			{ params: { resource: 'campaign', operation: 'getMany' }, path: '/campaigns', expected: () => sim.state.campaigns.length, cap: 20 },
			{ params: { resource: 'campaign', operation: 'getUsers', campaignId: byId(campaign.id) }, path: `/campaigns/${campaign.id}/users`, expected: () => sim.state.users.get(campaign.id).length, cap: 2 },
			{ params: { resource: 'campaign', operation: 'getNumbers', campaignId: byId(campaign.id) }, path: `/campaigns/${campaign.id}/numbers`, expected: () => sim.state.numbers.get(campaign.id).length, cap: 2 },
			{ params: { resource: 'recordList', operation: 'getMany' }, path: '/record-lists', expected: () => sim.state.lists.length, cap: 1 },
			{ params: { resource: 'doNotCallList', operation: 'getMany' }, path: '/do-not-call-lists', expected: () => sim.state.dnc.length, cap: 1 },
		];
		for (const c of cases) {
			sim.clearLedger();
			sim.settings.pageCap = c.cap;
			const r = await h.runNode(node({ ...c.params, returnAll: true }));
			expect([c.path, r.error?.message]).toEqual([c.path, undefined]);
			expect([c.path, r.outJson.length]).toEqual([c.path, c.expected()]);
			const pages = sim.requests('GET', c.path);
			expect([c.path, pages.length]).toEqual([c.path, Math.ceil(c.expected() / c.cap)]);
			expect(pages.length).toBeGreaterThanOrEqual(3);
		}
	});

	test('a next link that repeats is an error (never a silently short list); a missing next link with page < total_pages is still followed', async () => {
		const { h, sim, node, byId } = env;
		const dnc = sim.state.dnc[0];
		const route = sim.routes.find((r) => r.method === 'GET' && r.path === '/do-not-call-lists/:id/entries');
		const orig = route.handler;
		sim.settings.pageCap = 20;
		try {
			route.handler = (ctx) => {
				const out = orig(ctx);
				if (out.body._links.next) out.body._links.next.href = out.body._links.self.href.replace(/page=\d+/, 'page=2');
				return out;
			};
			const loop = await h.runNode(node({ resource: 'doNotCallList', operation: 'getEntries', dncListId: byId(dnc.id), returnAll: true }));
			const err = loop.error || loop.nodeError;
			expect(err.message).toMatch(/^Talkdesk's answer pointed back to a page already read while trying to get the entries of do-not-call list/);
			expect(err.description).toMatch(/After 2 page\(s\) and 40 item\(s\)/);

			route.handler = (ctx) => {
				const out = orig(ctx);
				delete out.body._links.next;
				return out;
			};
			const noNext = await h.runNode(node({ resource: 'doNotCallList', operation: 'getEntries', dncListId: byId(dnc.id), returnAll: true }));
			expect(noNext.outJson).toHaveLength(dnc.entries.length);
		} finally {
			route.handler = orig;
		}
	});
});
