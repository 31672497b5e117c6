'use strict';
/**
 * Issue 14.1: how long after the node starts does its first request reach the vendor, at any item count?
 * Runs QVOICE Lead: Add (built package in dist/, real n8n-core engine, simulator over HTTP on 127.0.0.1) with
 * N items and prints: ms from the node's execute() to the first lead request arriving at the simulator, and the
 * whole node time. Before streaming, every item was prepared before the first request (2.4–3 s at 2,000 leads).
 * Usage: npm run build && node test/tools/node24.js node test/bench/first-request.js [--counts 10,2000,10000] [--latency 20]
 */
const path = require('path');
const { createHarness } = require('../harness/engine');
const qvoice = require('../simulators/qvoice');

const DIST = path.join(__dirname, '..', '..', 'dist');
const { Qvoice } = require(path.join(DIST, 'nodes/Qvoice/Qvoice.node.js'));
const { QvoiceApi } = require(path.join(DIST, 'credentials/QvoiceApi.credentials.js'));

const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : fallback;
};
// Trace the adaptive limit and the signals it saw (the same module instance the node uses).
const { AdaptiveConcurrency } = require(path.join(DIST, 'nodes/shared/concurrency.js'));
const trace = { cuts: 0, peak: 0, outcomes: {} };
const record = AdaptiveConcurrency.prototype.record;
AdaptiveConcurrency.prototype.record = function (signal) {
	const before = this.limit;
	record.call(this, signal);
	if (this.limit < before) trace.cuts++;
	trace.peak = Math.max(trace.peak, this.limit);
	trace.outcomes[signal.outcome] = (trace.outcomes[signal.outcome] || 0) + 1;
};
const counts = arg('counts', '10,2000,10000').split(',').map(Number);
const latency = Number(arg('latency', '20'));

async function main() {
	const sim = qvoice.create({ bigCampaignLeads: 5 });
	const url = await sim.start();
	sim.setLatency(latency);
	let startedAt = 0;
	class TimedQvoice extends Qvoice {
		async execute() {
			startedAt = Date.now();
			return await super.execute.call(this);
		}
	}
	try {
		for (const n of counts) {
			const h = createHarness({ nodes: [TimedQvoice], credentials: [QvoiceApi] });
			const cid = h.addCredential('qvoiceApi', qvoice.demoCredentials(url));
			// Log in once outside the measurement, as a workflow that ran before would have.
			await h.runNode({ type: 'qvoice', parameters: { resource: 'campaign', operation: 'getMany', returnAll: false, limit: 1 }, credentials: h.credentialRef('qvoiceApi', cid) });
			sim.clearLedger();
			Object.assign(trace, { cuts: 0, peak: 0, outcomes: {} });
			const items = Array.from({ length: n }, (_, i) => ({ json: { phone: `+1312${String(5550000 + i).padStart(7, '0')}`, first: `Lead ${i}` } }));
			const r = await h.runNode(
				{ type: 'qvoice', parameters: { resource: 'lead', operation: 'add', campaign: { __rl: true, mode: 'id', value: sim.campaignIds[1] }, number: '={{$json.phone}}', additionalFields: { firstName: '={{$json.first}}' } }, credentials: h.credentialRef('qvoiceApi', cid) },
				items,
			);
			const done = Date.now();
			const leads = sim.requests(null, /\/lead$/);
			const first = Math.min(...leads.map((e) => e.at));
			const failed = r.out.filter((o) => o.json.error).length + (r.error ? 1 : 0);
			// Mean requests in flight at the simulator while the node sent (busy time / wall time).
			const busy = leads.reduce((s, e) => s + (e.answeredAt - e.at), 0);
			const span = Math.max(...leads.map((e) => e.answeredAt)) - first;
			const meanInFlight = (busy / span).toFixed(1);
			console.log(`items ${String(n).padStart(6)}  first request after ${String(first - startedAt).padStart(4)} ms  node time ${String(done - startedAt).padStart(6)} ms  requests ${leads.length}  mean in flight ${meanInFlight}  failed ${failed}  limit peak ${trace.peak} cuts ${trace.cuts} ${JSON.stringify(trace.outcomes)}`);
		}
	} finally {
		await sim.stop();
	}
}

main().catch((e) => {
	console.error(e);
	process.exitCode = 1;
});
