'use strict';
/**
 * Scale-out demo: n8n 2.40.7 in queue mode (Redis + one main + N workers sharing one database), this package
 * installed as users get it, the three vendor simulators. It runs
 *  1. every example workflow (test/e2e/workflows) with its e2e check (test/e2e/examples.js CHECKS),
 *  2. the polling triggers published with a 10-second poll: two vendor-side changes in two poll cycles must give
 *     exactly two executions (trigger state lives with the poll on main; executions land on the workers),
 *  3. benchmark 1 (lead creates through the QVOICE node) as one big execution and split over the workers,
 * and prints which worker ran what and the throughput reached.
 * Needs `redis-server` (Debian: apt-get install -y redis-server) and, for --db postgres (default), PostgreSQL's
 * server binaries (Debian: postgresql); --db sqlite shares one SQLite file instead (n8n warns it is unsupported).
 * Usage: node test/tools/node24.js node test/bench/queue-mode.js [--quick] [--workers 2] [--db postgres|sqlite]
 *   [--creates 10000] [--latency 20] [--max-in-flight 10] [--skip-build] [--skip-examples] [--skip-triggers] [--skip-bench]
 */
const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const inst = require('../tools/n8n-instance');
const { node24Env, node24Binary } = require('../tools/node24');
const { VENDORS, nodeType } = require('../tools/vendors');
const { startSimulators } = require('../simulators/cli');
const lib = require('./lib');

const args = lib.parseArgs(process.argv.slice(2), {
	quick: false,
	workers: 2,
	db: 'postgres',
	creates: 10000,
	latency: 20,
	maxInFlight: 10,
	concurrency: 10,
	skipBuild: false,
	skipExamples: false,
	skipTriggers: false,
	skipBench: false,
	triggers: '',
	keep: false,
});
if (args.quick && !process.argv.some((a) => a.startsWith('--creates'))) args.creates = 1000;
const log = (m) => process.stdout.write(`[queue] ${m}\n`);
const cleanups = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function spawnGroup(cmd, argv, { env, logFile }) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(cmd, argv, { env, stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);
	let exited = null;
	child.on('exit', (code, signal) => (exited = { code, signal }));
	const kill = (sig) => {
		try {
			process.kill(-child.pid, sig);
		} catch {
			/* gone */
		}
	};
	process.on('exit', () => kill('SIGKILL'));
	return {
		child,
		logFile,
		exited: () => exited,
		async stop() {
			if (exited) return;
			kill('SIGTERM');
			const deadline = Date.now() + 15000;
			while (!exited && Date.now() < deadline) await sleep(200);
			kill('SIGKILL');
		},
	};
}

async function waitUntil(fn, what, timeoutMs = 120000) {
	const start = Date.now();
	for (;;) {
		if (await fn().catch(() => false)) return;
		if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await sleep(300);
	}
}

function redisPing(port) {
	return new Promise((resolve) => {
		const s = net.connect({ port, host: '127.0.0.1' }, () => s.write('PING\r\n'));
		s.on('data', (d) => {
			s.destroy();
			resolve(String(d).startsWith('+PONG'));
		});
		s.on('error', () => resolve(false));
	});
}

async function startRedis(dir) {
	const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => fs.existsSync(p));
	if (!bin) throw new Error('redis-server is not installed (Debian: apt-get update && apt-get install -y redis-server)');
	const port = await inst.freePort();
	const p = spawnGroup(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { env: process.env, logFile: path.join(dir, 'redis.log') });
	cleanups.push(() => p.stop());
	await waitUntil(() => redisPing(port), 'redis-server');
	log(`redis-server on 127.0.0.1:${port}`);
	return port;
}

function pgBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return null;
	const v = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
	const dir = v && path.join(root, v, 'bin');
	return dir && fs.existsSync(path.join(dir, 'initdb')) ? dir : null;
}

/** A throw-away PostgreSQL cluster on a free port (run as the `postgres` user when we are root: postgres refuses root). */
async function startPostgres(dir) {
	const bin = pgBinDir();
	if (!bin) throw new Error('PostgreSQL server binaries not found (Debian: apt-get install -y postgresql), or use --db sqlite');
	const asRoot = process.getuid && process.getuid() === 0;
	const data = path.join(dir, 'pgdata');
	fs.mkdirSync(data, { recursive: true });
	const run = (argv) => (asRoot ? ['runuser', ['-u', 'postgres', '--', ...argv]] : [argv[0], argv.slice(1)]);
	if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
	const [c1, a1] = run([path.join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
	const init = spawnSync(c1, a1, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
	const port = await inst.freePort();
	const [c2, a2] = run([path.join(bin, 'postgres'), '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
	const logFile = path.join(dir, 'postgres.log');
	fs.writeFileSync(logFile, '');
	if (asRoot) spawnSync('chown', ['postgres:postgres', logFile]);
	const p = spawnGroup(c2, a2, { env: process.env, logFile });
	cleanups.push(() => p.stop());
	await waitUntil(async () => spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).status === 0, 'PostgreSQL');
	const [c3, a3] = run([path.join(bin, 'psql'), '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE n8n']);
	const created = spawnSync(c3, a3, { encoding: 'utf8' });
	if (created.status !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
	log(`PostgreSQL ${path.basename(path.dirname(bin))} on 127.0.0.1:${port} (database n8n)`);
	return { DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: '127.0.0.1', DB_POSTGRESDB_PORT: String(port), DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'postgres', DB_POSTGRESDB_PASSWORD: '' };
}

/** The environment every n8n process of the cluster shares (as n8n-instance.js sets it, plus queue mode and the DB). */
function clusterEnv(userFolder, sharedEnv) {
	return {
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_MODE: 'internal',
		N8N_LOG_LEVEL: 'info',
		...sharedEnv,
	};
}

function importWithEnv(userFolder, env, kind, payload) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-queue-import-'));
	try {
		if (kind === 'credentials') {
			const f = path.join(dir, 'c.json');
			fs.writeFileSync(f, JSON.stringify(payload), { mode: 0o600 });
			return inst.n8nCli(userFolder, ['import:credentials', `--input=${f}`, '--decrypted'], { env });
		}
		payload.forEach((w, i) => fs.writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(w)));
		return inst.n8nCli(userFolder, ['import:workflow', '--separate', `--input=${dir}`], { env });
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function startWorker(k, userFolder, env) {
	const healthPort = await inst.freePort();
	const brokerPort = await inst.freePort();
	const logFile = path.join(userFolder, `worker-${k}.log`);
	const w = spawnGroup(node24Binary(), [inst.n8nBinJs, 'worker', '--concurrency=10'], {
		env: node24Env({ ...process.env, ...env, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_RUNNERS_BROKER_PORT: String(brokerPort) }),
		logFile,
	});
	cleanups.push(() => w.stop());
	await waitUntil(async () => {
		if (w.exited()) throw new Error(`worker ${k} exited: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
		return (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).ok;
	}, `worker ${k}`);
	log(`worker ${k} ready (pid ${w.child.pid}, log ${logFile})`);
	return { k, ...w, pid: w.child.pid };
}

/** Which worker ran each execution id, from the workers' "Worker started execution N" log lines. */
function executionsByWorker(workers) {
	const map = new Map();
	for (const w of workers) {
		const text = fs.readFileSync(w.logFile, 'utf8');
		for (const m of text.matchAll(/Worker started execution (\d+)/g)) map.set(m[1], w.k);
	}
	return map;
}

async function main() {
	const t0 = Date.now();
	await inst.ensureN8n({ log });
	if (!args.skipBuild) inst.buildPackage({ log });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-queue-n8n-'));
	const infraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-queue-infra-'));
	const results = { examples: [], triggers: [], bench: [] };
	try {
		const tarball = inst.packPackage(path.join(userFolder, 'pack'), { log });
		inst.installPackage(userFolder, tarball, { log });
		const redisPort = await startRedis(infraDir);
		const dbEnv = args.db === 'sqlite' ? { DB_TYPE: 'sqlite' } : await startPostgres(infraDir);
		const shared = clusterEnv(userFolder, {
			...dbEnv,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
			// n8n 2.x: manual runs go to workers too (the default from n8n 3).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_PAYLOAD_SIZE_MAX: '64',
		});

		const sims = await startSimulators({ ephemeral: true, log });
		cleanups.push(() => sims.stop());
		const simByKey = Object.fromEntries(sims.running.map((r) => [r.vendor.key, r]));
		const credentials = VENDORS.filter((v) => simByKey[v.key]).map((v) => ({ id: v.credentialId, name: v.credentialName, type: v.credentialType, data: simByKey[v.key].credentials }));
		importWithEnv(userFolder, shared, 'credentials', credentials);

		const examples = inst.exampleWorkflows().map((ex) => ({ ...ex, id: inst.workflowIdFor(ex.file), missing: [] }));
		const qsim = simByKey.qvoice.sim;
		const token = await lib.qvoiceLogin(simByKey.qvoice.url, qsim.demo);
		const createCampaignId = qsim.campaignIds[qsim.campaignIds.length - 1];
		const [oursCreate] = lib.benchWorkflows({ simUrl: simByKey.qvoice.url, token, accountId: qsim.demo.accountId, createCampaignId, listCampaignId: qsim.bigCampaignId, concurrency: args.concurrency, batchSize: 10, batchIntervals: [], pageSize: 1000 });
		oursCreate.settings.saveDataSuccessExecution = 'none';
		// The same workflow at half the concurrency, for runs split over two executions (same total in flight).
		const half = JSON.parse(JSON.stringify(oursCreate));
		half.id = 'benchwfhalf00000';
		half.name = 'Bench: create leads (QVOICE node, half concurrency)';
		half.nodes[0].parameters.path = 'bench-create-ours-half';
		half.nodes[0].webhookId = crypto.randomUUID();
		half.nodes[2].parameters.options.concurrency = Math.max(1, Math.floor(args.concurrency / args.workers));
		importWithEnv(userFolder, shared, 'workflows', [...examples.map((e) => ({ ...e.json, id: e.id, active: false })), oursCreate, half]);

		const port = await inst.freePort();
		const n8n = await inst.startN8n({ userFolder, port, log, env: shared });
		cleanups.push(() => n8n.stop());
		const workers = [];
		for (let k = 1; k <= args.workers; k++) workers.push(await startWorker(k, userFolder, shared));
		const client = new inst.N8nClient(n8n.url);
		await client.ensureOwner();
		await client.createApiKey('queue');
		const ctx = { client, n8n, sims, simByKey, credentials, examples, log, builtNodes: inst.builtNodeNames(), inventory: require('../tools/vendors').inventory() };
		log(`queue-mode cluster ready in ${lib.secs(Date.now() - t0)}: main ${n8n.url} + ${workers.length} workers, ${args.db}`);

		if (!args.skipExamples) {
			const { CHECKS } = require('../e2e/examples');
			for (const ex of examples) {
				const check = CHECKS[ex.file];
				const started = Date.now();
				let outcome = 'passed';
				if (!check) outcome = 'no e2e check';
				else {
					try {
						await check({ ctx, ex, t: { skip: () => {} } });
					} catch (e) {
						outcome = `FAILED: ${String(e.message).split('\n')[0].slice(0, 160)}`;
					}
				}
				const execs = await client.executions(ex.id, { limit: 50 }).catch(() => []);
				const byWorker = executionsByWorker(workers);
				const where = [...new Set(execs.map((e) => byWorker.get(String(e.id))).filter(Boolean))].map((k) => `worker ${k}`).join(', ') || (execs.length ? 'saved without worker log line' : '-');
				results.examples.push({ file: ex.file, outcome, executions: execs.length, where, ms: Date.now() - started });
				log(`example ${ex.file}: ${outcome} (${execs.length} executions on ${where})`);
			}
		}

		if (!args.skipTriggers) {
			const { POLLING, createWorkflow } = require('../e2e/triggers');
			const { pollEvery10s, waitFor, nodeOutput } = require('../e2e/environment');
			await Promise.all(
				Object.entries(POLLING)
					.filter(([name, spec]) => spec.change && spec.matches && simByKey[spec.vendor] && (!args.triggers || args.triggers.split(',').includes(name)))
					.map(async ([name, spec]) => {
						const cred = credentials.find((c) => c.type === VENDORS.find((v) => v.key === spec.vendor).credentialType);
						const sim = simByKey[spec.vendor].sim;
						let outcome = 'passed';
						let where = '-';
						try {
							const wfId = await createWorkflow(ctx, `queue poll ${name}`, {
								type: nodeType(name),
								parameters: { ...spec.parameters(ctx), pollTimes: pollEvery10s() },
								credentials: { [cred.type]: { id: cred.id, name: cred.name } },
							});
							const mark = sim.ledger.length;
							await client.activate(wfId);
							await waitFor(() => sim.ledger.length > mark, { what: `${name} baseline poll` });
							await sleep(1500);
							const changes = [];
							for (let n = 1; n <= 3; n++) {
								changes.push(await spec.change(sim, ctx));
								await waitFor(async () => (await client.executions(wfId)).length >= n, { what: `${name} execution ${n}`, timeoutMs: 45000 });
							}
							const m2 = sim.ledger.length;
							await waitFor(() => sim.ledger.length >= m2 + 2, { what: `${name} two idle polls`, timeoutMs: 40000 });
							await sleep(12000);
							const execs = (await client.executions(wfId, { limit: 50 })).sort((a, b) => Number(a.id) - Number(b.id));
							if (execs.length !== changes.length) throw new Error(`${changes.length} changes gave ${execs.length} executions`);
							for (const [i, e] of execs.entries()) {
								const items = nodeOutput(await client.execution(e.id), 'Trigger') || [];
								if (!items.some((it) => spec.matches(it, changes[i]))) throw new Error(`execution ${e.id} does not show change ${i + 1}`);
							}
							const byWorker = executionsByWorker(workers);
							where = execs.map((e) => `#${e.id}→w${byWorker.get(String(e.id)) || '?'}`).join(' ');
							await client.deactivate(wfId);
						} catch (e) {
							outcome = `FAILED: ${String(e.message).split('\n')[0].slice(0, 160)}`;
						}
						results.triggers.push({ name, outcome, where });
						log(`trigger ${name}: ${outcome} (${where})`);
					}),
			);
		}

		if (!args.skipBench) {
			await client.activate(oursCreate.id);
			await client.activate(half.id);
			qsim.setLatency(args.latency);
			const runs = [
				{ label: `1 execution × ${args.creates} (Concurrency ${args.concurrency})`, parts: 1, path: 'bench-create-ours', limit: { maxInFlight: args.maxInFlight } },
				{ label: `${args.workers} executions × ${args.creates / args.workers} (Concurrency ${half.nodes[2].parameters.options.concurrency} each)`, parts: args.workers, path: 'bench-create-ours-half', limit: { maxInFlight: args.maxInFlight } },
				{ label: `${args.workers} executions × ${args.creates / args.workers} (Concurrency ${args.concurrency} each), no vendor limit`, parts: args.workers, path: 'bench-create-ours', limit: null },
			];
			await lib.callWebhook(n8n.url, 'bench-create-ours', { leads: lib.numbersFor(95, 20).map((number) => ({ number })) }); // warm-up
			for (const [ri, run] of runs.entries()) {
				qsim.setRateLimit(run.limit);
				const numbers = lib.numbersFor(40 + ri, args.creates);
				const per = Math.ceil(numbers.length / run.parts);
				const from = qsim.ledger.length;
				const rss = lib.rssSampler(workers.map((w) => w.pid));
				const started = Date.now();
				const answers = await Promise.all(
					Array.from({ length: run.parts }, (_, p) => lib.callWebhook(n8n.url, run.path, { leads: numbers.slice(p * per, (p + 1) * per).map((number) => ({ number })) })),
				);
				const ms = Date.now() - started;
				const mem = rss.stop();
				const stats = lib.ledgerStats(qsim, from, /\/lead$/);
				const { created, duplicates } = lib.createdAndDuplicates(qsim, createCampaignId, numbers);
				const succeeded = answers.reduce((s, a) => s + (a.status === 200 && Array.isArray(a.body) ? a.body.filter((j) => j && !j.error).length : 0), 0);
				const row = { label: run.label, ms, perSec: Math.round((args.creates / ms) * 1000), requests: stats.requests, rateLimited: stats.rateLimited, failed: args.creates - succeeded, created, duplicates, peak: mem.peakBytes };
				results.bench.push(row);
				for (const a of answers) if (a.status !== 200) log(`  webhook answered HTTP ${a.status}: ${JSON.stringify(a.body).slice(0, 300)}`);
				log(`${run.label}: ${lib.secs(ms)} (${row.perSec}/s), ${row.requests} requests, ${row.rateLimited} × 429, ${row.failed} failed, ${duplicates} duplicates`);
			}
			qsim.setRateLimit(null);
			qsim.setLatency(0);
			const byWorker = executionsByWorker(workers);
			const counts = workers.map((w) => `worker ${w.k}: ${[...byWorker.values()].filter((k) => k === w.k).length} executions`).join(', ');
			log(`executions per worker over the whole run: ${counts}`);
			results.perWorker = counts;
		}
	} finally {
		for (const c of cleanups.reverse()) await c().catch(() => {});
		if (args.keep) log(`kept ${userFolder} and ${infraDir}`);
		else {
			fs.rmSync(userFolder, { recursive: true, force: true });
			fs.rmSync(infraDir, { recursive: true, force: true });
		}
	}

	const out = [];
	if (results.examples.length) out.push(lib.table(['example workflow', 'result', 'executions', 'ran on'], results.examples.map((r) => [r.file, r.outcome, r.executions, r.where])).text);
	if (results.triggers.length) out.push(lib.table(['polling trigger (3 changes, 10-s polls)', 'result', 'execution → worker'], results.triggers.map((r) => [r.name, r.outcome, r.where])).text);
	if (results.bench.length) {
		out.push(
			lib.table(
				['benchmark 1 in queue mode', 'wall time', 'leads/s', 'requests', '429s', 'failed items', 'duplicates', 'workers peak RSS'],
				results.bench.map((r) => [r.label, lib.secs(r.ms), r.perSec, r.requests, r.rateLimited, r.failed, r.duplicates, lib.mb(r.peak)]),
			).text,
		);
	}
	console.log(`\nQueue mode: 1 main + ${args.workers} workers, Redis, ${args.db}; ${args.latency} ms latency${args.skipBench ? '' : `, vendor limit ${args.maxInFlight} in flight`}\n\n${out.join('\n\n')}\n${results.perWorker || ''}\nwhole run ${lib.secs(Date.now() - t0)}`);
	const failed = [...results.examples, ...results.triggers].some((r) => /FAILED/.test(r.outcome)) || results.bench.some((r) => r.failed || r.duplicates);
	return failed ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	async (e) => {
		console.error(e);
		for (const c of cleanups.reverse()) await c().catch(() => {});
		process.exit(1);
	},
);
