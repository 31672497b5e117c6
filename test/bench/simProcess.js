'use strict';
/**
 * The QVOICE simulator in a process of its own, for benchmarks 1 and 2: in the bench's own process its event loop
 * would also carry the bench's webhook calls and a raw client, and every request would wait on that work — the
 * bench would then measure the bench. The parent talks to it over IPC: latency, rate limit and the ledger
 * arithmetic (requests, 429s, created, duplicates) run in the child, so no 10,000-entry ledger crosses the pipe.
 *   const sim = await startQvoiceProcess({ bigCampaignLeads });  await sim.setLatency(20);  …  await sim.stop();
 */
const { fork } = require('child_process');

if (require.main === module) child();

function child() {
	const qvoice = require('../simulators/qvoice');
	const lib = require('./lib');
	const options = JSON.parse(process.argv[2] || '{}');
	const sim = qvoice.create(options);
	const calls = {
		setLatency: (ms) => sim.setLatency(ms),
		setRateLimit: (config) => sim.setRateLimit(config),
		ledgerLength: () => sim.ledger.length,
		ledgerStats: (from, pathSource) => lib.ledgerStats(sim, from, new RegExp(pathSource)),
		/** Milliseconds from the first to the last matching request after `from`. */
		sendingSpan: (from, pathSource) => lib.sendingSpan(lib.sentSince(sim, from, new RegExp(pathSource))),
		createdAndDuplicates: (campaignId, numbers) => lib.createdAndDuplicates(sim, campaignId, numbers),
		leadCount: (campaignId) => sim.leadsOf(campaignId).length,
		cpuMs: () => {
			const c = process.cpuUsage();
			return (c.user + c.system) / 1000;
		},
		stop: async () => {
			await sim.stop();
			setImmediate(() => process.exit(0));
		},
	};
	process.on('message', async ({ id, name, args }) => {
		try {
			process.send({ id, result: await calls[name](...args) });
		} catch (error) {
			process.send({ id, error: String((error && error.stack) || error) });
		}
	});
	process.on('disconnect', () => process.exit(0));
	sim.start().then((url) => {
		process.send({ ready: { url, demo: sim.demo, campaignIds: sim.campaignIds, bigCampaignId: sim.bigCampaignId } });
	});
}

/** Forks the simulator; resolves a proxy with the same facts as the in-process one (url, demo, campaign ids). */
function startQvoiceProcess(options = {}) {
	const proc = fork(__filename, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const pending = new Map();
	let nextId = 0;
	const call = (name, ...args) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve, reject });
			proc.send({ id, name, args });
		});
	return new Promise((resolve, reject) => {
		proc.once('error', reject);
		proc.once('exit', (code) => {
			for (const p of pending.values()) p.reject(new Error(`the simulator process ended (code ${code})`));
			reject(new Error(`the simulator process ended before it was ready (code ${code})`));
		});
		proc.on('message', (m) => {
			if (m.ready) {
				resolve({
					...m.ready,
					pid: proc.pid,
					setLatency: (ms) => call('setLatency', ms),
					setRateLimit: (config) => call('setRateLimit', config),
					ledgerLength: () => call('ledgerLength'),
					ledgerStats: (from, pathRe) => call('ledgerStats', from, pathRe.source),
					sendingSpan: (from, pathRe) => call('sendingSpan', from, pathRe.source),
					createdAndDuplicates: (campaignId, numbers) => call('createdAndDuplicates', campaignId, numbers),
					leadCount: (campaignId) => call('leadCount', campaignId),
					cpuMs: () => call('cpuMs'),
					stop: () => call('stop').catch(() => undefined),
				});
				return;
			}
			const p = pending.get(m.id);
			if (!p) return;
			pending.delete(m.id);
			if (m.error) p.reject(new Error(m.error));
			else p.resolve(m.result);
		});
	});
}

module.exports = { startQvoiceProcess };
