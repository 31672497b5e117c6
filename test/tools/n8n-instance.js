'use strict';
/**
 * A real n8n for the sandbox (`npm start`), the e2e tier (2.40.7) and the compatibility tier (every n8n line the
 * package claims): provisioning into a cache outside the repo keyed by version, building and packing this package
 * and installing the tarball the way users get it, CLI imports, start/stop (own process group, nothing left behind)
 * and a small REST client (owner setup, login, API key, credential test).
 * Every function takes an optional `version`; the default is OUTBOUND_N8N_VERSION or 2.40.7.
 * Runs under Node 24 (use test/tools/node24.js); n8n 1.123 (engines node >=20.19 <=24.x) runs on it too.
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { node24Env, node24Binary, cacheRoot } = require('./node24');
const { ROOT, PACKAGE_NAME } = require('./vendors');

const N8N_VERSION = process.env.OUTBOUND_N8N_VERSION || '2.40.7';

/** Where a version lives in the cache. */
function n8nPaths(version = N8N_VERSION) {
	const dir = path.join(cacheRoot, `n8n-${version}`);
	return { dir, binJs: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), readyMarker: path.join(dir, '.ready') };
}
const { dir: n8nDir, binJs: n8nBinJs } = n8nPaths();

/**
 * What installing a version needs beyond `npm install --ignore-scripts n8n@<version>`.
 * n8n 1.x: n8n-nodes-base depends on `xlsx` by a tarball URL on cdn.sheetjs.com (outside the npm registry, not
 * reachable from CI): the cache folder's package.json overrides it with the registry's `xlsx` (only n8n's own
 * Spreadsheet File node uses it). Native modules are rebuilt for the Node that runs n8n (whichever of them the
 * version ships: sqlite3 always, isolated-vm from 2.x).
 */
function installRecipe(version) {
	const major = Number(String(version).split('.')[0]);
	return {
		overrides: major < 2 ? { xlsx: '0.18.5' } : undefined,
		nativeModules: ['sqlite3', 'isolated-vm'],
	};
}

const OWNER = {
	email: process.env.OUTBOUND_N8N_EMAIL || 'owner@example.com',
	password: process.env.OUTBOUND_N8N_PASSWORD || 'Sandbox-Pass-1',
	firstName: 'Ops',
	lastName: 'Owner',
};

function fmtSecs(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs a command, streaming its output to a log file and printing a heartbeat so long steps show progress. */
function runWithProgress(cmd, args, { cwd, env, logFile, label, log, heartbeatMs = 15000, progress }) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const out = fs.openSync(logFile, 'a');
		fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}  (cwd ${cwd})\n`);
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out] });
		const timer = setInterval(() => {
			const extra = progress ? ` — ${progress()}` : '';
			log(`${label}: still working, ${fmtSecs(Date.now() - started)}${extra}`);
		}, heartbeatMs);
		child.on('error', (e) => {
			clearInterval(timer);
			fs.closeSync(out);
			reject(e);
		});
		child.on('exit', (code) => {
			clearInterval(timer);
			fs.closeSync(out);
			if (code === 0) resolve(Date.now() - started);
			else {
				const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
				reject(new Error(`${label} failed (exit ${code}); see ${logFile}\n${tail}`));
			}
		});
	});
}

/** Installs n8n `version` into the cache once (about 5 min); later calls return at once. */
async function ensureN8n({ version = N8N_VERSION, log = console.log } = {}) {
	const { dir, binJs, readyMarker } = n8nPaths(version);
	if (fs.existsSync(readyMarker) && fs.existsSync(binJs)) {
		log(`n8n ${version}: cached at ${dir}`);
		return { installedMs: 0 };
	}
	const started = Date.now();
	log(`n8n ${version}: not in the cache, installing into ${dir} (once; about 5 minutes, 2–3 GB)`);
	fs.mkdirSync(dir, { recursive: true });
	const recipe = installRecipe(version);
	const cachePkg = { name: 'n8n-cache', private: true };
	if (recipe.overrides) cachePkg.overrides = recipe.overrides;
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(cachePkg, null, 2));
	// Run under `npm test`/`npm start`, npm hands its own config down as npm_config_* variables — including this
	// repo's ignore-scripts=true, which would silently skip the native rebuild below (n8n then has no sqlite3).
	const env = Object.fromEntries(Object.entries(node24Env()).filter(([k]) => !/^npm_config_/i.test(k)));
	const nodeDir = path.dirname(path.dirname(node24Binary()));
	env.npm_config_nodedir = nodeDir;
	const logFile = path.join(dir, 'install.log');
	// npm logs every registry fetch at loglevel http: counting them in the log shows how far the install is.
	const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
	const count = () => {
		try {
			const fd = fs.openSync(logFile, 'r');
			const size = fs.fstatSync(fd).size - logStart;
			const buf = Buffer.alloc(Math.max(0, size));
			fs.readSync(fd, buf, 0, buf.length, logStart);
			fs.closeSync(fd);
			const text = buf.toString('utf8');
			const fetched = (text.match(/http fetch GET 200 \S+\.tgz/g) || []).length;
			const metadata = (text.match(/http fetch GET 200 /g) || []).length - fetched;
			return fetched ? `${fetched} package tarballs downloaded so far` : `resolving dependencies (${metadata} lookups)`;
		} catch {
			return 'starting';
		}
	};
	// The overrides above apply to the whole tree, since they sit in the root package.json of the install.
	await runWithProgress('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http', `n8n@${version}`], {
		cwd: dir,
		env,
		logFile,
		label: `n8n ${version} install`,
		log,
		progress: count,
	});
	const natives = recipe.nativeModules.filter((m) => fs.existsSync(path.join(dir, 'node_modules', m, 'package.json')));
	log(`n8n ${version}: packages installed after ${fmtSecs(Date.now() - started)}; building native modules (${natives.join(', ')})`);
	await runWithProgress('npm', ['rebuild', '--ignore-scripts=false', ...natives], { cwd: dir, env, logFile, label: 'native rebuild', log });
	if (!fs.existsSync(binJs)) throw new Error(`n8n install finished but ${binJs} is missing; see ${logFile}`);
	const sqliteBinary = path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	if (!fs.existsSync(sqliteBinary)) throw new Error(`n8n's sqlite3 native module was not built (${sqliteBinary} missing); see ${logFile}`);
	fs.writeFileSync(readyMarker, new Date().toISOString());
	const installedMs = Date.now() - started;
	log(`n8n ${version}: ready after ${fmtSecs(installedMs)}`);
	return { installedMs };
}

function runSync(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { cwd: ROOT, env: node24Env(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
	if (r.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${(r.stdout || '').slice(-4000)}\n${(r.stderr || '').slice(-4000)}`);
	}
	return r.stdout;
}

/** `npm run build` with its output shown. */
function buildPackage({ log = console.log } = {}) {
	const started = Date.now();
	log('building the package (npm run build)...');
	runSync('npm', ['run', 'build'], { stdio: 'inherit' });
	log(`build done in ${fmtSecs(Date.now() - started)}`);
}

/**
 * `npm pack` into destDir; returns the tarball path. When the checkout is incomplete (a vendor's files have not
 * landed yet), n8n would refuse the whole package, so the package is then packed from a staging copy whose
 * package.json lists only the built files — said loudly; a complete checkout is packed exactly as published.
 */
function packPackage(destDir, { log = console.log } = {}) {
	fs.mkdirSync(destDir, { recursive: true });
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const missing = [...pkg.n8n.credentials, ...pkg.n8n.nodes].filter((p) => !fs.existsSync(path.join(ROOT, p)));
	let cwd = ROOT;
	if (missing.length) {
		log(`!! INCOMPLETE PACKAGE: ${missing.join(', ')} not built; packing a staging copy without them (never publish this)`);
		cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-pack-'));
		const staged = { ...pkg, n8n: { ...pkg.n8n } };
		staged.n8n.credentials = pkg.n8n.credentials.filter((p) => !missing.includes(p));
		staged.n8n.nodes = pkg.n8n.nodes.filter((p) => !missing.includes(p));
		fs.writeFileSync(path.join(cwd, 'package.json'), JSON.stringify(staged, null, 2));
		fs.cpSync(path.join(ROOT, 'dist'), path.join(cwd, 'dist'), { recursive: true });
		for (const f of ['README.md', 'LICENSE', 'LICENSE.md']) if (fs.existsSync(path.join(ROOT, f))) fs.copyFileSync(path.join(ROOT, f), path.join(cwd, f));
	}
	try {
		const out = runSync('npm', ['pack', '--json', '--pack-destination', destDir], { cwd });
		const info = JSON.parse(out.slice(out.indexOf('[')))[0];
		const tarball = path.join(destDir, info.filename);
		log(`packed ${info.filename} (${info.entryCount} files, ${Math.round(info.size / 1024)} kB)`);
		return tarball;
	} finally {
		if (cwd !== ROOT) fs.rmSync(cwd, { recursive: true, force: true });
	}
}

/** Installs the tarball into <userFolder>/.n8n/nodes as n8n's community-package loader expects. */
function installPackage(userFolder, tarball, { log = console.log } = {}) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pj = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pj)) fs.writeFileSync(pj, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	// The version number does not change between builds: drop the old copy so npm really re-extracts.
	fs.rmSync(path.join(nodesDir, 'node_modules', PACKAGE_NAME), { recursive: true, force: true });
	const local = path.join(nodesDir, path.basename(tarball));
	fs.copyFileSync(tarball, local);
	runSync('npm', ['install', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', `./${path.basename(local)}`], { cwd: nodesDir });
	log(`installed ${path.basename(tarball)} into ${nodesDir}`);
}

function n8nEnv(userFolder, port, extra = {}) {
	return node24Env({
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_MODE: 'internal',
		DB_TYPE: 'sqlite',
		...extra,
	});
}

/** Runs an n8n CLI command (e.g. import:credentials) against a user folder; n8n itself should not be running. */
function n8nCli(userFolder, args, { port = 5678, env = {}, version = N8N_VERSION } = {}) {
	return runSync(node24Binary(), [n8nPaths(version).binJs, ...args], { env: n8nEnv(userFolder, port, env) });
}

function importCredentials(userFolder, credentials, { version } = {}) {
	const file = path.join(os.tmpdir(), `outbound-creds-${process.pid}-${Date.now()}.json`);
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
	try {
		return n8nCli(userFolder, ['import:credentials', `--input=${file}`, '--decrypted'], { version });
	} finally {
		fs.rmSync(file, { force: true });
	}
}

function importWorkflows(userFolder, workflows, { version } = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-wf-'));
	workflows.forEach((w, i) => fs.writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(w, null, 2)));
	try {
		return n8nCli(userFolder, ['import:workflow', '--separate', `--input=${dir}`], { version });
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

function canListen(port) {
	return new Promise((resolve) => {
		const s = net.createServer();
		s.unref();
		s.once('error', () => resolve(false));
		s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
	});
}

/**
 * A free port below Linux's ephemeral range (32768–60999): a port the OS hands out for bind(0) can be taken by any
 * outgoing connection (n8n's own included) before n8n binds it, which made its task broker fail to start.
 */
const takenByUs = new Set();
async function freePort(lo = 20000, hi = 30000) {
	for (let i = 0; i < 200; i++) {
		const port = lo + Math.floor(Math.random() * (hi - lo));
		if (takenByUs.has(port)) continue;
		if (await canListen(port)) {
			takenByUs.add(port);
			return port;
		}
	}
	throw new Error(`no free port between ${lo} and ${hi}`);
}

function portInUse(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const sock = net.connect({ port, host });
		sock.once('connect', () => {
			sock.destroy();
			resolve(true);
		});
		sock.once('error', () => resolve(false));
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `n8n start` in its own process group (so stop() ends it and its task runner together), waits for /healthz.
 * @returns {Promise<{url, port, child, logFile, stop: () => Promise<void>}>}
 */
async function startN8n({ userFolder, port = 5678, host = '127.0.0.1', env = {}, logFile, log = console.log, timeoutMs = 180000, version = N8N_VERSION }) {
	if (await portInUse(port)) throw new Error(`port ${port} is already in use; stop what runs there or choose another port (N8N_PORT for npm start, OUTBOUND_E2E_PORT for the e2e tier)`);
	const brokerPort = await freePort();
	const baseUrl = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
	const fullEnv = n8nEnv(userFolder, port, {
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		WEBHOOK_URL: `${baseUrl}/`,
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		...env,
	});
	logFile = logFile || path.join(userFolder, 'n8n.log');
	const out = fs.openSync(logFile, 'a');
	const started = Date.now();
	const child = spawn(node24Binary(), [n8nPaths(version).binJs, 'start'], { env: fullEnv, stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);
	let exited = null;
	child.on('exit', (code, signal) => (exited = { code, signal }));
	const killGroup = (sig) => {
		try {
			process.kill(-child.pid, sig);
		} catch {
			/* already gone */
		}
	};
	// Whatever happens to this process, the n8n group must not outlive it.
	const onExit = () => killGroup('SIGKILL');
	process.on('exit', onExit);

	const stop = async () => {
		process.removeListener('exit', onExit);
		if (exited) return killGroup('SIGKILL');
		killGroup('SIGTERM');
		const deadline = Date.now() + 20000;
		while (!exited && Date.now() < deadline) await sleep(200);
		killGroup('SIGKILL');
	};

	log(`starting n8n ${version} on ${baseUrl} (log: ${logFile})`);
	let lastBeat = Date.now();
	for (;;) {
		if (exited) {
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
			throw new Error(`n8n exited during start-up (${JSON.stringify(exited)}); last log lines:\n${tail}`);
		}
		try {
			// /healthz answers before the REST routes are mounted: wait for the editor's settings endpoint too.
			const r = await fetch(`${baseUrl}/healthz`);
			if (r.ok) {
				const s = await fetch(`${baseUrl}/rest/settings`);
				if (s.ok && /json/.test(s.headers.get('content-type') || '')) break;
			}
		} catch {
			/* not listening yet */
		}
		if (Date.now() - started > timeoutMs) {
			await stop();
			throw new Error(`n8n did not answer /healthz within ${timeoutMs / 1000} s; see ${logFile}`);
		}
		if (Date.now() - lastBeat > 10000) {
			lastBeat = Date.now();
			log(`waiting for n8n... ${fmtSecs(Date.now() - started)}`);
		}
		await sleep(500);
	}
	const startMs = Date.now() - started;
	log(`n8n ready (REST API up) after ${fmtSecs(startMs)}`);
	return { url: baseUrl, port, child, logFile, stop, startMs, isRunning: () => !exited };
}

/** Cookie-session client for n8n's internal REST API (what the editor uses) plus the public API once a key exists. */
class N8nClient {
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/$/, '');
		this.cookie = '';
		this.apiKey = '';
	}

	async request(method, urlPath, body, { headers = {}, allowError = false } = {}) {
		const h = { accept: 'application/json', ...headers };
		if (body !== undefined) h['content-type'] = 'application/json';
		if (this.cookie && !urlPath.startsWith('/api/')) h.cookie = this.cookie;
		if (this.apiKey && urlPath.startsWith('/api/')) h['x-n8n-api-key'] = this.apiKey;
		const r = await fetch(this.baseUrl + urlPath, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
		const setCookies = r.headers.getSetCookie ? r.headers.getSetCookie() : [];
		const auth = setCookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		const text = await r.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = text;
		}
		if (!r.ok && !allowError) {
			const msg = (json && (json.message || (json.data && json.data.message))) || text;
			const err = new Error(`${method} ${urlPath} → ${r.status}: ${String(msg).slice(0, 500)}`);
			err.status = r.status;
			err.body = json;
			throw err;
		}
		return { status: r.status, body: json, data: json && json.data !== undefined ? json.data : json };
	}

	/** Creates the owner on a fresh instance, or logs in when it exists already. */
	async ensureOwner(owner = OWNER) {
		const setup = await this.request('POST', '/rest/owner/setup', owner, { allowError: true });
		if (setup.status === 200) return { created: true };
		await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		return { created: false };
	}

	/** A public-API key with every scope the owner may have. */
	async createApiKey(label = `outbound-${Date.now()}`) {
		const scopes = (await this.request('GET', '/rest/api-keys/scopes')).data;
		const key = (await this.request('POST', '/rest/api-keys', { label, scopes, expiresAt: null })).data;
		this.apiKey = key.rawApiKey;
		return key.rawApiKey;
	}

	/** The editor's "Test" button: POST /rest/credentials/test; data (optional) overrides stored fields. */
	async testCredential({ id, name = '', type, data }) {
		return (await this.request('POST', '/rest/credentials/test', { credentials: { id, name, type, data } })).data;
	}

	async activate(id) {
		return (await this.request('POST', `/api/v1/workflows/${id}/activate`)).body;
	}

	async deactivate(id) {
		return (await this.request('POST', `/api/v1/workflows/${id}/deactivate`)).body;
	}

	async executions(workflowId, { status, limit = 100, includeData = false } = {}) {
		const q = new URLSearchParams({ workflowId, limit: String(limit), includeData: String(includeData) });
		if (status) q.set('status', status);
		return (await this.request('GET', `/api/v1/executions?${q}`)).body.data;
	}

	async execution(id) {
		return (await this.request('GET', `/api/v1/executions/${id}?includeData=true`)).body;
	}
}

/** Reads the example workflows (test/e2e/workflows/*.json). */
function exampleWorkflows() {
	const dir = path.join(ROOT, 'test', 'e2e', 'workflows');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ file: f, json: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}

/** Node types a workflow uses from this package. */
function packageTypesIn(workflow) {
	return workflow.nodes.map((n) => n.type).filter((t) => t.startsWith(`${PACKAGE_NAME}.`)).map((t) => t.slice(PACKAGE_NAME.length + 1));
}

/** Nodes present in the built package (dist), read from the n8n section of package.json: {name, displayName, trigger}. */
function builtNodeInfo() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return pkg.n8n.nodes
		.filter((p) => fs.existsSync(path.join(ROOT, p)))
		.map((p) => {
			try {
				const mod = require(path.join(ROOT, p));
				const Cls = Object.values(mod).find((v) => typeof v === 'function');
				const inst = new Cls();
				const d = inst.description || (inst.nodeVersions && Object.values(inst.nodeVersions)[0].description);
				return { name: d.name, displayName: d.displayName, trigger: (d.group || []).includes('trigger') || /Trigger$/.test(d.name) };
			} catch {
				return null;
			}
		})
		.filter(Boolean);
}

function builtNodeNames() {
	return builtNodeInfo().map((n) => n.name);
}

function builtCredentialNames() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return pkg.n8n.credentials
		.filter((p) => fs.existsSync(path.join(ROOT, p)))
		.map((p) => {
			try {
				const mod = require(path.join(ROOT, p));
				const Cls = Object.values(mod).find((v) => typeof v === 'function');
				return new Cls().name;
			} catch {
				return null;
			}
		})
		.filter(Boolean);
}

/** A stable 16-character workflow id from the example's file name (so re-imports overwrite, not duplicate). */
function workflowIdFor(file) {
	return 'ex' + require('crypto').createHash('sha1').update(file).digest('hex').slice(0, 14);
}

module.exports = {
	N8N_VERSION,
	n8nDir,
	n8nBinJs,
	n8nPaths,
	installRecipe,
	OWNER,
	ensureN8n,
	buildPackage,
	packPackage,
	installPackage,
	n8nCli,
	importCredentials,
	importWorkflows,
	startN8n,
	N8nClient,
	freePort,
	portInUse,
	exampleWorkflows,
	packageTypesIn,
	builtNodeNames,
	builtNodeInfo,
	builtCredentialNames,
	workflowIdFor,
	fmtSecs,
	sleep,
};
