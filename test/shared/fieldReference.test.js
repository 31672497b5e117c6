'use strict';
// Per-item parameters that are only `{{ $json.field }}` are read from the item instead of n8n's expression engine
// (nodes/shared/fieldReference.ts). Proof that nothing changes: a probe node (fieldReferenceProbe.js, in a child
// process) reads every parameter both ways on the real engine (n8n-core), with n8n's legacy and its sandboxed
// (QuickJS) expression engine, for items with strings, numbers, 0, '', null, booleans, objects, arrays and missing fields,
// and the two must agree value for value (or fail with the same error). It also counts how often n8n's engine was
// asked, so a shortcut that silently always fell back would fail the second test.
const { spawnSync } = require('child_process');
const path = require('path');
const { withFieldReferences } = require('../../nodes/shared/fieldReference');
const { resourceLocator } = require('../../nodes/shared/parameters');

const PARAMETERS = {
	dot: '={{ $json.number }}',
	tight: '={{$json.number}}',
	doubleQuoted: '={{ $json["first name"] }}',
	singleQuoted: "={{ $json['first name'] }}",
	plain: 'just text',
	number: 42,
	flag: true,
	missing: '={{ $json.nothing }}',
	object: '={{ $json.nested }}',
	array: '={{ $json.list }}',
	deep: '={{ $json.nested.inner }}',
	deepMissing: '={{ $json.nothing.inner }}',
	template: '=+1{{ $json.number }}',
	method: '={{ $json.number.toString() }}',
	proto: '={{ $json.__proto__ }}',
	ctor: '={{ $json.constructor }}',
	textExpression: '=plain after equals',
	collection: { firstName: '={{ $json["first name"] }}', note: 'fixed', priority: 3, retries: '={{ $json.retries }}' },
	collectionMixed: { firstName: '={{ $json["first name"] }}', note: '={{ $json.number + 1 }}' },
	fixed: { values: [{ name: 'a', value: '={{ $json.number }}' }, { name: 'b', value: 'x' }] },
	locator: { __rl: true, mode: 'id', value: '={{ $json.number }}' },
	locatorFixed: { __rl: true, mode: 'list', value: 'C-1' },
	locatorOld: '={{ $json.number }}',
};
// Read once more with { extractValue: true }, as readLocatorValue does.
const LOCATORS = ['locator', 'locatorFixed', 'locatorOld'];
const NAMES = Object.keys(PARAMETERS);

const ITEMS = [
	{ number: '+12135550123', 'first name': 'Ada', retries: 2, nested: { inner: 'in' }, list: [1, 2] },
	{ number: 12135550123, 'first name': '', retries: 0, nested: null, list: [] },
	{ number: null, 'first name': null, retries: null },
	{ number: true, 'first name': 'Émile 😀', retries: '3' },
	{ number: 0, 'first name': ' padded ', retries: -1, constructor: 'own' },
	{},
];

/** The probe's parameters: strings, and the package's own locator builder where a locator is read. */
const PROPERTIES = NAMES.map((name) =>
	LOCATORS.includes(name)
		? resourceLocator({ displayName: name, name, searchListMethod: 'search', description: 'x', placeholder: 'x' })
		: { displayName: name, name, type: 'string', default: '' },
);

/** Runs fieldReferenceProbe.js (a child process) with n8n's `engine`; its rows: each parameter read both ways. */
function probe(engine) {
	const input = JSON.stringify({ engine, properties: PROPERTIES, parameters: PARAMETERS, items: ITEMS, locators: LOCATORS });
	const r = spawnSync(process.execPath, [path.join(__dirname, 'fieldReferenceProbe.js'), input], { encoding: 'utf8', timeout: 60000 });
	if (r.status !== 0) throw new Error(`probe (${engine}) failed: ${r.stderr || r.error}`);
	// The sandbox may print lines of its own: the probe's answer is the line it marks.
	const line = r.stdout.split('\n').find((l) => l.startsWith('PROBE '));
	if (!line) throw new Error(`probe (${engine}) printed no answer: ${r.stdout.slice(0, 500)}`);
	const { engine: used, rows } = JSON.parse(line.slice('PROBE '.length));
	if (used !== engine) throw new Error(`probe ran with ${used}, not ${engine}`);
	return rows;
}

function sameAsN8n(rows) {
	expect(rows).toHaveLength(ITEMS.length * (NAMES.length + LOCATORS.length));
	for (const row of rows) expect({ item: row.item, name: row.name, result: row.viaShortcut }).toEqual({ item: row.item, name: row.name, result: row.n8n });
}

describe('field references read from the item', () => {
	let rows;
	beforeAll(() => {
		rows = probe('legacy');
	});

	test('every parameter, every item: the same value (or the same error) as n8n gives', () => {
		sameAsN8n(rows);
	});

	test("plain field references with a primitive value never reach n8n's engine; everything else does", () => {
		const asked = (name) => rows.filter((r) => r.name === name).map((r) => r.engineAsked);
		// Per item (see ITEMS): 1 = n8n evaluated it, 0 = read from the item. Item 6 has no fields at all: n8n decides
		// what a missing field gives; item 2's `nested` is null, a primitive.
		const names = [...NAMES, ...LOCATORS.map((name) => `${name}/extractValue`)];
		expect(Object.fromEntries(names.map((name) => [name, asked(name).join('')]))).toEqual({
			dot: '000001',
			tight: '000001',
			doubleQuoted: '000001',
			singleQuoted: '000001',
			plain: '000000',
			number: '000000',
			flag: '000000',
			missing: '111111',
			object: '101111',
			array: '111111',
			deep: '111111',
			deepMissing: '111111',
			template: '111111',
			method: '111111',
			proto: '111111',
			// Never read from the item, even where the item has an own field of that name (item 5).
			ctor: '111111',
			textExpression: '111111',
			collection: '000001',
			collectionMixed: '111111',
			fixed: '000001',
			locator: '000001',
			locatorFixed: '000000',
			locatorOld: '000001',
			'locator/extractValue': '000001',
			'locatorFixed/extractValue': '000000',
			// A plain string where a locator is expected (older workflows): n8n decides.
			'locatorOld/extractValue': '111111',
		});
	});

	test('other options go to n8n unchanged', () => {
		const h = withFieldReferences({
			getInputData: () => [{ json: { number: '1' } }],
			getNodeParameter: (name, i, fallback, options) => ({ name, options }),
		});
		expect(h.getNodeParameter('x', 0, '', { ensureType: 'string' })).toEqual({ name: 'x', options: { ensureType: 'string' } });
		expect(h.getNodeParameter('x', 0, '', { extractValue: true, ensureType: 'string' })).toEqual({ name: 'x', options: { extractValue: true, ensureType: 'string' } });
	});

	test('no resource locator of the package has a mode with an extraction regex (the shortcut returns the value as is)', () => {
		const nodes = [
			require('../../nodes/Qvoice/Qvoice.node').Qvoice,
			require('../../nodes/Talkdesk/TalkdeskCampaigns.node').TalkdeskCampaigns,
			require('../../nodes/Talkover/Talkover.node').Talkover,
		];
		const descriptions = nodes.flatMap((Node) => {
			const node = new Node();
			return node.nodeVersions ? Object.values(node.nodeVersions).map((v) => v.description) : [node.description];
		});
		const locators = [];
		const walk = (props) => {
			for (const p of props || []) {
				if (p.type === 'resourceLocator') locators.push(p);
				walk(p.options);
				walk(p.values);
			}
		};
		for (const d of descriptions) walk(d.properties);
		expect(locators.length).toBeGreaterThan(10);
		for (const p of locators) expect({ name: p.name, extracting: (p.modes || []).filter((m) => m.extractValue).map((m) => m.name) }).toEqual({ name: p.name, extracting: [] });
	});
});

// n8n 2.x can evaluate expressions in a sandbox (isolated-vm, its default in a real n8n, or QuickJS) instead of the
// legacy engine. isolated-vm needs a native build the package's install skips; QuickJS is WebAssembly and runs
// here: the same comparison through n8n's sandboxed evaluator.
describe("field references: the same values as n8n's sandboxed expression engine (QuickJS)", () => {
	test('every parameter, every item: the same value (or the same error)', () => {
		const rows = probe('quickjs');
		sameAsN8n(rows);
		// The shortcut still skipped the engine for plain field references.
		expect(rows.filter((r) => r.name === 'dot').map((r) => r.engineAsked)).toEqual([0, 0, 0, 0, 0, 1]);
	});
});
