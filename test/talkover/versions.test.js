// Talkover action node version 2 renamed the "Get Many" operations from getAll to getMany (as QVOICE and Talkdesk
// name them). Workflows saved with version 1 must keep working: same parameters, same requests, same output.
const fs = require('fs');
const path = require('path');
const { NodeHelpers } = require('n8n-workflow');
const { useTalkoverEnv } = require('./helpers');
const { Talkover } = require('../../nodes/Talkover/Talkover.node');
const { Qvoice } = require('../../nodes/Qvoice/Qvoice.node');
const { TalkdeskCampaigns } = require('../../nodes/Talkdesk/TalkdeskCampaigns.node');

let sim;
let h;
let cred;

const env = useTalkoverEnv();
beforeEach(() => ({ sim, h, cred } = env));

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
		// Simplify set explicitly: its default differs by version for agents and calls (see the next test).
		['agent', { returnAll: true, filters: { search: 'support' }, simplify: false }],
		['call', { scope: 'all', returnAll: true, filters: { status: 'completed', direction: 'outbound' }, simplify: false }],
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
		sim.state.agents.forEach((a) => (a.voice = { provider: 'x', speed: 1 })); // a field Simplify leaves out
		const v1 = await listRun(1, { resource: 'agent', returnAll: true });
		const v2 = await listRun(2, { resource: 'agent', returnAll: true });
		expect(v1.sent[0]).toMatch(/^\/api\/v1\/agents\?/);
		expect(v2.sent).toEqual(v1.sent);
		// Same agents; Simplify defaults to off below version 2 (saved workflows keep their raw output) and on from 2.
		expect(v2.out.map((a) => a.id)).toEqual(v1.out.map((a) => a.id));
		expect(v1.out.some((a, k) => Object.keys(a).length > Object.keys(v2.out[k]).length)).toBe(true);
		v2.out.forEach((a, k) => {
			expect(Object.keys(a).length).toBeLessThanOrEqual(9);
			expect(v1.out[k]).toMatchObject(a);
		});
	});

	test('fields of Get Many (Return All, Limit, Filters, Simplify) show in both versions', () => {
		const d = new Talkover().description;
		for (const [typeVersion, operation] of [[1, 'getAll'], [2, 'getMany']]) {
			const values = NodeHelpers.getNodeParameters(d.properties, { resource: 'campaign', operation }, true, false, { typeVersion }, d);
			expect(values).toMatchObject({ operation, returnAll: false, limit: 50, filters: {}, simplify: true });
		}
	});
});

describe('Talkover node versions: collection options in snake_case (v1) and camelCase (v2) send the same', () => {
	const rl = (value) => ({ __rl: true, mode: 'id', value });
	const camel = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));
	const sentBody = async (typeVersion, parameters, method, pathPattern) => {
		const before = sim.requests(method, pathPattern).length;
		const r = await h.runNode(node(typeVersion, parameters));
		expect(r.error || r.nodeError).toBeUndefined();
		return sim.requests(method, pathPattern).slice(before).map((q) => q.body);
	};

	test('version 2 offers only camelCase parameter names; version 1 keeps the names saved workflows use', () => {
		const d = new Talkover().description;
		const names = (typeVersion) => {
			const out = [];
			const visit = (p) => { out.push(p.name); for (const o of p.options || []) if (o.displayName) visit(o); for (const o of p.options || []) for (const v of o.values || []) visit(v); };
			for (const p of d.properties) if (!p.displayOptions?.show?.['@version'] || NodeHelpers.displayParameter({}, { ...p, displayOptions: { show: { '@version': p.displayOptions.show['@version'] } } }, { typeVersion }, d)) visit(p);
			return out;
		};
		expect(names(2).filter((n) => !/^[a-z][a-zA-Z0-9]*$/.test(n))).toEqual([]);
		expect(names(1)).toEqual(expect.arrayContaining(['date_from', 'busy_cooldown_hours', 'clear_end_date']));
	});

	test('Create: Additional Fields saved by v1 (snake_case) and v2 (camelCase) give the same request body', async () => {
		const extra = { max_retries: 2, busy_cooldown_hours: 2, do_not_call_enabled: true, do_not_call_list_source: 'custom', do_not_call_custom_list: '+12135550100', end_date: '2026-12-31', enable_post_completion_cooldown: true, post_completion_cooldown_hours: 48 };
		const base = { resource: 'campaign', operation: 'create', name: 'Winter Promo', campaignType: 'sales', agentId: rl(sim.state.agents[0].id), startDate: '2026-12-01T00:00:00', daysOfWeek: [1, 2], callTimeRanges: { ranges: [{ start: '09:00', end: '12:00' }] }, timezone: 'Europe/Berlin' };
		const [v1] = await sentBody(1, { ...base, additionalFields: extra }, 'POST', '/api/v1/campaigns');
		const [v2] = await sentBody(2, { ...base, additionalFields: camel(extra) }, 'POST', '/api/v1/campaigns');
		expect(v1).toMatchObject({ max_retries: 2, busy_cooldown_hours: 2, post_completion_cooldown_hours: 48, do_not_call_custom_list: ['+12135550100'] });
		expect(v2).toEqual(v1);
	});

	test('Update: Update Fields saved by v1 and v2 give the same request body', async () => {
		const draft = sim.state.campaigns.find((c) => c.status === 'draft');
		const fields = { campaign_type: 'reminder', days_of_week: [3], max_retries: 4, retry_on_no_conversion: true };
		const [v1] = await sentBody(1, { resource: 'campaign', operation: 'update', campaignId: rl(draft.id), updateFields: fields }, 'PUT', /\/api\/v1\/campaigns\//);
		const [v2] = await sentBody(2, { resource: 'campaign', operation: 'update', campaignId: rl(draft.id), updateFields: camel(fields) }, 'PUT', /\/api\/v1\/campaigns\//);
		expect(v1).toEqual({ campaign_type: 'reminder', days_of_week: [3], max_retries: 4, retry_on_no_conversion: true });
		expect(v2).toEqual(v1);
	});

	test('Get Many filters saved by v1 (date_from) and v2 (dateFrom) send the same query', async () => {
		const filters = { date_from: '2026-01-01', date_to: '2026-12-31', campaign_type: 'sales' };
		const v1 = await listRun(1, { resource: 'campaign', operation: 'getAll', returnAll: true, filters });
		const v2 = await listRun(2, { resource: 'campaign', operation: 'getMany', returnAll: true, filters: camel(filters) });
		expect(v1.sent[0]).toMatch(/date_from=2026-01-01/);
		expect(v2.sent).toEqual(v1.sent);
		const c1 = await listRun(1, { resource: 'call', operation: 'getAll', returnAll: true, filters: { date_from: '2026-01-01' } });
		const c2 = await listRun(2, { resource: 'call', operation: 'getMany', returnAll: true, filters: { dateFrom: '2026-01-01' } });
		expect(c1.sent[0]).toMatch(/date_from=2026-01-01/);
		expect(c2.sent).toEqual(c1.sent);
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
