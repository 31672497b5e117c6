// Talkover action node version 2 renamed the "Get Many" operations from getAll to getMany (as QVOICE and Talkdesk
// name them). Workflows saved with version 1 must keep working: same parameters, same requests, same output.
const fs = require('fs');
const path = require('path');
const { NodeHelpers } = require('n8n-workflow');
const { createHarness } = require('../harness/engine');
const talkover = require('../simulators/talkover');
const { Talkover } = require('../../nodes/Talkover/Talkover.node');
const { TalkoverApi } = require('../../credentials/TalkoverApi.credentials');
const { Qvoice } = require('../../nodes/Qvoice/Qvoice.node');
const { TalkdeskCampaigns } = require('../../nodes/Talkdesk/TalkdeskCampaigns.node');

let sim;
let h;
let cred;

beforeEach(async () => {
	sim = talkover.create({ webhookRetryDelayMs: 20 });
	const url = await sim.start();
	h = createHarness({ nodes: [Talkover], credentials: [TalkoverApi] });
	cred = h.addCredential('talkoverApi', talkover.demoCredentials(url));
});
afterEach(() => sim.stop());

const node = (typeVersion, parameters) => ({ type: 'talkover', typeVersion, parameters, credentials: h.credentialRef('talkoverApi', cred) });

/** Runs the node and returns its output and the list requests it sent (path + query). */
async function listRun(typeVersion, parameters) {
	const before = sim.requests('GET', /./).length;
	const r = await h.runNode(node(typeVersion, parameters));
	expect(r.error || r.nodeError).toBeUndefined();
	const sent = sim.requests('GET', /./).slice(before).map((q) => `${q.path}?${new URLSearchParams(q.query).toString()}`);
	return { out: r.outJson, sent };
}

const operationProperty = (typeVersion, resource) =>
	new Talkover().description.properties.filter((p) => p.name === 'operation' && p.displayOptions.show.resource[0] === resource)
		.find((p) => NodeHelpers.displayParameter({ resource }, p, { typeVersion }, new Talkover().description));

describe('Talkover node versions: getAll (v1) and getMany (v2) run the same operation', () => {
	test('the node offers version 1 and 2, new nodes get version 2', () => {
		const d = new Talkover().description;
		expect(d.version).toEqual([1, 2]);
		expect(d.defaultVersion).toBe(2);
	});

	test.each(['agent', 'call', 'campaign'])('%s: version 1 lists getAll, version 2 lists getMany', (resource) => {
		const v1 = operationProperty(1, resource).options.map((o) => o.value);
		const v2 = operationProperty(2, resource).options.map((o) => o.value);
		expect(v1).toContain('getAll');
		expect(v1).not.toContain('getMany');
		expect(v2).toContain('getMany');
		expect(v2).not.toContain('getAll');
		expect(v1.filter((v) => v !== 'getAll')).toEqual(v2.filter((v) => v !== 'getMany'));
	});

	test.each([
		['campaign', { returnAll: false, limit: 3, filters: { status: 'draft' }, simplify: false }],
		['agent', { returnAll: true, filters: { search: 'support' } }],
		['call', { scope: 'all', returnAll: true, filters: { status: 'completed', direction: 'outbound' } }],
	])('%s: a v1 workflow with getAll and a v2 workflow with getMany send the same requests and output the same items', async (resource, params) => {
		const v1 = await listRun(1, { resource, operation: 'getAll', ...params });
		const v2 = await listRun(2, { resource, operation: 'getMany', ...params });
		expect(v1.sent.length).toBeGreaterThan(0);
		expect(v2.sent).toEqual(v1.sent);
		expect(v2.out).toEqual(v1.out);
		expect(v1.out.length).toBeGreaterThan(0);
	});

	test('a saved node that left Operation at its default runs the default of its own version', async () => {
		// n8n stores only parameters that differ from the default: a v1 agent node saved with "Get Many" has no operation.
		const v1 = await listRun(1, { resource: 'agent', returnAll: true });
		const v2 = await listRun(2, { resource: 'agent', returnAll: true });
		expect(v1.sent[0]).toMatch(/^\/api\/v1\/agents\?/);
		expect(v2.sent).toEqual(v1.sent);
		expect(v2.out).toEqual(v1.out);
	});

	test('fields of Get Many (Return All, Limit, Filters, Simplify) show in both versions', () => {
		const d = new Talkover().description;
		for (const [typeVersion, operation] of [[1, 'getAll'], [2, 'getMany']]) {
			const values = NodeHelpers.getNodeParameters(d.properties, { resource: 'campaign', operation }, true, false, { typeVersion }, d);
			expect(values).toMatchObject({ operation, returnAll: false, limit: 50, filters: {}, simplify: true });
		}
	});
});

describe('the e2e workflows still load with this package', () => {
	const dir = path.join(__dirname, '..', 'e2e', 'workflows');
	const types = { talkover: Talkover, qvoice: Qvoice, talkdeskCampaigns: TalkdeskCampaigns };
	const uses = fs.readdirSync(dir).flatMap((file) =>
		JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))
			.nodes.filter((n) => types[n.type.replace('n8n-nodes-outbound-campaigns.', '')])
			.map((n) => [`${file} › ${n.name}`, n]),
	);

	test('there are action nodes to check', () => expect(uses.length).toBeGreaterThan(3));

	test.each(uses)('%s: its version exists and its operation is one that version offers', (_, n) => {
		const d = new types[n.type.replace('n8n-nodes-outbound-campaigns.', '')]().description;
		expect([d.version].flat()).toContain(n.typeVersion);
		const values = NodeHelpers.getNodeParameters(d.properties, n.parameters, true, false, n, d);
		const offered = d.properties
			.filter((p) => p.name === 'operation' && NodeHelpers.displayParameter(values, p, n, d))
			.flatMap((p) => p.options.map((o) => o.value));
		expect(offered).toContain(values.operation);
	});
});
