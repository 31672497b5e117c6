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
	const r = await fetch(`${ctx.n8n.url}/webhook/${hook.parameters.path}`, {
		method: (hook.parameters.httpMethod || 'POST').toUpperCase(),
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
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

/** Checks per example file name. Each gets {ctx, ex, sim} and throws on failure. */
const CHECKS = {};

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
