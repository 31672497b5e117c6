'use strict';
/**
 * Each example workflow (test/e2e/workflows/*.json) imported with the CLI runs in the real n8n, and its effect is
 * checked on the simulator ledger and in the execution output. Every example file must have a check here.
 */
const assert = require('node:assert/strict');
const { waitFor, nodeOutput } = require('./environment');
const { sleep } = require('../tools/n8n-instance');


/** Publishes a webhook-started example and calls its production URL. */
async function callWebhook(ctx, ex, body) {
	await ctx.client.activate(ex.id);
	const hook = ex.json.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	// n8n registers production webhooks shortly after the publish call returns; a 404 "not registered" ran nothing.
	let r;
	const until = Date.now() + 20000;
	for (;;) {
		r = await fetch(`${ctx.n8n.url}/webhook/${hook.parameters.path}`, {
			method: (hook.parameters.httpMethod || 'POST').toUpperCase(),
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		if (r.status !== 404 || Date.now() > until) break;
		await r.text();
		await sleep(500);
	}
	const text = await r.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: r.status, body: json };
}

/** Runs an example once the way the editor's "Execute workflow" does, waits for its execution and returns it. */
async function runManually(ctx, ex, triggerName) {
	const trigger = triggerName || ex.json.nodes.find((n) => /trigger/i.test(n.type)).name;
	const r = await ctx.client.request('POST', `/rest/workflows/${ex.id}/run`, { triggerToStartFrom: { name: trigger } });
	const executionId = r.data && r.data.executionId;
	assert.ok(executionId, `no execution id from manual run: ${JSON.stringify(r.data)}`);
	return waitFor(
		async () => {
			const e = await ctx.client.execution(executionId).catch(() => null);
			return e && e.finished !== undefined && e.stoppedAt ? e : null;
		},
		{ what: `execution ${executionId} of "${ex.json.name}"`, timeoutMs: 60000 },
	);
}

function executionError(e) {
	const err = e.data && e.data.resultData && e.data.resultData.error;
	return err ? `${err.message}${err.description ? ` — ${err.description}` : ''}` : null;
}

const simOf = (ctx, key) => ctx.simByKey[key].sim;
const since = (sim, mark) => sim.ledger.slice(mark);

/** Checks per example file name. Each gets {ctx, ex} and throws on failure. */
const CHECKS = {
	async 'talkdesk-new-lead-dnc-check.json'({ ctx, ex }) {
		const sim = simOf(ctx, 'talkdesk');
		const list = sim.state.lists.find((l) => l.name === 'Q1 renewals');
		const before = list.records.length;
		let mark = sim.ledger.length;
		const ok = await callWebhook(ctx, ex, { first_name: 'Dana', last_name: 'Reyes', phone: '+1 (213) 555-0177', crm_id: 'CRM-E2E-1' });
		assert.equal(ok.status, 200, JSON.stringify(ok.body));
		const calls = since(sim, mark);
		assert.ok(calls.some((e) => e.method === 'POST' && /\/do-not-call-lists\/[^/]+\/entries\/queries$/.test(e.path)), 'no do-not-call query reached Talkdesk');
		assert.equal(list.records.length, before + 1, 'the lead was not added to the record list');
		const added = list.records[list.records.length - 1];
		assert.equal(added.phone_numbers[0].phone_number, '+12135550177');
		assert.equal(added.first_name, 'Dana');
		assert.equal(added.external_id, 'CRM-E2E-1');

		mark = sim.ledger.length;
		const listed = await callWebhook(ctx, ex, { first_name: 'No', last_name: 'Call', phone: '+12135550100', crm_id: 'CRM-E2E-2' });
		assert.equal(listed.status, 200, JSON.stringify(listed.body));
		assert.equal(list.records.length, before + 1, 'a number on the do-not-call list was added');
		assert.ok(!since(sim, mark).some((e) => /\/record-lists\//.test(e.path) && e.method !== 'GET'), 'a record-list write was sent for a listed number');
		const body = Array.isArray(listed.body) ? listed.body[0] : listed.body;
		assert.equal(body.skipped, true, `expected the skipped answer, got ${JSON.stringify(listed.body)}`);
		await ctx.client.deactivate(ex.id);
	},

	async 'talkdesk-pause-running-campaigns.json'({ ctx, ex }) {
		const sim = simOf(ctx, 'talkdesk');
		const running = sim.state.campaigns.filter((c) => c.status === 'RUNNING').map((c) => c.id);
		assert.ok(running.length > 1, 'the simulator should have running campaigns');
		const mark = sim.ledger.length;
		const execution = await runManually(ctx, ex, 'Weekdays at 18:00');
		assert.equal(execution.status, 'success', executionError(execution) || execution.status);
		const patches = since(sim, mark).filter((e) => e.method === 'PATCH' && /^\/campaigns\/[^/]+$/.test(e.path));
		assert.deepEqual([...new Set(patches.map((e) => e.path.split('/')[2]))].sort(), [...running].sort(), 'every running campaign, and only those, gets paused');
		assert.equal(patches.length, running.length, 'each campaign is paused exactly once');
		for (const id of running) assert.equal(sim.state.campaigns.find((c) => c.id === id).status, 'PAUSED');
		assert.equal(nodeOutput(execution, 'Pause campaign').length, running.length);
	},

	async 'qvoice-new-lead-to-campaign.json'({ ctx, ex }) {
		const sim = simOf(ctx, 'qvoice');
		const campaignId = ex.json.nodes.find((n) => n.name === 'Add lead to campaign').parameters.campaign.value;
		const mark = sim.ledger.length;
		const r = await callWebhook(ctx, ex, { first_name: 'Ana', last_name: 'Silva', phone: '+1 213-555-0188', note: 'asked for a callback' });
		assert.equal(r.status, 200, JSON.stringify(r.body));
		const writes = since(sim, mark).filter((e) => ['PUT', 'POST'].includes(e.method) && e.path === `/api/v2/config/campaigns/${campaignId}/lead`);
		assert.equal(writes.length, 1, `expected one add-lead request, ledger: ${JSON.stringify(since(sim, mark).map((e) => `${e.method} ${e.path} ${e.status}`))}`);
		assert.match(JSON.stringify(writes[0].body), /\+12135550188/);
		assert.match(JSON.stringify(writes[0].body), /Ana/);
		await ctx.client.deactivate(ex.id);
	},

	async 'qvoice-queue-threshold-alert.json'({ ctx, ex }) {
		// Published with a 10-second poll instead of every minute; a queue then loses idle agents on the vendor side.
		const sim = simOf(ctx, 'qvoice');
		const { pollEvery10s } = require('./environment');
		const wf = (await ctx.client.request('GET', `/api/v1/workflows/${ex.id}`)).body;
		const trigger = wf.nodes.find((n) => n.type.endsWith('.qvoiceTrigger'));
		trigger.parameters.pollTimes = pollEvery10s();
		await ctx.client.request('PUT', `/api/v1/workflows/${ex.id}`, { name: wf.name, nodes: wf.nodes, connections: wf.connections, settings: { executionOrder: 'v1' } });
		const mark = sim.ledger.length;
		await ctx.client.activate(ex.id);
		await waitFor(() => since(sim, mark).some((e) => e.path === '/callcenter/queues/status'), { what: 'the baseline queue poll' });
		await sleep(1000);
		assert.equal((await ctx.client.executions(ex.id)).length, 0, 'the baseline must not alert');
		const queue = sim.exportState().queues.find((q) => q.agents.filter((a) => a.logged_in && a.status === 'idle').length >= 2);
		assert.ok(queue, 'a queue with 2+ idle agents is needed');
		for (const a of queue.agents.filter((x) => x.logged_in && x.status === 'idle')) sim.controlAction({ action: 'setAgent', queueId: queue.id, agentId: a.id, status: 'on_call' });
		const [first] = await waitFor(async () => {
			const e = await ctx.client.executions(ex.id);
			return e.length ? e : null;
		}, { what: 'the alert to fire', timeoutMs: 45000 });
		// Listed as soon as it starts; its output is there once it has finished.
		const out = await waitFor(async () => nodeOutput(await ctx.client.execution(first.id), 'Alert text'), { what: 'the execution to finish', timeoutMs: 20000 });
		assert.equal(out.length, 1);
		assert.equal(out[0].queue_id, queue.id);
		assert.match(out[0].text, new RegExp(`^Queue ${queue.name} has only 0 idle agent\\(s\\) \\(was \\d+\\)\\.$`));
		await ctx.client.deactivate(ex.id);
	},

	async 'talkover-new-contact-to-campaign.json'({ ctx, ex }) {
		const sim = simOf(ctx, 'talkover');
		const campaignId = ex.json.nodes.find((n) => n.name === 'Add contact to campaign').parameters.campaignId.value;
		const mark = sim.ledger.length;
		const r = await callWebhook(ctx, ex, { phone: '+12135550166', first_name: 'Lee', crm_id: 'CRM-E2E-TO-1' });
		assert.equal(r.status, 200, JSON.stringify(r.body));
		const adds = since(sim, mark).filter((e) => e.method === 'POST' && e.path === `/api/v1/campaigns/${campaignId}/call`);
		assert.equal(adds.length, 1, 'exactly one add-contact request');
		assert.equal(adds[0].body.to, '+12135550166');
		assert.match(JSON.stringify(adds[0].body), /CRM-E2E-TO-1/);
		assert.match(JSON.stringify(adds[0].body), /Lee/);
		assert.ok(sim.state.campaignCalls.some((cc) => cc.campaign_id === campaignId && cc.to === '+12135550166'));
		await ctx.client.deactivate(ex.id);
	},

	async 'talkover-call-outcome-to-crm.json'({ ctx, ex }) {
		const sim = simOf(ctx, 'talkover');
		const campaignId = ex.json.nodes.find((n) => n.name === 'Call finished').parameters.campaignId.value;
		await ctx.client.activate(ex.id);
		const hook = await waitFor(() => sim.state.webhooks.find((w) => w.campaign_id === campaignId && w.webhook_url.startsWith(ctx.n8n.url) && w.events.includes('campaign_call.completed')), { what: 'the webhook registered at Talkover' });
		const added = await fetch(`${sim.url}/api/v1/campaigns/${campaignId}/call`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sim.token || ctx.credentials.find((c) => c.type === 'talkoverApi').data.apiToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ to: '+12135550155', context: { crm_id: 'CRM-E2E-TO-2' } }),
		}).then((x) => x.json());
		const ccId = added.campaign_call.id;
		sim.controlAction({ action: 'progressCall', campaignCallId: ccId, to: 'started' });
		sim.controlAction({ action: 'progressCall', campaignCallId: ccId, to: 'completed', duration: 64 });
		if (sim.settle) await sim.settle();
		const [first] = await waitFor(async () => {
			const e = await ctx.client.executions(ex.id);
			return e.length ? e : null;
		}, { what: 'the completed call to run the workflow', timeoutMs: 30000 });
		// Listed as soon as it starts; its output is there once it has finished.
		const out = await waitFor(async () => nodeOutput(await ctx.client.execution(first.id), 'Outcome'), { what: 'the execution to finish', timeoutMs: 20000 });
		assert.equal(out[0].crm_id, 'CRM-E2E-TO-2');
		assert.equal(out[0].outcome, 'reached');
		assert.equal(out[0].phone_number, '+12135550155');
		assert.equal((await ctx.client.executions(ex.id)).length, 1, 'one completed call, one execution (queued/started/transcript events not selected)');
		await ctx.client.deactivate(ex.id);
		await waitFor(() => !sim.state.webhooks.some((w) => w.id === hook.id), { what: 'the webhook deleted on unpublish' });
	},

	async 'talkover-contacts-error-branch.json'({ ctx, ex }) {
		// Issue 11.1: with "Continue (using error output)" failed contacts leave on the error output, with what the
		// alert needs; with "Continue (regular output)" everything stays on the one output, as before.
		const sim = simOf(ctx, 'talkover');
		const contacts = [
			{ phone: '+12135550181', crm_id: 'CRM-EO-1' },
			{ phone: '213 555 0182', crm_id: 'CRM-EO-2' }, // no country code: refused, nothing sent for it
			{ phone: '+12135550183', crm_id: 'CRM-EO-3' },
		];
		const runOnce = async () => {
			const before = (await ctx.client.executions(ex.id)).length;
			const r = await callWebhook(ctx, ex, { contacts });
			assert.equal(r.status, 200, JSON.stringify(r.body));
			const list = await waitFor(async () => {
				const e = await ctx.client.executions(ex.id);
				return e.length > before ? e : null;
			}, { what: 'the contacts run', timeoutMs: 30000 });
			return waitFor(async () => {
				const e = await ctx.client.execution(list[0].id);
				return e && e.stoppedAt ? e : null;
			}, { what: 'the contacts run to finish', timeoutMs: 30000 });
		};
		await ctx.client.activate(ex.id);
		let mark = sim.ledger.length;
		let e = await runOnce();
		const added = nodeOutput(e, 'Mark as added');
		const alerts = nodeOutput(e, 'Alert');
		assert.deepEqual(added.map((j) => j.to).sort(), ['+12135550181', '+12135550183']);
		assert.ok(added.every((j) => !('error' in j)), 'a failure reached the success branch');
		assert.equal(alerts.length, 1, `error output: ${JSON.stringify(alerts)}`);
		assert.match(alerts[0].error, /^Item 2: Phone Number "213 555 0182" has no country code/);
		assert.equal(alerts[0].crm_id, 'CRM-EO-2', 'the contact\'s own fields travel with the failure');
		assert.equal(alerts[0].details.item, 2);
		assert.match(alerts[0].details.description, /Default Country/);
		assert.ok(!since(sim, mark).some((e2) => e2.body && e2.body.to && /0182$/.test(e2.body.to)), 'a request was sent for the refused contact');

		// The same workflow with "Continue (regular output)": one output, the failure as { error, description }.
		await ctx.client.deactivate(ex.id);
		const wf = (await ctx.client.request('GET', `/api/v1/workflows/${ex.id}`)).body;
		wf.nodes.find((n) => n.name === 'Add contact to campaign').onError = 'continueRegularOutput';
		await ctx.client.request('PUT', `/api/v1/workflows/${ex.id}`, { name: wf.name, nodes: wf.nodes, connections: wf.connections, settings: { executionOrder: 'v1' } });
		await ctx.client.activate(ex.id);
		contacts.forEach((c, i) => (c.phone = i === 1 ? c.phone : c.phone.replace(/8(\d)$/, '9$1')));
		mark = sim.ledger.length;
		e = await runOnce();
		const regular = nodeOutput(e, 'Mark as added');
		assert.equal(regular.length, 3);
		assert.match(regular[1].error, /^Item 2: Phone Number/);
		assert.equal(nodeOutput(e, 'Alert'), null, 'nothing runs on the error branch in regular mode');
		wf.nodes.find((n) => n.name === 'Add contact to campaign').onError = 'continueErrorOutput';
		await ctx.client.deactivate(ex.id);
		await ctx.client.request('PUT', `/api/v1/workflows/${ex.id}`, { name: wf.name, nodes: wf.nodes, connections: wf.connections, settings: { executionOrder: 'v1' } });
	},
};

function register({ ctx, describe, it, timed }) {
	const { exampleWorkflows } = require('../tools/n8n-instance');
	const files = exampleWorkflows();
	describe('example workflows run in the real n8n', () => {
		if (!files.length) it('example workflows exist', () => assert.fail('no example workflow in test/e2e/workflows'));
		for (const { file, json } of files) {
			it(`${file}: "${json.name}"`, timed('examples', async (t) => {
				const ex = ctx.examples.find((e) => e.file === file);
				if (ex.missing.length) return t.skip(`needs ${ex.missing.join(', ')} (not in this checkout)`);
				const check = CHECKS[file];
				assert.ok(check, `no e2e check written for ${file} (add one to test/e2e/examples.js)`);
				await check({ ctx, ex, t });
			}));
		}
	});
}

module.exports = { register, CHECKS, callWebhook, runManually, executionError, nodeOutput, sleep };
