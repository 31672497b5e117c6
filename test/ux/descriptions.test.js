// Description lint for every node the package ships (the TypeScript sources, compiled by ts-jest): action texts,
// example placeholders, descriptions as n8n's node panel shows them, readable subtitles, and the notices.
const wf = require('n8n-workflow');
const { createHarness } = require('../harness/engine');
const { Talkover } = require('../../nodes/Talkover/Talkover.node');
const { TalkoverTrigger } = require('../../nodes/Talkover/TalkoverTrigger.node');
const { TalkoverCallsTrigger } = require('../../nodes/Talkover/TalkoverCallsTrigger.node');
const { TalkdeskCampaigns } = require('../../nodes/Talkdesk/TalkdeskCampaigns.node');
const { TalkdeskCampaignsTrigger } = require('../../nodes/Talkdesk/TalkdeskCampaignsTrigger.node');
const { Qvoice } = require('../../nodes/Qvoice/Qvoice.node');
const { QvoiceTrigger } = require('../../nodes/Qvoice/QvoiceTrigger.node');
const pkg = require('../../package.json');

const ACTION_NODES = [Talkover, TalkdeskCampaigns, Qvoice];
const ALL = [...ACTION_NODES, TalkoverTrigger, TalkoverCallsTrigger, TalkdeskCampaignsTrigger, QvoiceTrigger];
const descriptions = ALL.map((C) => new C().description);
const actionDescriptions = ACTION_NODES.map((C) => new C().description);

/** Every property and nested option/value/mode of a description, with a readable path. */
function* walk(properties, path = []) {
	for (const p of properties || []) {
		const here = [...path, p.displayName || p.name];
		yield { p, path: here.join(' > ') };
		if (p.type === 'collection' || p.type === 'fixedCollection') yield* walk((p.options || []).flatMap((o) => (o.values ? o.values : [o])), here);
		if (p.modes) yield* walk(p.modes, here);
	}
}

/** Placeholders of collections are button labels ("Add Field"), not examples. */
const isExamplePlaceholder = (p) => typeof p.placeholder === 'string' && p.placeholder !== '' && p.type !== 'collection' && p.type !== 'fixedCollection';

/** The operation options with their resource, as n8n lists them as "actions". */
function operations(description) {
	const out = [];
	for (const p of description.properties) {
		if (p.name !== 'operation') continue;
		for (const resource of p.displayOptions.show.resource) for (const o of p.options) out.push({ resource, ...o });
	}
	return out;
}

test('every node the package lists is covered here', () => {
	expect(descriptions.map((d) => d.name).sort()).toEqual(pkg.n8n.nodes.map((f) => /\/([^/]+)\.node\.js$/.exec(f)[1].replace(/^./, (c) => c.toLowerCase())).sort());
});

test('action texts have no article ("Create campaign", not "Create a campaign")', () => {
	const offenders = actionDescriptions.flatMap((d) => operations(d).filter((o) => /\b(a|an|the)\b/i.test(o.action)).map((o) => `${d.name}: ${o.action}`));
	expect(offenders).toEqual([]);
	// Every operation has an action text: n8n shows it in the node panel and AI agents read it as the tool's purpose.
	expect(actionDescriptions.flatMap((d) => operations(d).filter((o) => !o.action).map((o) => `${d.name}: ${o.resource}.${o.value}`))).toEqual([]);
});

test('example placeholders start with "e.g."', () => {
	const offenders = descriptions.flatMap((d) => [...walk(d.properties)].filter(({ p }) => isExamplePlaceholder(p) && !p.placeholder.startsWith('e.g. ')).map(({ p, path }) => `${d.name}: ${path} = "${p.placeholder}"`));
	expect(offenders).toEqual([]);
	// The walk does reach the placeholders (resource locator modes, collection fields).
	expect(descriptions.flatMap((d) => [...walk(d.properties)].filter(({ p }) => isExamplePlaceholder(p))).length).toBeGreaterThan(20);
});

test('each node describes itself; where n8n merges a trigger with its action node, the shared entry describes both', () => {
	const byName = new Map(descriptions.map((d) => [d.name, d]));
	const merged = [];
	for (const trigger of descriptions.filter((d) => d.group.includes('trigger'))) {
		// n8n's node panel (editor-ui generateMergedNodesAndActions, 2.40.7) merges `xTrigger` into node `x` and shows
		// the trigger's description for the merged entry.
		const action = byName.get(trigger.name.replace('Trigger', ''));
		if (!action) continue;
		merged.push(action.name);
		expect(trigger.description).not.toBe(action.description);
		expect(trigger.description.startsWith(action.description)).toBe(true);
		expect(trigger.description.length).toBeGreaterThan(action.description.length + 20);
	}
	expect(merged.sort()).toEqual(['qvoice', 'talkdeskCampaigns', 'talkover']);
	expect(new Set(descriptions.map((d) => d.description)).size).toBe(descriptions.length);
});

test('subtitles read like the action ("Get many campaigns"), evaluated by n8n\'s expression engine', () => {
	const h = createHarness({ nodes: ACTION_NODES });
	for (const d of actionDescriptions) {
		expect(d.subtitle).not.toBe('={{$parameter["operation"] + ": " + $parameter["resource"]}}');
		const node = { id: 's', name: 'S', type: `n8n-nodes-outbound-campaigns.${d.name}`, typeVersion: 1, position: [0, 0], parameters: {} };
		const workflow = new wf.Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes: h.nodeTypes, settings: {} });
		const ops = operations(d);
		expect(ops.length).toBeGreaterThan(3);
		for (const o of ops) {
			node.parameters = { resource: o.resource, operation: o.value };
			expect(workflow.expression.getSimpleParameterValue(node, d.subtitle, 'internal', {})).toBe(o.action);
		}
		node.parameters = { resource: 'someResource', operation: 'someOperation' };
		expect(workflow.expression.getSimpleParameterValue(node, d.subtitle, 'internal', {})).toBe('someOperation: someResource');
	}
});

test('notices where users trip: Talkdesk Early Access on every campaign operation, QVOICE lead status filter', () => {
	const talkdesk = new TalkdeskCampaigns().description;
	const early = talkdesk.properties.find((p) => p.type === 'notice' && /Early Access/.test(p.displayName));
	expect(early.displayOptions.show).toEqual({ resource: ['campaign'] });
	expect(early.displayName).toMatch(/404/);
	const qvoice = new Qvoice().description;
	const status = qvoice.properties.find((p) => p.type === 'notice' && /Status option/.test(p.displayName));
	expect(status.displayOptions.show).toEqual({ resource: ['lead'], operation: ['getMany'] });
	expect(status.displayName).toMatch(/reads every lead of the campaign/);
});

test('Simplify uses n8n\'s wording wherever it appears', () => {
	const simplify = descriptions.flatMap((d) => [...walk(d.properties)].filter(({ p }) => p.name === 'simplify' || p.name === 'simple').map(({ p }) => p));
	expect(simplify.length).toBeGreaterThanOrEqual(12);
	for (const p of simplify) expect(p.description.startsWith('Whether to return a simplified version of the response instead of the raw data')).toBe(true);
});
