'use strict';
/**
 * The real-n8n tier: n8n 2.40.7 with the packed package installed as users get it, the vendor simulators, over
 * real HTTP. One n8n for the whole tier. Run: `node test/tools/node24.js node test/e2e/run.js [--skip-browser|--only-browser]`.
 * A vendor whose parts are not in the checkout is SKIPPED with the reason printed, never silently passed.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { setupEnvironment } = require('./environment');
const { VENDORS, nodeType } = require('../tools/vendors');
const { fmtSecs } = require('../tools/n8n-instance');

const args = process.argv.slice(2);
const onlyBrowser = args.includes('--only-browser');
const skipBrowser = args.includes('--skip-browser') || !!process.env.OUTBOUND_SKIP_BROWSER;

const ctx = {};
const tierStart = Date.now();
const phase = {};

before(async () => {
	Object.assign(ctx, await setupEnvironment());
});

after(async () => {
	if (ctx.teardown) await ctx.teardown();
	const t = ctx.timings || {};
	process.stdout.write(
		`[e2e] timings: n8n install ${t.n8nInstall ? fmtSecs(t.n8nInstall) : 'cached'}, build ${t.build ? fmtSecs(t.build) : 'skipped'}, ` +
			`pack+install+import ${t.installAndImport ? fmtSecs(t.installAndImport) : '-'}, n8n start ${t.n8nStart ? fmtSecs(t.n8nStart) : '-'}, ` +
			Object.entries(phase).map(([k, v]) => `${k} ${fmtSecs(v)}`).join(', ') +
			`, whole tier ${fmtSecs(Date.now() - tierStart)}\n`,
	);
});

/** Wall-clock span of each phase (tests of a phase may run concurrently). */
const spans = {};
function timed(name, fn) {
	return async (...a) => {
		const s = Date.now();
		try {
			return await fn(...a);
		} finally {
			const span = (spans[name] = spans[name] || { from: s, to: 0 });
			span.from = Math.min(span.from, s);
			span.to = Math.max(span.to, Date.now());
			phase[name] = span.to - span.from;
		}
	};
}

if (!onlyBrowser) {
	describe('package in a real n8n', () => {
		it('n8n lists every built node of the package under n8n-nodes-outbound-campaigns.*', async () => {
			const types = (await ctx.client.request('GET', '/types/nodes.json')).body.map((t) => t.name);
			assert.ok(ctx.builtNodes.length > 0, 'no node of the package is built');
			for (const name of ctx.builtNodes) assert.ok(types.includes(nodeType(name)), `${nodeType(name)} not loaded by n8n`);
		});
	});

	describe('credential test through n8n (POST /rest/credentials/test, as the editor\'s Test button)', () => {
		for (const v of VENDORS) {
			it(`${v.label}: demo credential tests OK (editor Test + public API); one saved with a wrong ${v.secretField} fails with a plain message`, timed('credentials', async (t) => {
				const cred = ctx.credentials.find((c) => c.type === v.credentialType);
				if (!cred) return t.skip(`${v.label}: credential or simulator not in this checkout`);
				const ok = await ctx.client.testCredential({ id: cred.id, name: cred.name, type: cred.type, data: cred.data });
				assert.equal(ok.status, 'OK', `expected OK, got ${JSON.stringify(ok)}`);
				const byId = (await ctx.client.request('POST', `/api/v1/credentials/${cred.id}/test`)).body;
				assert.equal(byId.status, 'OK', `public API test: ${JSON.stringify(byId)}`);

				// A credential saved with a wrong secret: the Test button (and the public API test) must fail in plain words.
				const wrong = ctx.wrongCredentials.find((c) => c.type === v.credentialType);
				const bad = await ctx.client.testCredential({ id: wrong.id, name: wrong.name, type: wrong.type, data: wrong.data });
				assert.equal(bad.status, 'Error', `expected Error, got ${JSON.stringify(bad)}`);
				assert.doesNotMatch(bad.message, /^(Bad request - please check your parameters|Authorization failed - please check your credentials|UNKNOWN ERROR.*)$/, `n8n's generic text instead of the vendor's explanation: "${bad.message}"`);
				assert.match(bad.message, /401|unauthori[sz]ed|invalid|wrong|denied|credential|password|token|secret|client|refused|rejected|login/i);
				assert.ok(!bad.message.includes(wrong.data[v.secretField]), 'the message must not echo the secret');
				const badById = (await ctx.client.request('POST', `/api/v1/credentials/${wrong.id}/test`)).body;
				assert.equal(badById.status, 'Error', `public API test of the wrong credential: ${JSON.stringify(badById)}`);
				ctx.log(`${v.label} wrong-secret message: ${bad.message}`);
			}));
		}
	});

	require('./examples').register({ ctx, describe, it, timed });
	require('./triggers').register({ ctx, describe, it, timed });
}

if (!skipBrowser) require('./browser').register({ ctx, describe, it, timed });
