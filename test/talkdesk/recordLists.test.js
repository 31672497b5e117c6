// Record list operations: 250 inputs → 3 bulk calls of {records}, CSV create flow end to end (no bearer on the
// signed upload, hex MD5 checksum), update via JSON-patch, delete in bulks, DNC check/add.
// The documented bulk answers and their per-item outcomes are in bulkOutcomes.test.js.
const crypto = require('crypto');
const { useTalkdeskEnv } = require('./helpers');

describe('Talkdesk Campaigns node — record lists and DNC', () => {
	const env = useTalkdeskEnv(({ sim }) => sim.clearFaults());
	let list;
	beforeAll(() => {
		list = env.sim.state.lists[0];
	});

	const addParams = (extra = {}) => ({
		resource: 'recordList',
		operation: 'addRecords',
		recordListId: env.byId(list.id),
		phoneNumber: '={{$json.phone}}',
		phoneType: 'MOBILE',
		firstName: '={{$json.first}}',
		lastName: 'Lead',
		additionalFields: { priority: '={{$json.priority}}', timezone: 'America/Chicago', externalId: '={{$json.crm}}', externalProvider: 'crm', extraData: { fields: [{ name: 'plan', value: '={{$json.plan}}' }] } },
		...extra,
	});

	test('250 input records → 3 bulk calls of {"records": […]} (100/100/50), one output per input in order', async () => {
		const { h, sim, node } = env;
		const items = Array.from({ length: 250 }, (_, i) => ({ json: { phone: `+1 (312) 555-${String(i).padStart(4, '0')}`, first: `Lead ${i}`, priority: (i % 10) + 1, crm: `c-${i}`, plan: i % 2 ? 'gold' : 'silver' } }));
		const before = list.records.length;
		const r = await h.runNode(node(addParams()), items);
		expect(r.error).toBeUndefined();
		const bulks = sim.requests('POST', `/record-lists/${list.id}/records/bulks`);
		expect(bulks.map((b) => b.body.records.length)).toEqual([100, 100, 50]);
		expect(bulks.map((b) => b.status)).toEqual([201, 201, 201]);
		expect(bulks[0].body.records[0]).toEqual({ phone_numbers: [{ phone_number: '+13125550000', phone_type: 'MOBILE' }], first_name: 'Lead 0', last_name: 'Lead', priority: 1, timezone: 'America/Chicago', external_id: 'c-0', external_provider: 'crm', extra_data: { plan: 'silver' } });
		expect(r.out).toHaveLength(250);
		expect(r.out.map((o) => o.pairedItem.item)).toEqual(items.map((_, i) => i));
		expect(r.outJson.every((o) => o.status === 'created')).toBe(true);
		expect(r.outJson[11]).toMatchObject({ status: 'created', phone_number: '+13125550011', record_list_id: list.id });
		expect(r.outJson[11].id).toBe(r.outJson[11].record.id);
		expect(r.outJson[11].record.external_id).toBe('c-11');
		expect(list.records.length - before).toBe(250);
	});

	test('a 500 on a bulk add is not re-sent (no duplicate leads); Continue On Fail marks each record of that bulk', async () => {
		const { h, sim, node } = env;
		sim.injectFault({ kind: 'status', status: 500, match: (ctx) => ctx.method === 'POST' && /records\/bulks$/.test(ctx.path) });
		const items = Array.from({ length: 3 }, (_, i) => ({ json: { phone: `+1312555090${i}`, first: `F${i}`, priority: 1 } }));
		const r = await h.runNode(node(addParams(), { continueOnFail: true }), items);
		expect(sim.requests('POST', /records\/bulks$/)).toHaveLength(1);
		expect(r.outJson).toHaveLength(3);
		expect(r.outJson.every((o) => /Talkdesk had a server error \(500\)/.test(o.error))).toBe(true);
		expect(r.outJson[0].description).toMatch(/never re-sent/);
		// Reads are retried after a 503.
		sim.clearLedger();
		sim.injectFault({ kind: 'status', status: 503, headers: { 'retry-after': '0' }, match: (ctx) => ctx.method === 'GET' });
		const g = await h.runNode(node({ resource: 'recordList', operation: 'get', recordListId: env.byId(list.id) }));
		expect(g.outJson[0].id).toBe(list.id);
		expect(sim.requests('GET', `/record-lists/${list.id}`).map((e) => e.status)).toEqual([503, 200]);
	});

	test('Max Requests per Minute paces the bulk calls; Concurrency keeps output order', async () => {
		const { h, sim, node } = env;
		const items = Array.from({ length: 300 }, (_, i) => ({ json: { phone: `+1415777${String(i).padStart(4, '0')}`, first: `P${i}`, priority: 2 } }));
		const r = await h.runNode(node(addParams({ options: { maxPerMinute: 300, concurrency: 3 } })), items);
		expect(r.outJson.map((o) => o.phone_number)).toEqual(items.map((i) => i.json.phone));
		const starts = sim.requests('POST', /records\/bulks$/).map((e) => e.at);
		expect(starts).toHaveLength(3);
		// 300 per minute = one start every 200 ms.
		expect(starts[2] - starts[0]).toBeGreaterThanOrEqual(350);
	});

	test('bad phone numbers stop the run before any request (no country code, letters), naming item and field', async () => {
		const { h, sim, node } = env;
		const r = await h.runNode(node(addParams()), [{ json: { phone: '+13125550100', first: 'A', priority: 1 } }, { json: { phone: '+44 20 7946 0101', first: 'B', priority: 1 } }, { json: { phone: '312 555 0101', first: 'B', priority: 1 } }]);
		expect((r.error || r.nodeError).message).toBe('Item 3: Phone Number "312 555 0101" has no country code');
		const r2 = await h.runNode(node(addParams()), [{ json: { phone: '+13125550100', first: 'A', priority: 12 } }]);
		expect((r2.error || r2.nodeError).message).toBe('Item 1: Priority must be from 1 to 10 (got 12)');
		const r3 = await h.runNode(node(addParams({ additionalFields: { timezone: 'Mars/Olympus' } })), [{ json: { phone: '+13125550100', first: 'A' } }]);
		expect((r3.error || r3.nodeError).message).toMatch(/Item 1: Timezone "Mars\/Olympus" is not a time zone name/);
		expect(sim.ledger.filter((e) => e.path !== '/oauth/token')).toHaveLength(0);
	});

	test('Continue On Fail: invalid inputs become error items, valid ones are still sent in one bulk', async () => {
		const { h, sim, node } = env;
		const r = await h.runNode(node(addParams(), { continueOnFail: true }), [{ json: { phone: '+13125550200', first: 'A', priority: 1 } }, { json: { phone: 'abc', first: 'B', priority: 1 } }, { json: { phone: '+13125550202', first: 'C', priority: 1 } }]);
		expect(r.outJson.map((o) => o.status || 'error')).toEqual(['created', 'error', 'created']);
		expect(r.outJson[1].error).toMatch(/Item 2: Phone Number "abc" contains letters/);
		expect(sim.requests('POST', /records\/bulks$/)[0].body.records).toHaveLength(2);
	});

	test('Create From File: create (hex MD5 checksum) → PUT to signed URL (no Authorization, base64 Content-MD5) → PATCH validation; one result', async () => {
		const { h, sim, node } = env;
		const csv = 'phone_number,first_name,last_name,priority,timezone,plan\n+12135550301,Ana,Silva,3,America/Los_Angeles,gold\n+12135550302,Rui,Costa,4,America/Los_Angeles,silver\n';
		const data = Buffer.from(csv);
		const item = { json: {}, binary: { data: { data: data.toString('base64'), mimeType: 'text/csv', fileName: 'leads.csv' } } };
		const r = await h.runNode(node({ resource: 'recordList', operation: 'createFromFile', name: 'Imported leads', binaryPropertyName: 'data' }), [item]);
		expect(r.error).toBeUndefined();
		expect(r.outJson).toHaveLength(1);
		expect(r.outJson[0]).toMatchObject({ name: 'Imported leads', status: 'VALIDATION_STARTED', uploaded: true, validation_started: true });
		const hex = crypto.createHash('md5').update(data).digest('hex');
		const create = sim.requests('POST', '/record-lists')[0];
		expect(create.body).toEqual({ name: 'Imported leads', csv_metadata: { filename: 'leads.csv', byte_size: data.length, checksum: hex, content_type: 'text/csv' } });
		expect(hex).toMatch(/^[0-9a-f]{32}$/);
		const put = sim.requests('PUT', /^\/__uploads\//)[0];
		expect(put.authorization).toBeUndefined();
		expect(put.headers['content-md5']).toBe(crypto.createHash('md5').update(data).digest('base64'));
		expect(sim.state.lists.find((l) => l.id === r.outJson[0].id)).toMatchObject({ status: 'ACCEPTED' });
		expect(sim.state.lists.find((l) => l.id === r.outJson[0].id).records).toHaveLength(2);
		expect(put.status).toBe(200);
		expect(sim.requests('PATCH', `/record-lists/${r.outJson[0].id}`)[0].status).toBe(200);
		expect(sim.ledger.map((e) => e.method)).toEqual(['POST', 'PUT', 'PATCH']);
	});

	test('Create From File: missing binary or a non-CSV file is refused before any request', async () => {
		const { h, sim, node } = env;
		const r = await h.runNode(node({ resource: 'recordList', operation: 'createFromFile', name: 'x', binaryPropertyName: 'data' }), [{ json: {} }]);
		expect((r.error || r.nodeError).message).toBe('Item 1: Input Binary Field "data" has no file');
		const pdf = { json: {}, binary: { data: { data: Buffer.from('%PDF').toString('base64'), mimeType: 'application/pdf', fileName: 'a.pdf' } } };
		const r2 = await h.runNode(node({ resource: 'recordList', operation: 'createFromFile', name: 'x', binaryPropertyName: 'data' }), [pdf]);
		expect((r2.error || r2.nodeError).message).toMatch(/is not a CSV file/);
		expect(sim.ledger).toHaveLength(0);
	});

	test('Get Many / Get / Get Records (paginated past one page)', async () => {
		const { h, node, byId } = env;
		const lists = await h.runNode(node({ resource: 'recordList', operation: 'getMany', returnAll: true }));
		expect(lists.outJson.map((l) => l.id)).toContain(list.id);
		const one = await h.runNode(node({ resource: 'recordList', operation: 'get', recordListId: byId(list.id) }));
		expect(one.outJson[0]).toMatchObject({ id: list.id, name: 'Q1 renewals' });
		const recs = await h.runNode(node({ resource: 'recordList', operation: 'getRecords', recordListId: byId(list.id), returnAll: true }));
		expect(recs.outJson).toHaveLength(list.records.length);
		expect(list.records.length).toBeGreaterThan(250);
		expect(env.sim.requests('GET', `/record-lists/${list.id}/records`).length).toBe(Math.ceil(list.records.length / 250));
	});

	test('Update Record sends JSON-patch ops; 404 names the record', async () => {
		const { h, sim, node, byId } = env;
		const rec = list.records[0];
		const r = await h.runNode(node({ resource: 'recordList', operation: 'updateRecord', recordListId: byId(list.id), recordId: rec.id, updateFields: { priority: 9, firstName: 'Ana Maria', extraData: { fields: [{ name: 'plan', value: 'platinum' }] }, phoneNumbers: { phones: [{ phoneNumber: '+1 213 555 9999', phoneType: 'HOME' }] } } }));
		expect(r.outJson[0]).toMatchObject({ id: rec.id, priority: 9, first_name: 'Ana Maria', extra_data: { plan: 'platinum' }, phone_numbers: [{ phone_number: '+12135559999', phone_type: 'HOME' }] });
		expect(sim.requests('PATCH', /\/records\//)[0].body).toEqual([
			{ op: 'replace', path: '/first_name', value: 'Ana Maria' },
			{ op: 'replace', path: '/priority', value: 9 },
			{ op: 'add', path: '/extra_data/plan', value: 'platinum' },
			{ op: 'replace', path: '/phone_numbers', value: [{ phone_number: '+12135559999', phone_type: 'HOME' }] },
		]);
		const nf = await h.runNode(node({ resource: 'recordList', operation: 'updateRecord', recordListId: byId(list.id), recordId: 'gone', updateFields: { priority: 2 } }));
		expect((nf.error || nf.nodeError).message).toMatch(/Talkdesk has no record "gone" in list/);
		const empty = await h.runNode(node({ resource: 'recordList', operation: 'updateRecord', recordListId: byId(list.id), recordId: rec.id, updateFields: {} }));
		expect((empty.error || empty.nodeError).message).toBe('Item 1: Update Fields has nothing to change');
	});

	test('Delete Records by id, phone number and external id in one bulk; an unknown id is an error item', async () => {
		const { h, sim, node, byId } = env;
		const [a, b, c] = list.records.slice(1, 4);
		const items = [
			{ json: { by: 'id', v: a.id } },
			{ json: { by: 'phoneNumber', v: b.phone_numbers[0].phone_number } },
			{ json: { by: 'externalId', v: c.external_id } },
			{ json: { by: 'id', v: 'nope' } },
		];
		const params = { resource: 'recordList', operation: 'deleteRecords', recordListId: byId(list.id), deleteBy: '={{$json.by}}', recordId: '={{$json.v}}', phoneNumber: '={{$json.v}}', externalId: '={{$json.v}}', externalProvider: '={{$json.by === "externalId" ? "crm" : ""}}' };
		const r = await h.runNode(node(params, { continueOnFail: true }), items);
		expect(r.outJson.map((o) => o.deleted ?? 'error')).toEqual([true, true, true, 'error']);
		expect(r.outJson[3].error).toBe(`Talkdesk did not delete record "nope" from list "${list.id}"`);
		expect(sim.requests('DELETE', /records\/bulks$/)).toHaveLength(1);
		expect(sim.requests('DELETE', /records\/bulks$/)[0].body).toEqual([{ id: a.id }, { phone_number: b.phone_numbers[0].phone_number }, { external_provider: 'crm', external_id: c.external_id }, { id: 'nope' }]);
	});

	test('DNC: Check Numbers batches 150 inputs into 3 queries of 50 and flags listed ones; Add Entry; Get Entries', async () => {
		const { h, sim, node, byId } = env;
		const dnc = sim.state.dnc[0];
		const items = Array.from({ length: 150 }, (_, i) => ({ json: { phone: i === 7 ? '+1 213 555 0100' : `+1213666${String(i).padStart(4, '0')}` } }));
		const r = await h.runNode(node({ resource: 'doNotCallList', operation: 'checkNumbers', dncListId: byId(dnc.id), phoneNumber: '={{$json.phone}}', timezone: 'America/New_York' }), items);
		expect(sim.requests('POST', /entries\/queries$/).map((q) => q.body.phone_numbers.length)).toEqual([50, 50, 50]);
		expect(r.outJson).toHaveLength(150);
		expect(r.outJson.filter((o) => o.listed).map((o) => o.phone_number)).toEqual(['+12135550100']);
		expect(r.outJson[7].entry.reason).toBe('Customer request');
		const add = await h.runNode(node({ resource: 'doNotCallList', operation: 'addEntry', dncListId: byId(dnc.id), phoneNumber: '(213) 555-0199'.replace('(', '+1 ('), additionalFields: { expirationDate: '2031-06-30T00:00:00.000Z', reason: 'Asked by phone' } }));
		expect(add.outJson[0]).toMatchObject({ phone_number: '+12135550199', expiration_date: '2031-06-30', reason: 'Asked by phone' });
		const entries = await h.runNode(node({ resource: 'doNotCallList', operation: 'getEntries', dncListId: byId(dnc.id), returnAll: true }));
		expect(entries.outJson.map((e) => e.phone_number)).toContain('+12135550199');
		const lists = await h.runNode(node({ resource: 'doNotCallList', operation: 'getMany', returnAll: true }));
		expect(lists.outJson[0]).toMatchObject({ id: dnc.id, name: 'Global DNC' });
		const bad = await h.runNode(node({ resource: 'doNotCallList', operation: 'addEntry', dncListId: byId(dnc.id), phoneNumber: '+12135550111', additionalFields: { expirationDate: '2031-02-30' } }));
		expect((bad.error || bad.nodeError).message).toMatch(/Item 1: Expiration Date is not a real calendar date/);
	});
});
