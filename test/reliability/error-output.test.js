// n8n's error output and "nothing sent after a stop", through the real engine (n8n-core WorkflowExecute) against the
// simulators. Workflow: Leads (items) → action node → output 0 "Succeeded", output 1 "Failed".
// n8n routes an item to the error output only when `item.error` is set (or its json keys are only
// error/message/details): n8n-core WorkflowExecute.handleNodeErrorOutput. These tests fail if a failed item leaves
// on output 0 with "Continue (using error output)", or if any request reaches the simulator after a stop.
const { startVendor, rl } = require('./env');

function workflow(env, params, onError) {
	const action = { id: 'a', name: 'Action', position: [200, 0], typeVersion: 1, ...env.node(params), ...(onError ? { onError } : {}) };
	return {
		nodes: [
			{ id: 'l', name: 'Leads', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			action,
			{ id: 's', name: 'Succeeded', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [400, 0], parameters: {} },
			{ id: 'f', name: 'Failed', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [400, 200], parameters: {} },
		],
		connections: {
			Leads: { main: [[{ node: 'Action', type: 'main', index: 0 }]] },
			Action: { main: [[{ node: 'Succeeded', type: 'main', index: 0 }], [{ node: 'Failed', type: 'main', index: 0 }]] },
		},
	};
}

const ok = (n) => `+1312555${String(n).padStart(4, '0')}`;
const refusedBy = (numberOf, number) => (ctx) => numberOf(ctx) === number;

/**
 * One case per executor path and vendor. Items: #1 valid, #2 bad phone (refused before sending), #3 refused by the
 * vendor (injected 4xx for that number), #4 valid. `identity` = fields the error item must name.
 */
const CASES = [
	{
		name: 'Talkover Campaign Call: Add (per item, paced pool)',
		vendor: 'talkover',
		params: (env) => ({ resource: 'campaignCall', operation: 'add', campaignId: rl(env.sim.state.campaigns.find((c) => c.status === 'active').id), phoneNumber: '={{$json.phone}}', options: { duplicates: 'allow', maxPerMinute: 0 } }),
		sentPath: /\/call$/,
		numberOf: (ctx) => ctx.body && ctx.body.to,
		identity: (env, number) => ({ phoneNumber: number, campaignId: env.sim.state.campaigns.find((c) => c.status === 'active').id }),
	},
	{
		name: 'QVOICE Lead: Add (per item, pool)',
		vendor: 'qvoice',
		simOptions: { bigCampaignLeads: 5 },
		params: (env) => ({ resource: 'lead', operation: 'add', campaign: rl(env.sim.campaignIds[1]), number: '={{$json.phone}}' }),
		sentPath: /\/lead$/,
		numberOf: (ctx) => ctx.body && ctx.body.number,
		identity: (env, number) => ({ phoneNumber: number, campaignId: String(env.sim.campaignIds[1]) }),
	},
	{
		name: 'Talkdesk Do-Not-Call List: Add Entry (per item)',
		vendor: 'talkdesk',
		params: (env) => ({ resource: 'doNotCallList', operation: 'addEntry', dncListId: rl(env.sim.state.dnc[0].id), phoneNumber: '={{$json.phone}}' }),
		sentPath: /\/do-not-call-lists\/[^/]+\/entries$/,
		numberOf: (ctx) => ctx.body && ctx.body.phone_number,
		identity: (env, number) => ({ phoneNumber: number, doNotCallListId: env.sim.state.dnc[0].id }),
	},
	{
		name: 'Talkdesk Record List: Add Records (batched)',
		vendor: 'talkdesk',
		batched: true,
		params: (env) => ({ resource: 'recordList', operation: 'addRecords', recordListId: rl(env.sim.state.lists[0].id), phoneNumber: '={{$json.phone}}', phoneType: 'MOBILE', firstName: 'Ana', lastName: 'Lima' }),
		sentPath: /\/records\/bulks$/,
		identity: (env, number) => ({ phoneNumber: number, recordListId: env.sim.state.lists[0].id }),
	},
];

let run = 0;
const inputs = () => {
	run++;
	return [ok(run * 10 + 1), '2135550123', ok(run * 10 + 3), ok(run * 10 + 4)].map((phone, i) => ({ json: { phone, crm_id: `L-${i + 1}` } }));
};

describe.each(CASES)('$name', (c) => {
	let env;
	beforeAll(async () => {
		env = await startVendor(c.vendor, c.simOptions || {});
	});
	afterAll(async () => {
		await env.stop();
	});
	const injectVendorRefusal = () => {
		env.sim.clearLedger();
		env.sim.clearFaults();
		if (c.batched) return; // batched: the bad-phone item is the failure (the bulk answer has its own tests)
		env.sim.injectFault({ kind: 'status', status: 422, count: 1, match: refusedBy(c.numberOf, ok((run + 1) * 10 + 3)), body: { message: 'Refused for this test', code: 'INVALID' } });
	};

	test('Continue (using error output): failed items leave on the error output with error text, http code and what they were for', async () => {
		injectVendorRefusal();
		const r = await env.h.run(workflow(env, c.params(env), 'continueErrorOutput'), { items: inputs() });
		expect(r.error).toBeUndefined();
		const succeeded = r.json('Succeeded');
		const failed = r.json('Failed');
		const failedCrm = c.batched ? ['L-2'] : ['L-2', 'L-3'];
		// Nothing failed on output 0: success → "mark as added" never sees a failure.
		for (const j of succeeded) expect(j).not.toHaveProperty('error');
		expect(succeeded).toHaveLength(4 - failedCrm.length);
				expect(failed.map((j) => j.crm_id)).toEqual(failedCrm); // the input item's own fields travel along
		expect(failed[0].error).toMatch(/^Item 2: Phone Number "2135550123" has no country code/);
		expect(failed[0].details.description).toMatch(/Default Country/);
		expect(failed[0].details.item).toBe(2);
		expect(failed[0].phone).toBe('2135550123');
		if (!c.batched) {
			expect(failed[1].error).toMatch(/Refused for this test|422|rejected|invalid/i);
			expect(String(failed[1].details.httpCode)).toBe('422');
			expect(failed[1].details).toMatchObject(c.identity(env, ok(run * 10 + 3)));
			expect(failed[1].phone).toBe(ok(run * 10 + 3));
		}
		const items = r.nodes.Action.outputs;
		expect(items).toHaveLength(2);
		expect(items[1].map((i) => i.pairedItem.item)).toEqual(c.batched ? [1] : [1, 2]);
	});

	test('Continue (regular output): one item per input on output 0, failures as today ({ error, description, httpCode })', async () => {
		injectVendorRefusal();
		const r = await env.h.run(workflow(env, c.params(env), 'continueRegularOutput'), { items: inputs() });
		expect(r.error).toBeUndefined();
		const out = r.json('Succeeded');
		expect(out).toHaveLength(4);
		expect(r.json('Failed') || []).toHaveLength(0);
		expect(Object.keys(out[1]).sort()).toEqual(['description', 'error']);
		expect(out[1].error).toMatch(/^Item 2: Phone Number/);
		if (!c.batched) {
			expect(Object.keys(out[2]).every((k) => ['error', 'description', 'httpCode'].includes(k))).toBe(true);
			expect(String(out[2].httpCode)).toBe('422');
		}
		expect(out[0]).not.toHaveProperty('error');
	});
});

// ---- Stop Workflow: nothing starts after the failure ------------------------------------------------------------

/**
 * After the failed request's answer left the simulator, only requests the node had already started may arrive:
 * at most concurrency − 1 (the rest of the pool). Before the fix, every remaining item kept coming.
 */
function assertNothingStartedAfter(ledger, failedAt, concurrency) {
	const late = ledger.filter((e) => e.at > failedAt);
	expect(late.length).toBeLessThanOrEqual(concurrency - 1);
}

describe('Stop Workflow (default): no request starts after the first failure; the error lists what was done', () => {
	test('Talkover Campaign Call: Add, Concurrency 5, no pacing: vendor refuses contact 3 of 20', async () => {
		const env = await startVendor('talkover');
		try {
			const campaign = env.sim.state.campaigns.find((c) => c.status === 'active').id;
			env.sim.setLatency(30);
			env.sim.injectFault({ kind: 'status', status: 422, count: 1, match: (ctx) => ctx.body && ctx.body.to === ok(3), body: { success: false, message: 'Refused for this test' } });
			const items = Array.from({ length: 20 }, (_, i) => ({ json: { phone: ok(i + 1) } }));
			const r = await env.h.runNode(env.node({ resource: 'campaignCall', operation: 'add', campaignId: rl(campaign), phoneNumber: '={{$json.phone}}', options: { concurrency: 5, maxPerMinute: 0, duplicates: 'allow' } }), items);
			const err = r.error || r.nodeError;
			expect(err.message).toMatch(/Refused for this test|422/);
			const calls = env.sim.requests('POST', /\/call$/);
			const failed = calls.find((e) => e.body.to === ok(3));
			assertNothingStartedAfter(calls, failed.answeredAt, 5);
			expect(calls.length).toBeLessThan(20);
			const sentOk = calls.filter((e) => e !== failed && e.status !== 422).map((e) => Number(e.body.to.slice(-4)));
			// The description names exactly the items that were sent and succeeded (a re-run would repeat them).
			expect(err.description).toMatch(/were already sent and succeeded: re-running them would send them again/);
			const listed = /Items? ([\d–, ]+) (?:was|were) already sent/.exec(err.description)[1];
			const expand = (text) => text.split(', ').flatMap((p) => { const [a, b] = p.split('–').map(Number); return b ? Array.from({ length: b - a + 1 }, (_, k) => a + k) : [a]; });
			expect(expand(listed).sort((a, b) => a - b)).toEqual(sentOk.sort((a, b) => a - b));
			expect(err.description).toMatch(/not sent/);
		} finally {
			await env.stop();
		}
	});

	test('Talkover Campaign Call: Add, paced (default 90/min): requests waiting for their slot are not sent after the failure', async () => {
		const env = await startVendor('talkover');
		try {
			const campaign = env.sim.state.campaigns.find((c) => c.status === 'active').id;
			env.sim.injectFault({ kind: 'status', status: 422, count: 1, match: (ctx) => ctx.body && ctx.body.to === ok(2), body: { success: false, message: 'Refused for this test' } });
			const items = Array.from({ length: 6 }, (_, i) => ({ json: { phone: ok(i + 1) } }));
			const r = await env.h.runNode(env.node({ resource: 'campaignCall', operation: 'add', campaignId: rl(campaign), phoneNumber: '={{$json.phone}}', options: { concurrency: 5, maxPerMinute: 600, duplicates: 'allow' } }), items);
			expect((r.error || r.nodeError).message).toMatch(/Refused for this test|422/);
			const calls = env.sim.requests('POST', /\/call$/);
			const failed = calls.find((e) => e.body.to === ok(2));
			assertNothingStartedAfter(calls, failed.answeredAt, 1);
			expect(calls.map((e) => e.body.to)).toEqual([ok(1), ok(2)]);
		} finally {
			await env.stop();
		}
	});

	test('QVOICE Lead: Add: a bad number at item 4 stops the run; items before it are reported, nothing after it is sent', async () => {
		const env = await startVendor('qvoice', { bigCampaignLeads: 5 });
		try {
			env.sim.setLatency(20);
			const items = [ok(1), ok(2), ok(3), 'not a phone', ok(5), ok(6)].map((phone) => ({ json: { phone } }));
			const start = Date.now();
			const r = await env.h.runNode(env.node({ resource: 'lead', operation: 'add', campaign: rl(env.sim.campaignIds[1]), number: '={{$json.phone}}', options: { concurrency: 5 } }), items);
			const err = r.error || r.nodeError;
			expect(err.message).toMatch(/^Item 4: Phone Number "not a phone" contains letters/);
			const sent = env.sim.requests(null, /\/lead$/).map((e) => e.body.number);
			expect(sent).not.toContain(ok(5));
			expect(sent).not.toContain(ok(6));
			expect(start).toBeLessThan(Date.now());
			if (sent.length) expect(err.description).toMatch(/already sent and succeeded/);
						expect(err.description).toMatch(/5–6 were not sent/);
		} finally {
			await env.stop();
		}
	});

	test('Talkdesk Record List: Add Records (batched): a refused bulk stops the run, later batches are not sent', async () => {
		const env = await startVendor('talkdesk');
		try {
			const list = env.sim.state.lists[0].id;
			env.sim.injectFault({ kind: 'status', status: 400, count: 1, match: (ctx) => ctx.method === 'POST' && /\/records\/bulks$/.test(ctx.path), body: { code: '0000', message: 'Refused for this test' } });
			const items = Array.from({ length: 250 }, (_, i) => ({ json: { phone: ok(i + 1) } }));
			const r = await env.h.runNode(env.node({ resource: 'recordList', operation: 'addRecords', recordListId: rl(list), phoneNumber: '={{$json.phone}}', phoneType: 'MOBILE', firstName: 'Ana', lastName: 'Lima' }), items);
			expect((r.error || r.nodeError).message).toMatch(/Refused for this test|400/);
			const bulks = env.sim.requests('POST', /\/records\/bulks$/);
			expect(bulks).toHaveLength(1); // the first batch goes alone; after its refusal nothing else starts
			expect((r.error || r.nodeError).description).toMatch(/Items 101–250 were not sent/);
		} finally {
			await env.stop();
		}
	});
});
