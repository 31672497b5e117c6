// Issue 11 point 4: Add Records / Delete Records against the documented bulk answers, which carry totals and a
// list (created records / failed ids), never one result per input. Each input gets exactly one outcome: created,
// refused (matched by phone / external id / id), or "could not tell" when the answer cannot say which input failed.
const { useTalkdeskEnv } = require('./helpers');

describe('Talkdesk bulk outcomes (record-lists-bulks, delete-a-record)', () => {
	const env = useTalkdeskEnv(({ sim }) => {
		sim.settings.bulkEmbedded = true;
	});
	let unique;
	beforeAll(() => {
		unique = env.sim.state.lists.find((l) => l.unique_identifier_type === 'PHONE_NUMBER');
	});

	const add = (listId, extra = {}) => ({
		resource: 'recordList',
		operation: 'addRecords',
		recordListId: env.byId(listId),
		phoneNumber: '={{$json.phone}}',
		phoneType: 'MOBILE',
		firstName: '={{$json.first}}',
		lastName: '={{$json.last}}',
		additionalFields: { externalId: '={{$json.crm || ""}}', externalProvider: 'crm' },
		...extra,
	});
	const lead = (phone, i, extra = {}) => ({ json: { phone, first: `First ${i}`, last: `Last ${i}`, ...extra } });

	test('first and last name are required: refused before sending, naming item and field', async () => {
		const { h, sim, node } = env;
		const r = await h.runNode(node(add(unique.id)), [lead('+13125551000', 1), { json: { phone: '+13125551001', first: 'Ana', last: '' } }]);
		expect((r.error || r.nodeError).message).toBe('Item 2: Last Name is empty');
		expect((r.error || r.nodeError).description).toMatch(/Talkdesk requires a first and a last name/);
		const long = await h.runNode(node(add(unique.id)), [{ json: { phone: '+13125551002', first: 'x'.repeat(81), last: 'Silva' } }]);
		expect((long.error || long.nodeError).message).toMatch(/^Item 1: First Name /);
		expect(sim.ledger.filter((e) => e.path !== '/oauth/token')).toHaveLength(0);
	});

	test('mixed batch: records the simulator refuses are matched by phone and external id; the rest are created', async () => {
		const { h, sim, node } = env;
		// +12135558000 is already in the PHONE_NUMBER-unique list: Talkdesk refuses those records (counted, not listed).
		const items = [lead('+13125552000', 0, { crm: 'm-0' }), lead('+12135558000', 1, { crm: 'm-1' }), lead('+13125552002', 2), lead('+1 213 555 8000', 3), lead('+13125552004', 4, { crm: 'm-4' })];
		const r = await h.runNode(node(add(unique.id), { continueOnFail: true }), items);
		const answer = sim.requests('POST', /records\/bulks$/)[0];
		expect(answer.body.records).toHaveLength(5);
		expect(r.out).toHaveLength(5);
		expect(r.out.map((o) => o.pairedItem.item)).toEqual([0, 1, 2, 3, 4]);
		expect(r.outJson.map((o) => o.status || 'error')).toEqual(['created', 'error', 'created', 'error', 'created']);
		expect(r.outJson[1].error).toBe(`Talkdesk did not add the record +12135558000 (external ID m-1) to list "${unique.id}"`);
		expect(r.outJson[1].description).toMatch(/2 of 5 failed and does not list this record among those created/);
		expect(r.outJson[3].error).toBe(`Talkdesk did not add the record +12135558000 to list "${unique.id}"`);
		const created = unique.records.filter((x) => ['+13125552000', '+13125552002', '+13125552004'].includes(x.phone_numbers[0].phone_number));
		expect(r.outJson[0].id).toBe(created.find((x) => x.external_id === 'm-0').id);
		expect(r.outJson[2].id).toBe(created.find((x) => x.phone_numbers[0].phone_number === '+13125552002').id);
		// Stop On Error: the run stops with the first refused record's error, naming its item.
		const stop = await h.runNode(node(add(unique.id)), [lead('+13125553000', 0), lead('+12135558000', 1)]);
		expect((stop.error || stop.nodeError).message).toBe(`Talkdesk did not add the record +12135558000 to list "${unique.id}"`);
	});

	test('ambiguous: two inputs with the same phone, one saved → both say "could not tell", nothing guessed', async () => {
		const { h, node } = env;
		const r = await h.runNode(node(add(unique.id), { continueOnFail: true }), [lead('+13125554000', 0), lead('+13125554001', 1), lead('+13125554001', 2)]);
		expect(r.outJson[0].status).toBe('created');
		expect(r.outJson[1].error).toBe('Could not tell whether the record +13125554001 was saved: 1 of the 2 records in this batch with the same phone number were saved, and Talkdesk\'s answer does not say which (1 of 3 failed)');
		expect(r.outJson[2].error).toBe(r.outJson[1].error);
		expect(r.outJson[1].description).toMatch(/before sending this record again/);
	});

	test('records echoed in another format never become false "not added" claims: unmatched ≠ failed count → "could not tell"', async () => {
		const { h, sim, node } = env;
		const route = sim.routes.find((r) => r.method === 'POST' && r.path === '/record-lists/:id/records/bulks');
		const orig = route.handler;
		route.handler = (ctx) => {
			const out = orig(ctx);
			for (const rec of out.body._embedded.records) rec.phone_numbers = rec.phone_numbers.map((p) => ({ ...p, phone_number: p.phone_number.slice(1) }));
			return out;
		};
		try {
			const r = await h.runNode(node(add(unique.id), { continueOnFail: true }), [lead('+13125557000', 0), lead('+12135558000', 1), lead('+13125557002', 2)]);
			expect(r.outJson.map((o) => o.error)).toEqual(Array(3).fill(expect.stringMatching(/^Could not tell whether the record .* was saved: 1 of 3 failed, but 3 record\(s\) are missing from Talkdesk's answer/)));
		} finally {
			route.handler = orig;
		}
	});

	test('answer with totals only (no _embedded): all saved → created; some failed → "could not tell … N of M failed"', async () => {
		const { h, sim, node } = env;
		sim.settings.bulkEmbedded = false;
		const ok = await h.runNode(node(add(unique.id)), [lead('+13125555000', 0), lead('+13125555001', 1)]);
		expect(ok.outJson.map((o) => o.status)).toEqual(['created', 'created']);
		const mixed = await h.runNode(node(add(unique.id), { continueOnFail: true }), [lead('+13125555100', 0), lead('+12135558000', 1), lead('+13125555102', 2)]);
		expect(mixed.outJson.map((o) => o.error)).toEqual(Array(3).fill(expect.stringMatching(/^Could not tell whether the record \+\d+ was saved: 1 of 3 failed and Talkdesk's answer lists no records/)));
		const allBad = await h.runNode(node(add(unique.id), { continueOnFail: true }), [lead('+12135558000', 0)]);
		expect(allBad.outJson[0].error).toMatch(/^Talkdesk did not add the record/);
	});

	test('Delete Records: a failed id is matched; unmatched phone numbers that Talkdesk only counts are ambiguous', async () => {
		const { h, sim, node, byId } = env;
		const list = sim.state.lists[0];
		const added = ['+13125556000', '+13125556001', '+13125556002'].map((p) => sim.controlAction({ action: 'addRecord', listId: list.id, phone_number: p }).record.id);
		const params = { resource: 'recordList', operation: 'deleteRecords', recordListId: byId(list.id), deleteBy: '={{$json.by}}', recordId: '={{$json.v}}', phoneNumber: '={{$json.v}}', externalId: '={{$json.v}}' };
		const items = [
			{ json: { by: 'id', v: added[0] } },
			{ json: { by: 'id', v: 'no-such-record' } },
			{ json: { by: 'phoneNumber', v: '+13125556001' } },
			{ json: { by: 'phoneNumber', v: '+13125556999' } },
		];
		const r = await h.runNode(node(params, { continueOnFail: true }), items);
		expect(r.outJson[0]).toMatchObject({ deleted: true, id: added[0] });
		expect(r.outJson[1].error).toBe(`Talkdesk did not delete record "no-such-record" from list "${list.id}"`);
		// One unnamed failure among two phone selectors: the answer cannot tell which.
		expect(r.outJson[2].error).toMatch(/^Could not tell whether the record\(s\) with phone number \+13125556001 was deleted: 1 of 4 deletions failed/);
		expect(r.outJson[3].error).toMatch(/^Could not tell whether the record\(s\) with phone number \+13125556999 was deleted/);
		expect(list.records.some((x) => x.id === added[1])).toBe(false);
		// A single unmatched phone: the one counted failure can only be it.
		const one = await h.runNode(node(params, { continueOnFail: true }), [{ json: { by: 'id', v: added[2] } }, { json: { by: 'phoneNumber', v: '+13125556998' } }]);
		expect(one.outJson[0].deleted).toBe(true);
		expect(one.outJson[1].error).toBe(`Talkdesk did not delete the record(s) with phone number +13125556998 from list "${list.id}"`);
	});
});
