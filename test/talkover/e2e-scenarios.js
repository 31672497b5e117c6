'use strict';
/**
 * Talkover scenarios for the real-n8n tier (test/e2e/triggers.js): plug in as
 *   POLLING.talkoverCallsTrigger = require('../talkover/e2e-scenarios').POLLING_CALLS;
 *   Object.assign(WEBHOOK_TRIGGER, require('../talkover/e2e-scenarios').WEBHOOK_TRIGGER);
 * Also runnable alone against a real n8n: `node test/tools/node24.js node test/talkover/e2e-scenarios.js`.
 */
const assert = require('node:assert/strict');
const crypto = require('crypto');

const POLLING_CALLS = {
	vendor: 'talkover',
	parameters: () => ({ event: 'newOrUpdated' }),
	change: async (sim) => sim.controlAction({ action: 'createCall', to: '+12135550990' }),
	matches: (item, changed) => item.id === changed.id && item.change === 'new',
};

const WEBHOOK_TRIGGER = {
	parameters: (campaignId) => ({
		campaignId: { __rl: true, mode: 'id', value: campaignId },
		events: ['campaign_call.queued', 'campaign_call.completed'],
	}),
	async run({ ctx, createWorkflow, executionsOf }) {
		const { waitFor, nodeOutput } = require('../e2e/environment');
		const { nodeType } = require('../tools/vendors');
		const sim = ctx.simByKey.talkover.sim;
		const cred = ctx.credentials.find((c) => c.type === 'talkoverApi');
		const campaign = sim.state.campaigns.find((c) => c.status === 'active' && c.name === 'Renewals');
		const wfId = await createWorkflow(ctx, 'e2e talkover webhook trigger', {
			type: nodeType('talkoverTrigger'),
			webhookId: crypto.randomUUID(),
			parameters: WEBHOOK_TRIGGER.parameters(campaign.id),
			credentials: { talkoverApi: { id: cred.id, name: cred.name } },
		});
		await ctx.client.activate(wfId);
		const hook = await waitFor(() => sim.state.webhooks.find((w) => w.campaign_id === campaign.id), { what: 'webhook registered at Talkover' });
		assert.ok(hook.webhook_url.startsWith(ctx.n8n.url), `registered URL ${hook.webhook_url} is not this n8n`);

		const bad = await fetch(hook.webhook_url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-n8n-webhook-secret': 'guess' }, body: JSON.stringify({ event: 'campaign_call.queued' }) });
		assert.equal(bad.status, 401, 'a delivery without the secret must be refused');

		const added = await fetch(`${sim.url}/api/v1/campaigns/${campaign.id}/call`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ to: '+12135550991', context: { crm_id: 'E2E-1' } }),
		}).then((r) => r.json());
		assert.ok(added.campaign_call, `contact not added: ${JSON.stringify(added)}`);
		await sim.settle();
		const delivered = sim.deliveries.filter((d) => d.webhook_id === hook.id);
		assert.ok(delivered.some((d) => d.status === 200), `delivery not accepted by n8n: ${JSON.stringify(delivered.map(({ payload, ...d }) => d))}`);
		const [first] = await waitFor(async () => {
			const ex = await executionsOf(ctx, wfId);
			return ex.length ? ex : null;
		}, { what: 'the delivered event to run the workflow', timeoutMs: 30000 });
		const items = nodeOutput(await ctx.client.execution(first.id), 'Trigger');
		assert.equal(items[0].event, 'campaign_call.queued');
		assert.deepEqual(items[0].context, { crm_id: 'E2E-1' });
		assert.equal((await executionsOf(ctx, wfId)).length, 1, 'the refused request must not have started an execution');

		await ctx.client.deactivate(wfId);
		await waitFor(() => !sim.state.webhooks.some((w) => w.id === hook.id), { what: 'webhook deleted at Talkover on unpublish' });
	},
};

module.exports = { POLLING_CALLS, WEBHOOK_TRIGGER };

if (require.main === module) {
	(async () => {
		const { setupEnvironment, waitFor, pollEvery10s, nodeOutput } = require('../e2e/environment');
		const { createWorkflow } = require('../e2e/triggers');
		const { nodeType } = require('../tools/vendors');
		const ctx = await setupEnvironment();
		const executionsOf = (c, id) => c.client.executions(id, { limit: 250 });
		let failed = false;
		try {
			// The editor's credential "Test": right token OK; wrong token gives the credential's own 401 message.
			const cred0 = ctx.credentials.find((c) => c.type === 'talkoverApi');
			const good = await ctx.client.testCredential({ id: cred0.id, type: 'talkoverApi', data: cred0.data });
			assert.equal(good.status, 'OK', JSON.stringify(good));
			const wrong = await ctx.client.testCredential({ id: cred0.id, type: 'talkoverApi', data: { ...cred0.data, apiToken: 'talq_wrong' } });
			assert.equal(wrong.status, 'Error');
			assert.match(wrong.message, /refused the API token/);
			process.stdout.write(`[talkover e2e] credential test: OK ("${wrong.message.slice(0, 60)}…")\n`);
			await WEBHOOK_TRIGGER.run({ ctx, createWorkflow, executionsOf });
			process.stdout.write('[talkover e2e] webhook trigger: OK\n');
			const sim = ctx.simByKey.talkover.sim;
			const cred = ctx.credentials.find((c) => c.type === 'talkoverApi');
			const wfId = await createWorkflow(ctx, 'e2e talkover calls', { type: nodeType('talkoverCallsTrigger'), parameters: { ...POLLING_CALLS.parameters(), pollTimes: pollEvery10s() }, credentials: { talkoverApi: { id: cred.id, name: cred.name } } });
			const before = sim.ledger.length;
			await ctx.client.activate(wfId);
			await waitFor(() => sim.ledger.length > before, { what: 'baseline poll' });
			await new Promise((r) => setTimeout(r, 1500));
			assert.equal((await executionsOf(ctx, wfId)).length, 0);
			const changed = await POLLING_CALLS.change(sim);
			const [ex] = await waitFor(async () => {
				const e = await executionsOf(ctx, wfId);
				return e.length ? e : null;
			}, { what: 'calls trigger to fire', timeoutMs: 45000 });
			const items = nodeOutput(await ctx.client.execution(ex.id), 'Trigger');
			assert.ok(items.some((i) => POLLING_CALLS.matches(i, changed)), JSON.stringify(items).slice(0, 500));
			await new Promise((r) => setTimeout(r, 21000));
			assert.equal((await executionsOf(ctx, wfId)).length, 1);
			await ctx.client.deactivate(wfId);
			process.stdout.write('[talkover e2e] calls trigger: OK\n');
		} catch (e) {
			failed = true;
			process.stdout.write(`[talkover e2e] FAILED: ${e.stack}\n`);
		} finally {
			await ctx.teardown();
		}
		process.exit(failed ? 1 : 0);
	})();
}
