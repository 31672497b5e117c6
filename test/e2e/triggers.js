'use strict';
/**
 * Triggers in the real n8n: polling triggers published with a 10-second poll fire exactly once per vendor-side
 * change; the Talkover webhook trigger registers its webhook with the vendor on publish, runs on a delivered event
 * and deletes the remote webhook on unpublish.
 */
const assert = require('node:assert/strict');
const { waitFor, pollEvery10s, nodeOutput } = require('./environment');
const { nodeType } = require('../tools/vendors');
const { sleep } = require('../tools/n8n-instance');

/**
 * Per polling trigger: the node parameters, the vendor-side change (through the simulator's control action) and
 * how to recognise the item that change must produce. Filled in from the trigger nodes as implemented.
 */
const POLLING = {
	talkdeskCampaignsTrigger: {
		vendor: 'talkdesk',
		parameters: () => ({ events: ['campaignStatusChanged'] }),
		// Flip one campaign between Running and Paused (the pause example may have paused all running ones).
		change: async (sim) => {
			const c = sim.state.campaigns.find((x) => x.status === 'RUNNING') || sim.state.campaigns.find((x) => x.status === 'PAUSED');
			const from = c.status;
			const to = from === 'RUNNING' ? 'PAUSED' : 'RUNNING';
			sim.controlAction({ action: 'setCampaignStatus', id: c.id, status: to });
			return { id: c.id, from, to };
		},
		matches: (item, c) => item.campaign_id === c.id && item.status === c.to && item.previous_status === c.from,
	},
	qvoiceTrigger: {
		vendor: 'qvoice',
		parameters: () => ({ event: 'campaignStatusChanged', campaignFilter: [] }),
		change: async (sim) => {
			const c = sim.exportState().campaigns.find((x) => x.status === 'running') || sim.exportState().campaigns.find((x) => x.status === 'paused');
			const from = c.status;
			const to = from === 'running' ? 'paused' : 'running';
			sim.controlAction({ action: 'setCampaignStatus', campaignId: c.id, status: to });
			return { id: c.id, from, to };
		},
		matches: (item, c) => item.id === c.id && item.status === c.to && item.previous_status === c.from,
	},
	// Written by the Talkover engineer (test/talkover/e2e-scenarios.js), plugged in below when present.
	talkoverCallsTrigger: { vendor: 'talkover', parameters: () => ({}), change: null, matches: null },
};

async function createWorkflow(ctx, name, triggerNode) {
	const body = {
		name,
		nodes: [
			{ ...triggerNode, name: 'Trigger', position: [0, 0], typeVersion: triggerNode.typeVersion || 1, id: 'trigger-node' },
			{ name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [260, 0], parameters: {}, id: 'noop-node' },
		],
		connections: { Trigger: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveManualExecutions: true },
	};
	const r = await ctx.client.request('POST', '/api/v1/workflows', body);
	return r.body.id;
}

async function executionsOf(ctx, workflowId) {
	return ctx.client.executions(workflowId, { limit: 250 });
}

function register({ ctx, describe, it, timed }) {
	describe('polling triggers fire exactly once per vendor-side change (published, polled every 10 s)', { concurrency: true }, () => {
		for (const [name, spec] of Object.entries(POLLING)) {
			it(name, timed('polling triggers', async (t) => {
				if (!ctx.builtNodes.includes(name)) return t.skip(`${name} not in this checkout`);
				const vendor = ctx.inventory.find((v) => v.key === spec.vendor);
				const cred = ctx.credentials.find((c) => c.type === vendor.credentialType);
				if (!cred) return t.skip(`${spec.vendor} credential/simulator not in this checkout`);
				assert.ok(spec.change && spec.matches, `no e2e change scenario written for ${name} (test/e2e/triggers.js)`);
				const sim = ctx.simByKey[spec.vendor].sim;
				const wfId = await createWorkflow(ctx, `e2e poll ${name}`, {
					type: nodeType(name),
					parameters: { ...spec.parameters(ctx), pollTimes: pollEvery10s() },
					credentials: { [cred.type]: { id: cred.id, name: cred.name } },
				});
				const pollsBefore = sim.ledger.length;
				await ctx.client.activate(wfId);
				// Activation polls once at once: the baseline, which must emit nothing.
				await waitFor(() => sim.ledger.length > pollsBefore, { what: `${name} baseline poll` });
				await sleep(1500);
				assert.equal((await executionsOf(ctx, wfId)).length, 0, 'the baseline poll must not start an execution');

				const changed = await spec.change(sim, ctx);
				const [first] = await waitFor(async () => {
					const ex = await executionsOf(ctx, wfId);
					return ex.length ? ex : null;
				}, { what: `${name} to fire after the change`, timeoutMs: 45000 });
				// The execution is listed as soon as it starts; its data is there once it has finished.
				const items = await waitFor(async () => nodeOutput(await ctx.client.execution(first.id), 'Trigger'), {
					what: `${name} execution ${first.id} to finish`,
					timeoutMs: 20000,
				});
				assert.ok(items && items.some((i) => spec.matches(i, changed)), `trigger output does not show the change: ${JSON.stringify(items).slice(0, 800)}`);

				// Two more poll cycles with nothing new: still exactly one execution.
				const mark = sim.ledger.length;
				await waitFor(() => sim.ledger.filter((e, i) => i >= mark).length >= 2, { what: `${name} to poll twice more`, timeoutMs: 40000 });
				await sleep(21000);
				const all = await executionsOf(ctx, wfId);
				assert.equal(all.length, 1, `expected exactly one execution for one change, got ${all.length}`);
				await ctx.client.deactivate(wfId);
			}));
		}
	});

	describe('Talkover webhook trigger lifecycle', () => {
		it('publish registers the webhook at Talkover, a delivered event runs the workflow, unpublish deletes the webhook', timed('webhook trigger', async (t) => {
			if (!ctx.builtNodes.includes('talkoverTrigger')) return t.skip('talkoverTrigger not in this checkout');
			const spec = WEBHOOK_TRIGGER;
			assert.ok(spec.parameters, 'no e2e scenario written for talkoverTrigger (test/e2e/triggers.js)');
			await spec.run({ ctx, createWorkflow, executionsOf });
		}));
	});
}

/** The Talkover webhook lifecycle scenario, from test/talkover/e2e-scenarios.js when present. */
const WEBHOOK_TRIGGER = { parameters: null, run: null };

try {
	const talkover = require('../talkover/e2e-scenarios');
	if (talkover.POLLING_CALLS) POLLING.talkoverCallsTrigger = talkover.POLLING_CALLS;
	if (talkover.WEBHOOK_TRIGGER) Object.assign(WEBHOOK_TRIGGER, talkover.WEBHOOK_TRIGGER);
} catch (e) {
	if (e.code !== 'MODULE_NOT_FOUND') throw e;
}

module.exports = { register, POLLING, WEBHOOK_TRIGGER, createWorkflow };
