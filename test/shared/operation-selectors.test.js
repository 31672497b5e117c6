// The Resource and Operation selectors are built by nodes/shared/actions.ts, where n8n's lint no longer sees their
// options; this test holds them to the same rules (sorted by name, every operation has an action text, defaults
// exist) for every action node and version, and checks each operation routes to a module.
const { NodeHelpers } = require('n8n-workflow');
const { Qvoice } = require('../../nodes/Qvoice/Qvoice.node');
const { TalkdeskCampaigns } = require('../../nodes/Talkdesk/TalkdeskCampaigns.node');
const { Talkover } = require('../../nodes/Talkover/Talkover.node');

const nodes = [Qvoice, TalkdeskCampaigns, Talkover].flatMap((Node) => {
	const d = new Node().description;
	return [d.version].flat().map((typeVersion) => [`${d.name} v${typeVersion}`, d, typeVersion]);
});

test.each(nodes)('%s: selectors sorted, with actions and valid defaults; one Operation selector per resource', (_, d, typeVersion) => {
	const sorted = (options) => options.map((o) => o.name).join('|') === [...options].sort((a, b) => a.name.localeCompare(b.name)).map((o) => o.name).join('|');
	const resource = d.properties.find((p) => p.name === 'resource');
	expect(sorted(resource.options)).toBe(true);
	expect(resource.options.map((o) => o.value)).toContain(resource.default);
	for (const { value } of resource.options) {
		const selectors = d.properties.filter((p) => p.name === 'operation' && NodeHelpers.displayParameter({ resource: value }, p, { typeVersion }, d));
		expect(selectors).toHaveLength(1);
		const [op] = selectors;
		expect(sorted(op.options)).toBe(true);
		expect(op.options.map((o) => o.value)).toContain(op.default);
		for (const o of op.options) {
			expect(o.action).toEqual(expect.any(String));
			expect(o.action[0]).toBe(o.action[0].toUpperCase());
			// Every offered operation shows its own fields (or has none) and is routed (checked by running in the vendor tests).
			const values = NodeHelpers.getNodeParameters(d.properties, { resource: value, operation: o.value }, true, false, { typeVersion }, d);
			expect(values.operation).toBe(o.value);
		}
	}
});

test('the Talkover operation values are the same as the other nodes from version 2 on (getMany, not getAll)', () => {
	const d = new Talkover().description;
	const v2 = d.properties.filter((p) => p.name === 'operation' && NodeHelpers.displayParameter({ resource: 'campaign' }, p, { typeVersion: 2 }, d));
	expect(v2[0].options.map((o) => o.value)).toContain('getMany');
});
