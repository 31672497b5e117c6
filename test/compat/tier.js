'use strict';
/**
 * The compatibility checks for ONE n8n version (OUTBOUND_N8N_VERSION; test/compat/run.js runs this once per
 * version): the packed package installed as a community package (test/e2e/environment.js, as users get it), then
 * nodes and credentials load, the editor's credential Test per vendor (right and wrong secret), one workflow per
 * vendor, the Talkover webhook trigger's registration at the simulator, and one polling trigger firing once.
 * Run: `OUTBOUND_N8N_VERSION=1.123.81 node test/tools/node24.js node test/compat/tier.js` (n8n in the cache).
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { setupEnvironment, waitFor, pollEvery10s, nodeOutput } = require('../e2e/environment');
const { CHECKS } = require('../e2e/examples');
const { POLLING, WEBHOOK_TRIGGER, createWorkflow } = require('../e2e/triggers');
const { VENDORS, nodeType } = require('../tools/vendors');
const { N8N_VERSION, fmtSecs, sleep } = require('../tools/n8n-instance');

const ctx = {};
const tierStart = Date.now();
let setupMs = 0;

/** One webhook-started example workflow per vendor (they run the same in n8n 1.x and 2.x: publish + HTTP call). */
const WORKFLOW_PER_VENDOR = {
	talkdesk: 'talkdesk-new-lead-dnc-check.json',
	qvoice: 'qvoice-new-lead-to-campaign.json',
	talkover: 'talkover-new-contact-to-campaign.json',
};
/** The polling trigger that must fire (QVOICE: flipping a campaign's status is one simulator action). */
const POLLING_TRIGGER = 'qvoiceTrigger';

before(async () => {
	const t0 = Date.now();
	Object.assign(ctx, await setupEnvironment());
	setupMs = Date.now() - t0;
	const settings = (await ctx.client.request('GET', '/rest/settings')).data;
	ctx.log(`n8n reports version ${settings.versionCli} (expected ${N8N_VERSION})`);
	ctx.reportedVersion = settings.versionCli;
});

after(async () => {
	if (ctx.teardown) await ctx.teardown();
	process.stdout.write(`[compat] n8n ${N8N_VERSION}: setup ${fmtSecs(setupMs)}, whole tier ${fmtSecs(Date.now() - tierStart)}\n`);
});

describe(`n8n ${N8N_VERSION}: the packed package as a community package`, () => {
	it('runs in the n8n version under test', () => {
		assert.equal(ctx.reportedVersion, N8N_VERSION);
	});

	it('every node and credential of the package loads', async () => {
		const nodes = (await ctx.client.request('GET', '/types/nodes.json')).body.map((t) => t.name);
		const creds = (await ctx.client.request('GET', '/types/credentials.json')).body.map((t) => t.name);
		assert.equal(ctx.builtNodes.length, VENDORS.flatMap((v) => v.nodes).length, 'every node of the package must be built');
		assert.equal(ctx.builtCreds.length, VENDORS.length, 'every credential of the package must be built');
		for (const name of ctx.builtNodes) assert.ok(nodes.includes(nodeType(name)), `${nodeType(name)} not loaded by n8n ${N8N_VERSION}`);
		for (const name of ctx.builtCreds) assert.ok(creds.includes(name), `credential ${name} not loaded by n8n ${N8N_VERSION}`);
		// Action nodes also load as AI-agent tools (n8n derives `<name>Tool` from usableAsTool).
		for (const v of VENDORS) {
			const action = v.nodes.find((n) => !/Trigger$/.test(n.name));
			assert.ok(nodes.includes(nodeType(`${action.name}Tool`)), `${nodeType(action.name)}Tool (AI tool variant) not loaded`);
		}
	});

	for (const v of VENDORS) {
		it(`${v.label}: credential Test (editor button) is OK with the simulator's values and fails with a wrong ${v.secretField}`, async () => {
			const cred = ctx.credentials.find((c) => c.type === v.credentialType);
			assert.ok(cred, `${v.label}: credential or simulator not in this checkout`);
			const ok = await ctx.client.testCredential({ id: cred.id, name: cred.name, type: cred.type, data: cred.data });
			assert.equal(ok.status, 'OK', `expected OK, got ${JSON.stringify(ok)}`);
			const wrong = ctx.wrongCredentials.find((c) => c.type === v.credentialType);
			const bad = await ctx.client.testCredential({ id: wrong.id, name: wrong.name, type: wrong.type, data: wrong.data });
			assert.equal(bad.status, 'Error', `expected Error, got ${JSON.stringify(bad)}`);
			assert.ok(!bad.message.includes(wrong.data[v.secretField]), 'the message must not echo the secret');
		});
	}

	for (const [vendor, file] of Object.entries(WORKFLOW_PER_VENDOR)) {
		it(`${vendor}: example workflow ${file} runs`, async () => {
			const ex = ctx.examples.find((e) => e.file === file);
			assert.ok(ex, `${file} not found in test/e2e/workflows`);
			assert.deepEqual(ex.missing, [], `${file} needs ${ex.missing.join(', ')}`);
			await CHECKS[file]({ ctx, ex });
		});
	}

	it('Talkover Trigger: publishing registers the webhook at Talkover (seen by the simulator), a delivery runs the workflow, unpublishing deletes it', async () => {
		assert.ok(WEBHOOK_TRIGGER.run, 'no Talkover webhook scenario (test/talkover/e2e-scenarios.js)');
		await WEBHOOK_TRIGGER.run({ ctx, createWorkflow, executionsOf: (c, id) => c.client.executions(id, { limit: 250 }) });
	});

	it(`${POLLING_TRIGGER}: published with a 10-second poll, the baseline emits nothing and one vendor-side change fires exactly once`, async () => {
		const spec = POLLING[POLLING_TRIGGER];
		const vendor = VENDORS.find((v) => v.key === spec.vendor);
		const cred = ctx.credentials.find((c) => c.type === vendor.credentialType);
		const sim = ctx.simByKey[spec.vendor].sim;
		const wfId = await createWorkflow(ctx, `compat poll ${POLLING_TRIGGER}`, {
			type: nodeType(POLLING_TRIGGER),
			parameters: { ...spec.parameters(ctx), pollTimes: pollEvery10s() },
			credentials: { [cred.type]: { id: cred.id, name: cred.name } },
		});
		const pollsBefore = sim.ledger.length;
		await ctx.client.activate(wfId);
		await waitFor(() => sim.ledger.length > pollsBefore, { what: 'the baseline poll' });
		await sleep(1500);
		assert.equal((await ctx.client.executions(wfId)).length, 0, 'the baseline poll must not start an execution');
		const changed = await spec.change(sim, ctx);
		const [first] = await waitFor(async () => {
			const ex = await ctx.client.executions(wfId);
			return ex.length ? ex : null;
		}, { what: 'the trigger to fire after the change', timeoutMs: 45000 });
		const items = await waitFor(async () => nodeOutput(await ctx.client.execution(first.id), 'Trigger'), { what: `execution ${first.id} to finish`, timeoutMs: 20000 });
		assert.ok(items.some((i) => spec.matches(i, changed)), `trigger output does not show the change: ${JSON.stringify(items).slice(0, 800)}`);
		// One more poll with nothing new: still one execution.
		const mark = sim.ledger.length;
		await waitFor(() => sim.ledger.length > mark, { what: 'the next poll', timeoutMs: 20000 });
		await sleep(2000);
		assert.equal((await ctx.client.executions(wfId)).length, 1, 'one change, one execution');
		await ctx.client.deactivate(wfId);
	});
});
