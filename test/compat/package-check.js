#!/usr/bin/env node
'use strict';
/**
 * What gets published, checked before it is: `npm pack` of the built package must hold only dist/, README.md,
 * LICENSE, CHANGELOG.md (and package.json), with every node and credential n8n's manifest names; then n8n's
 * community-package scanner lints it as it does at verification time — its own `analyzePackage` on the unpacked
 * tarball (compiled .js + package.json) and on the source (package.json + nodes/ + credentials/). The scanner
 * itself only scans published packages with provenance, so its exported lint step is called directly.
 *
 * Run (after `npm run build`): node test/tools/node24.js node test/compat/package-check.js [--skip-scan]
 * The scanner comes from devDependency @n8n/scan-community-package (OUTBOUND_SCANNER_DIR overrides where).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT } = require('../tools/vendors');

const log = (m) => process.stdout.write(`[package] ${m}\n`);
const ALLOWED_TOP = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']);
const REQUIRED = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];
/** n8n 1.123 declares engines node ">=20.19 <= 24.x". */
const OLDEST_NODE_OF_SUPPORTED_N8N = ['20.19.0', '22.0.0'];

function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${r.stderr || r.stdout}`);
	return r.stdout;
}

/** Problems with the list of packed paths (empty when the package is as it must be). */
function contentProblems(paths, pkg) {
	const problems = [];
	for (const p of paths) if (!ALLOWED_TOP.has(p) && !p.startsWith('dist/')) problems.push(`unexpected file in the package: ${p}`);
	for (const p of REQUIRED) if (!paths.includes(p)) problems.push(`missing from the package: ${p}`);
	for (const p of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) if (!paths.includes(p)) problems.push(`package.json's n8n section names ${p}, which is not in the package (build first)`);
	if (!paths.some((p) => p.startsWith('dist/'))) problems.push('no dist/ in the package (build first)');
	// Users install into n8n 1.x on Node 20.19+/22: an engines range excluding them prints EBADENGINE.
	const range = pkg.engines && pkg.engines.node;
	if (range) {
		const semver = require(require.resolve('semver', { paths: [ROOT] }));
		for (const v of OLDEST_NODE_OF_SUPPORTED_N8N) if (!semver.satisfies(v, range)) problems.push(`engines.node "${range}" excludes Node ${v}, which n8n 1.x runs on (npm warns EBADENGINE)`);
	}
	return problems;
}

function scannerDir() {
	if (process.env.OUTBOUND_SCANNER_DIR) return process.env.OUTBOUND_SCANNER_DIR;
	try {
		return path.dirname(require.resolve('@n8n/scan-community-package/package.json', { paths: [ROOT] }));
	} catch {
		return null;
	}
}

/** The scanner's own lint step (scanner/scanner.mjs exports analyzePackage and the source patterns it uses). */
async function scan(unpackedDir) {
	const dir = scannerDir();
	if (!dir) throw new Error('@n8n/scan-community-package is not installed (devDependency); set OUTBOUND_SCANNER_DIR to its folder to use another copy');
	const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
	const scanner = await import(path.join(dir, 'scanner', 'scanner.mjs'));
	const legs = [
		// The same two legs as analyzePackageByName after its provenance and download steps.
		{ name: 'packed tarball (compiled .js + package.json)', dir: unpackedDir, patterns: ['**/*.js', 'package.json'] },
		{ name: 'source (package.json, nodes/, credentials/)', dir: ROOT, patterns: scanner.SOURCE_FILE_PATTERNS },
	];
	let passed = true;
	for (const leg of legs) {
		const r = await scanner.analyzePackage(leg.dir, leg.patterns);
		log(`scanner ${version}, ${leg.name}: ${r.passed ? 'passed' : `FAILED — ${r.message}`}`);
		if (!r.passed) {
			passed = false;
			if (r.details) process.stdout.write(`${r.details}\n`);
		}
	}
	return passed;
}

async function main() {
	const skipScan = process.argv.includes('--skip-scan');
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-package-check-'));
	let ok = true;
	try {
		// `npm pack --dry-run` lists exactly what `npm publish` would upload; the real pack feeds the scanner.
		const out = run('npm', ['pack', '--json', '--pack-destination', tmp]);
		const info = JSON.parse(out.slice(out.indexOf('[')))[0];
		const paths = info.files.map((f) => f.path).sort();
		const tops = [...new Set(paths.map((p) => (p.startsWith('dist/') ? 'dist/' : p)))];
		log(`${info.filename}: ${info.entryCount} files, ${Math.round(info.size / 1024)} kB packed; top level: ${tops.join(', ')}`);
		// The check itself must be able to fail: a stray file and a missing LICENSE are reported.
		const probe = contentProblems([...paths.filter((p) => p !== 'LICENSE'), 'test/stray.js'], { ...pkg, engines: { node: '>=24' } });
		for (const expected of ['test/stray.js', 'LICENSE', 'EBADENGINE']) if (!probe.some((p) => p.includes(expected))) throw new Error(`contentProblems does not report ${expected}`);
		const problems = contentProblems(paths, pkg);
		for (const p of problems) log(`!! ${p}`);
		if (problems.length) ok = false;
		else log('contents: only dist/, README.md, LICENSE, CHANGELOG.md and package.json — ok');

		if (skipScan) log('scanner lint skipped (--skip-scan)');
		else {
			const unpacked = path.join(tmp, 'unpacked');
			fs.mkdirSync(unpacked);
			run('tar', ['-xzf', path.join(tmp, info.filename), '-C', unpacked, '--strip-components=1']);
			if (!(await scan(unpacked))) ok = false;
		}
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	log(ok ? 'package check passed' : 'package check FAILED');
	return ok;
}

module.exports = { contentProblems };

if (require.main === module) {
	main().then(
		(ok) => process.exit(ok ? 0 : 1),
		(e) => {
			process.stderr.write(`[package] ${e.stack || e.message}\n`);
			process.exit(1);
		},
	);
}
