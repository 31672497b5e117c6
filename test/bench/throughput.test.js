// Throughput options on QVOICE Set Status and Delete, through the engine against the simulator: Concurrency really
// runs requests side by side (over the vendor's limit it meets 429s), the node then waits for Retry-After and every
// item still succeeds exactly once, one output per input, in order, with pairedItem.
const qvoice = require('../simulators/qvoice');
const { createHarness } = require('../harness/engine');
const { Qvoice } = require('../../nodes/Qvoice/Qvoice.node');
const { QvoiceApi } = require('../../credentials/QvoiceApi.credentials');

let sim;
let h;
let cred;
beforeAll(async () => {
	sim = qvoice.create({ bigCampaignLeads: 40 });
	const url = await sim.start();
	h = createHarness({ nodes: [Qvoice], credentials: [QvoiceApi] });
	cred = h.addCredential('qvoiceApi', qvoice.demoCredentials(url));
});
afterAll(() => sim.stop());
beforeEach(() => {
	sim.clearLedger();
	sim.setRateLimit(null);
	sim.setLatency(0);
});

const node = (parameters) => ({ type: 'qvoice', parameters: { resource: 'lead', ...parameters }, credentials: h.credentialRef('qvoiceApi', cred) });
const items = (ids) => ids.map((id) => ({ json: { id } }));

test('Set Status: Concurrency within the vendor limit sends side by side with no 429', async () => {
	const ids = sim.leadsOf(sim.bigCampaignId).slice(0, 9).map((l) => l.id);
	sim.setLatency(40);
	sim.setRateLimit({ maxInFlight: 3 });
	const r = await h.runNode(node({ operation: 'setStatus', leadId: '={{ $json.id }}', status: 'failed', options: { concurrency: 3 } }), items(ids));
	expect(r.error).toBeUndefined();
	expect(r.outJson.map((j) => j.lead_id)).toEqual(ids);
	expect(r.out.map((i) => i.pairedItem)).toEqual(ids.map((_, i) => ({ item: i })));
	const sent = sim.requests('POST', /\/status\/failed$/);
	expect(sent).toHaveLength(9);
	expect(sent.every((e) => e.status === 200)).toBe(true);
	for (const id of ids) expect(sim.state.leads.get(id).status).toBe('failed');
});

test('Set Status: Concurrency over the vendor limit meets 429s, waits for Retry-After, every item succeeds once', async () => {
	const ids = sim.leadsOf(sim.bigCampaignId).slice(10, 18).map((l) => l.id);
	sim.setLatency(40);
	sim.setRateLimit({ maxInFlight: 2 });
	const r = await h.runNode(node({ operation: 'setStatus', leadId: '={{ $json.id }}', status: 'success', options: { concurrency: 6 } }), items(ids));
	expect(r.error).toBeUndefined();
	const sent = sim.requests('POST', /\/status\/success$/);
	expect(sent.some((e) => e.status === 429)).toBe(true);
	for (const id of ids) expect(sent.filter((e) => e.path.includes(id) && e.status === 200)).toHaveLength(1);
	expect(r.outJson.map((j) => [j.lead_id, j.success])).toEqual(ids.map((id) => [id, true]));
});

test('Delete: Concurrency over the limit still deletes each lead exactly once, outputs in input order', async () => {
	const ids = sim.leadsOf(sim.bigCampaignId).slice(20, 28).map((l) => l.id);
	sim.setLatency(40);
	sim.setRateLimit({ maxInFlight: 2 });
	const r = await h.runNode(node({ operation: 'delete', leadId: '={{ $json.id }}', options: { concurrency: 5 } }), items(ids));
	expect(r.error).toBeUndefined();
	const sent = sim.requests('DELETE', /\/leads\//);
	expect(sent.some((e) => e.status === 429)).toBe(true);
	for (const id of ids) {
		expect(sent.filter((e) => e.path.endsWith(id) && e.status === 200)).toHaveLength(1);
		expect(sim.state.leads.has(id)).toBe(false);
	}
	expect(r.outJson.map((j) => j.lead_id)).toEqual(ids);
	expect(r.out.map((i) => i.pairedItem.item)).toEqual(ids.map((_, i) => i));
});

test('Set Status: a Concurrency outside 1–20 is refused before any request', async () => {
	const r = await h.runNode(node({ operation: 'setStatus', leadId: 'abc', status: 'new', options: { concurrency: 50 } }), items(['x']));
	expect(r.error).toBeDefined();
	expect(r.error.message).toMatch(/Concurrency/);
	expect(sim.ledger).toHaveLength(0);
});
