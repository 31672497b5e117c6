'use strict';
/**
 * Child process of fieldReference.test.js: runs a probe node on the real engine (n8n-core, test/harness) that reads
 * every parameter twice — through n8n's getNodeParameter and through nodes/shared/fieldReference.ts — and prints
 * the rows as JSON. A process of its own because n8n 2.x's sandboxed expression engines load through a dynamic
 * import that jest cannot run. Input (argv[2], JSON): { engine: 'legacy' | 'quickjs', properties, parameters,
 * items, locators }.
 */
const fs = require('fs');
const path = require('path');
const Module = require('module');

// The same process set-up as every jest worker: n8n's user folder, and console and n8n log lines recorded for the
// suite's secret scan (the probe's outputs are recorded by the harness too).
require('../harness/jest.setup');

/** nodes/shared/fieldReference.ts compiled on the fly (it imports types only), so the test needs no build. */
function loadFieldReference() {
	const ts = require('typescript');
	const file = path.join(__dirname, '..', '..', 'nodes', 'shared', 'fieldReference.ts');
	const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
	const m = new Module(file, module);
	m.filename = file;
	m.paths = Module._nodeModulePaths(path.dirname(file));
	m._compile(outputText, file);
	return m.exports;
}

async function main() {
	const input = JSON.parse(process.argv[2]);
	const { Expression } = require('n8n-workflow');
	if (input.engine !== 'legacy') {
		await Expression.initExpressionEngine({ engine: input.engine, bridgeTimeout: 5000, bridgeMemoryLimit: 64, poolSize: 1, maxCodeCacheSize: 100 });
		if (Expression.getActiveImplementation() !== input.engine) throw new Error(`n8n did not switch to the ${input.engine} engine`);
	}
	const { withFieldReferences } = loadFieldReference();
	const { createHarness } = require('../harness/engine');
	const names = Object.keys(input.parameters);
	let asked = 0;

	class Probe {
		constructor() {
			this.description = {
				displayName: 'Probe',
				name: 'probe',
				group: ['transform'],
				version: 1,
				defaults: { name: 'Probe' },
				inputs: ['main'],
				outputs: ['main'],
				properties: input.properties,
			};
		}

		async execute() {
			// Counts what reaches n8n's engine through the shortcut (raw reads evaluate nothing).
			const counting = Object.create(this);
			counting.getNodeParameter = (name, i, fallback, options) => {
				if (!(options && options.rawExpressions)) asked++;
				return this.getNodeParameter(name, i, fallback, options);
			};
			const shortcut = withFieldReferences(counting);
			const read = (ctx, name, i, options) => {
				try {
					return { value: ctx.getNodeParameter(name, i, undefined, options) };
				} catch (error) {
					return { error: error.message };
				}
			};
			const row = (i, name, label, options) => {
				const before = asked;
				const viaShortcut = read(shortcut, name, i, options);
				const engineAsked = asked - before;
				return { json: { item: i, name: label, n8n: read(this, name, i, options), viaShortcut, engineAsked } };
			};
			const out = [];
			for (let i = 0; i < this.getInputData().length; i++) {
				for (const name of names) out.push(row(i, name, name));
				// Once more with { extractValue: true }, as readLocatorValue reads locators.
				for (const name of input.locators) out.push(row(i, name, `${name}/extractValue`, { extractValue: true }));
			}
			return [out];
		}
	}

	try {
		const h = createHarness({ nodes: [Probe] });
		const r = await h.runNode({ type: 'probe', parameters: input.parameters }, input.items.map((json) => ({ json })));
		if (r.error) throw r.error;
		process.stdout.write(`PROBE ${JSON.stringify({ engine: Expression.getActiveImplementation(), rows: r.outJson })}\n`);
	} finally {
		await Expression.disposeExpressionEngine();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${(error && error.stack) || error}\n`);
		process.exit(1);
	},
);
