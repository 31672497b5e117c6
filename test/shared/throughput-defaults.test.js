// The default Concurrency is a ceiling the adaptive pool actually grows into (issue 14.2): with defaults, Add Lead
// on a portal that refuses more than 10 requests in flight (429 + Retry-After beyond) goes past the AIMD start of 4
// and the old default of 5, and never past the cap. Plus: one throughput-options builder serves every pooled operation.
const qvoice = require('../simulators/qvoice');
const { createHarness } = require('../harness/engine');
const { Qvoice } = require('../../nodes/Qvoice/Qvoice.node');
const { Talkover } = require('../../nodes/Talkover/Talkover.node');
const { TalkdeskCampaigns } = require('../../nodes/Talkdesk/TalkdeskCampaigns.node');
const { QvoiceApi } = require('../../credentials/QvoiceApi.credentials');
const { QVOICE_THROUGHPUT, TALKDESK_THROUGHPUT, TALKOVER_THROUGHPUT } = require('../../nodes/shared/fields');

const LEAD_ADD = /^\/api\/v2\/config\/campaigns\/[^/]+\/lead$/;
const PORTAL_CAP = 10;

/** Most requests the simulator held at once, from each request's arrival and the moment its answer left. */
function maxInFlight(entries) {
	const events = [];
	for (const e of entries) events.push([e.at, 1], [e.answeredAt ?? e.at, -1]);
	// An answer that left in the same millisecond as another request arrived is counted as gone first.
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let now = 0;
	let peak = 0;
	for (const [, d] of events) peak = Math.max(peak, (now += d));
	return peak;
}

describe('default Concurrency ceiling (engine, QVOICE simulator capped at 10 in flight)', () => {
	let sim;
	let base;
	beforeAll(async () => {
		sim = qvoice.create({ bigCampaignLeads: 20 });
		base = await sim.start();
	});
	afterAll(() => sim.stop());

	test('Add Lead ×200 with default options grows past 5 in flight, never past the cap, no 429, every lead created once', async () => {
		const h = createHarness({ nodes: [Qvoice], credentials: [QvoiceApi] });
		const cid = h.addCredential('qvoiceApi', qvoice.demoCredentials(base));
		const campaign = sim.campaignIds[3];
		const items = Array.from({ length: 200 }, (_, k) => ({ json: { phone: `+1213557${String(k).padStart(4, '0')}` } }));
		sim.clearLedger();
		sim.setLatency(20);
		sim.setRateLimit({ maxInFlight: PORTAL_CAP });
		try {
			const r = await h.runNode(
				{ type: 'qvoice', parameters: { resource: 'lead', operation: 'add', campaign: { __rl: true, mode: 'id', value: campaign }, number: '={{$json.phone}}' }, credentials: h.credentialRef('qvoiceApi', cid) },
				items,
			);
			expect(r.error).toBeUndefined();
			expect(r.outJson.map((o) => o.number)).toEqual(items.map((i) => i.json.phone));
			const sent = sim.ledger.filter((e) => LEAD_ADD.test(e.path));
			expect(sent.filter((e) => e.status === 429)).toHaveLength(0);
			expect(sent).toHaveLength(200);
			const peak = maxInFlight(sent);
			expect(peak).toBeGreaterThan(5);
			expect(peak).toBeLessThanOrEqual(PORTAL_CAP);
			const numbers = sim.leadsOf(campaign).map((l) => l.number);
			for (const { json } of items) expect(numbers.filter((n) => n === json.phone)).toHaveLength(1);
		} finally {
			sim.setLatency(0);
			sim.setRateLimit(null);
		}
	});
});

describe('throughput options: one builder, per-vendor defaults', () => {
	/** Every Concurrency / Max Requests per Minute property a node shows, with the operation it belongs to. */
	function throughputFields(node) {
		const found = [];
		for (const p of node.description.properties) {
			for (const o of p.options || []) {
				if (o.name === 'concurrency' || o.name === 'maxPerMinute') found.push({ op: JSON.stringify(p.displayOptions), field: o });
			}
		}
		return found;
	}

	test.each([
		['QVOICE', new Qvoice(), QVOICE_THROUGHPUT, 3],
		['Talkover', new Talkover(), TALKOVER_THROUGHPUT, 1],
		['Talkdesk', new TalkdeskCampaigns(), TALKDESK_THROUGHPUT, 8],
	])('%s: every pooled operation shows the vendor default ceiling, described as a maximum', (_vendor, node, defaults, operations) => {
		const fields = throughputFields(node);
		const concurrency = fields.filter((f) => f.field.name === 'concurrency');
		expect(concurrency.length).toBeGreaterThanOrEqual(operations);
		expect(fields.filter((f) => f.field.name === 'maxPerMinute')).toHaveLength(concurrency.length);
		for (const { field } of concurrency) {
			expect(field.default).toBe(defaults.concurrency);
			expect(field.typeOptions.maxValue).toBe(defaults.maxConcurrency);
			expect(field.description).toMatch(/^Maximum requests at the same time .*starts lower and adapts/);
		}
	});

	test('defaults: QVOICE reaches the 10-in-flight portal cap, Talkover paces by the credential plan', () => {
		expect(QVOICE_THROUGHPUT.concurrency).toBeGreaterThanOrEqual(PORTAL_CAP);
		expect(TALKOVER_THROUGHPUT.maxPerMinute).toBe(0);
		expect(TALKOVER_THROUGHPUT.maxPerMinuteDescription).toMatch(/plan set in the Talkover credential/);
	});
});
