'use strict';
// jest globalSetup/globalTeardown: clear the capture before the run; afterwards count every captured output,
// error and log line that contains a known secret. Any hit fails the run.
const fs = require('fs');
const path = require('path');
const { DIR } = require('./capture');

async function setup() {
	fs.rmSync(DIR, { recursive: true, force: true });
}

async function teardown() {
	if (!fs.existsSync(DIR)) return;
	const secrets = new Set();
	const records = [];
	for (const f of fs.readdirSync(DIR)) {
		for (const line of fs.readFileSync(path.join(DIR, f), 'utf8').split('\n')) {
			if (!line) continue;
			const r = JSON.parse(line);
			if (r.kind === 'secret') secrets.add(r.text);
			else records.push(r);
		}
	}
	const counts = { output: 0, error: 0, log: 0 };
	const hits = [];
	for (const r of records) {
		counts[r.kind]++;
		for (const s of secrets) if (r.text.includes(s)) hits.push({ kind: r.kind, secret: `${s.slice(0, 4)}…(${s.length})`, at: r.text.slice(Math.max(0, r.text.indexOf(s) - 80), r.text.indexOf(s) + 20).replace(s, '«SECRET»') });
	}
	const summary = `secret scan: ${secrets.size} secrets checked against ${counts.output} outputs, ${counts.error} errors, ${counts.log} log lines: ${hits.length} hits`;
	fs.writeFileSync(path.join(DIR, '..', 'secret-scan.txt'), summary + '\n' + hits.map((h) => JSON.stringify(h)).join('\n') + '\n');
	process.stdout.write(`\n${summary}\n`);
	if (hits.length) {
		process.stdout.write(hits.slice(0, 20).map((h) => `  LEAK in ${h.kind}: ${h.secret} … ${h.at}`).join('\n') + '\n');
		throw new Error(`${hits.length} secret leak(s) found by the secret scan`);
	}
}

module.exports = { setup, teardown };
