'use strict';
/**
 * Reference clients for benchmark 1, each in a process of its own (no n8n workflow, no node), so the bench can
 * say how much of the distance to the floor any client pays on this machine and how much n8n's own HTTP helper adds:
 *  - `keepalive`: node:http with a keep-alive agent, `lanes` requests in flight — the least any client needs here;
 *  - `newconn`: node:http with a new connection per request, as n8n's helper opens them;
 *  - `n8n-helper`: n8n's own HTTP helper (the `httpRequest` every node uses, from the n8n install under test),
 *    `lanes` in flight — the least any n8n node can need, before evaluating parameters or building items.
 * Child: prints one JSON line { ms, failed, cpuMs }.  Parent: await runReferenceClient({ mode, … }).
 */
const { execFile } = require('child_process');
const path = require('path');
const { inLanes } = require('./lib');

if (require.main === module) {
	child(JSON.parse(process.argv[2])).then(
		(r) => process.stdout.write(`${JSON.stringify(r)}\n`),
		(e) => {
			process.stderr.write(`${(e && e.stack) || e}\n`);
			process.exit(1);
		},
	);
}

async function child({ mode, url, token, accountId, campaignId, numbers, lanes, n8nDir }) {
	const http = require('http');
	const target = `${url}/api/v2/config/campaigns/${campaignId}/lead`;
	const headers = { authorization: `Bearer ${token}`, 'x-account-id': accountId };
	let send;
	if (mode === 'n8n-helper') {
		// The same module instances n8n resolves for its nodes (n8n-core's own copies of @n8n/di and backend-network).
		const fromCore = (name) => require(require.resolve(name, { paths: [path.join(n8nDir, 'node_modules', 'n8n-core')] }));
		require(require.resolve('n8n-core', { paths: [n8nDir] }));
		const { Container } = fromCore('@n8n/di');
		const { OutboundHttp } = fromCore('@n8n/backend-network');
		const requests = Container.get(OutboundHttp).requests();
		send = async (number) => {
			await requests.request({ method: 'PUT', url: target, headers, body: { number }, json: true, timeout: 30000 });
			return true;
		};
	} else {
		const agent = mode === 'keepalive' ? new http.Agent({ keepAlive: true, maxSockets: lanes }) : undefined;
		send = (number) =>
			new Promise((resolve) => {
				const body = JSON.stringify({ number });
				const req = http.request(
					target,
					{
						method: 'PUT',
						headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
						agent: agent ?? new http.Agent(),
					},
					(res) => {
						res.resume();
						res.on('end', () => resolve(res.statusCode < 300));
					},
				);
				req.on('error', () => resolve(false));
				req.end(body);
			});
	}
	const cpu0 = process.cpuUsage();
	const started = performance.now();
	// A request that could not be sent counts as failed, like a refused one.
	const failed = await inLanes(numbers, lanes, (number) => send(number).catch(() => false));
	const ms = performance.now() - started;
	const cpu = process.cpuUsage(cpu0);
	return { ms: Math.round(ms), failed: failed.length, cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

/** Runs one reference client to completion in its own process (the current Node: the bench runs under Node 24). */
function runReferenceClient(options) {
	return new Promise((resolve, reject) => {
		execFile(process.execPath, [__filename, JSON.stringify(options)], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
			if (error) return reject(new Error(`reference client ${options.mode} failed: ${stderr || error.message}`));
			resolve(JSON.parse(stdout.trim().split('\n').pop()));
		});
	});
}

module.exports = { runReferenceClient };
