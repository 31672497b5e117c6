'use strict';
// The shared vendor client reads the credential once per node run (n8n decrypts it on every read), for all three
// vendors, through the real engine: 20 items, 20 requests, one read. The count is taken where n8n's execution
// context's getCredentials (and n8n's own per-request read, when a node hands over no credential) ends up: the
// credentials helper's getDecrypted.
const { startVendor, rl } = require('../reliability/env');

const ITEMS = 20;
const phone = (run, k) => `+1213556${String(1000 + run * 100 + k)}`;

const CASES = {
	talkdesk: {
		params: () => ({ resource: 'campaign', operation: 'get', campaignId: rl('={{$json.id}}') }),
		items: (env) => env.sim.state.campaigns.slice(0, ITEMS).map((c) => ({ json: { id: c.id } })),
		sent: (env) => env.sim.requests('GET', /^\/campaigns\/[^/]+$/).length,
	},
	qvoice: {
		params: (env) => ({ resource: 'lead', operation: 'add', campaign: rl(env.sim.campaignIds[1]), number: '={{$json.phone}}', options: { concurrency: 5 } }),
		items: (env, run) => Array.from({ length: ITEMS }, (_, k) => ({ json: { phone: phone(run, k) } })),
		sent: (env) => env.sim.requests('PUT', /\/lead$/).length,
	},
	talkover: {
		params: (env) => ({
			resource: 'campaignCall',
			operation: 'add',
			campaignId: rl(env.sim.state.campaigns.find((c) => c.status === 'active').id),
			phoneNumber: '={{$json.phone}}',
			options: { concurrency: 5 },
		}),
		items: (env, run) => Array.from({ length: ITEMS }, (_, k) => ({ json: { phone: phone(run, k) } })),
		sent: (env) => env.sim.requests('POST', /\/call$/).length,
	},
};

describe.each(Object.keys(CASES))('%s client', (vendor) => {
	let env;
	const c = CASES[vendor];
	beforeAll(async () => {
		env = await startVendor(vendor);
	});
	afterAll(() => env.stop());

	test(`${ITEMS} items ⇒ ${ITEMS} requests and 1 credential read per run`, async () => {
		const reads = jest.spyOn(env.h.credentialsHelper, 'getDecrypted');
		try {
			for (const run of [1, 2]) {
				reads.mockClear();
				env.sim.clearLedger();
				const r = await env.h.runNode(env.node(c.params(env)), c.items(env, run));
				expect(r.error).toBeUndefined();
				expect(r.outJson).toHaveLength(ITEMS);
				expect(r.outJson.filter((o) => o.error)).toEqual([]);
				expect(c.sent(env)).toBe(ITEMS);
				expect({ run, reads: reads.mock.calls.filter(([, , type]) => type === env.h.store.get(env.cid).type).length }).toEqual({ run, reads: 1 });
			}
		} finally {
			reads.mockRestore();
		}
	});
});
