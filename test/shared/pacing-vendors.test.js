// The same pacing machinery for QVOICE and Talkdesk pooled operations, through the real engine: when the vendor
// sends rate-limit headers, bulk runs stay inside the budget (no 429 even received); without headers, 429 +
// Retry-After is ridden out with nothing surfaced. Budgets are per simulator window (ms), not real minutes.
const qvoice = require('../simulators/qvoice');
const { createHarness } = require('../harness/engine');
const { Qvoice } = require('../../nodes/Qvoice/Qvoice.node');
const { QvoiceApi } = require('../../credentials/QvoiceApi.credentials');
const talkdeskHelpers = require('../talkdesk/helpers');

const LEAD_ADD = /^\/api\/v2\/config\/campaigns\/[^/]+\/lead$/;

function perWindowMax(entries) {
	const m = new Map();
	for (const e of entries) m.set(e.window, (m.get(e.window) || 0) + 1);
	return Math.max(...m.values());
}

describe('QVOICE Add Lead', () => {
	let sim;
	let h;
	let cid;
	beforeEach(async () => {
		sim = qvoice.create();
		const base = await sim.start();
		h = createHarness({ nodes: [Qvoice], credentials: [QvoiceApi] });
		cid = h.addCredential('qvoiceApi', qvoice.demoCredentials(base));
	});
	afterEach(() => sim.stop());
	const add = (campaign, options) => ({ type: 'qvoice', credentials: h.credentialRef('qvoiceApi', cid), parameters: { resource: 'lead', operation: 'add', campaign: { __rl: true, mode: 'id', value: campaign }, number: '={{$json.phone}}', options } });

	test.each(['x-ratelimit', 'ratelimit'])('60 leads, 20 per 1 s window, %s headers: 0 × 429, each lead once', async (headers) => {
		const campaign = sim.campaignIds[4];
		const before = sim.leadsOf(campaign).length;
		sim.setRateLimit({ windowMs: 1000, max: 20, headers });
		const items = Array.from({ length: 60 }, (_, k) => ({ json: { phone: `+1213555${String(2000 + k)}` } }));
		const r = await h.runNode(add(campaign, { concurrency: 5 }), items);
		expect(r.error || r.nodeError).toBeUndefined();
		expect(r.outJson.map((o) => o.number)).toEqual(items.map((i) => i.json.phone));
		const sent = sim.requests('PUT', LEAD_ADD);
		// The login request counts in the same budget: the lead requests alone may use one less in its window.
		expect(sent.filter((e) => e.status === 429)).toHaveLength(0);
		expect(perWindowMax(sim.ledger.filter((e) => e.window !== undefined))).toBeLessThanOrEqual(20);
		expect(sim.leadsOf(campaign).length).toBe(before + 60);
	});
});

describe('Talkdesk Add Records (bulks)', () => {
	let env;
	beforeEach(async () => {
		env = await talkdeskHelpers.setup();
	});
	afterEach(() => env.sim.stop());

	test('700 records = 7 bulks, 2 requests per 1 s window with RateLimit-* headers: 0 × 429, each record once', async () => {
		const { h, sim, node } = env;
		const list = sim.state.lists[0];
		const before = list.records.length;
		sim.setRateLimit({ windowMs: 1000, max: 2, headers: 'ratelimit' });
		const items = Array.from({ length: 700 }, (_, i) => ({ json: { phone: `+1415778${String(i).padStart(4, '0')}` } }));
		const r = await h.runNode(
			node({ resource: 'recordList', operation: 'addRecords', recordListId: env.byId(list.id), phoneNumber: '={{$json.phone}}', phoneType: 'MOBILE', firstName: 'A', lastName: 'B', additionalFields: { firstName: 'A', lastName: 'B' }, options: { concurrency: 3 } }),
			items,
		);
		expect(r.error || r.nodeError).toBeUndefined();
		expect(r.outJson).toHaveLength(700);
		const bulks = sim.requests('POST', /records\/bulks$/);
		expect(bulks.filter((e) => e.status === 429)).toHaveLength(0);
		expect(bulks.filter((e) => e.status === 201)).toHaveLength(7);
		expect(perWindowMax(sim.ledger.filter((e) => e.window !== undefined))).toBeLessThanOrEqual(2);
		expect(list.records.length).toBe(before + 700);
	});
});
