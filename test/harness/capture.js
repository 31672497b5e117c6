'use strict';
/**
 * Records what users would see — every output item, error message/description and console line produced during
 * the test suite — plus the secrets known to the credential store, so the suite-wide secret scan
 * (secret-scan.js, jest globalTeardown) can prove no secret ever leaks.
 */
const fs = require('fs');
const path = require('path');

const DIR = path.join(__dirname, '..', '..', 'test-output', 'capture');
const file = path.join(DIR, `capture-${process.pid}.jsonl`);
let ready = false;

function write(kind, text) {
	if (text === undefined || text === null || text === '') return;
	if (!ready) {
		fs.mkdirSync(DIR, { recursive: true });
		ready = true;
	}
	const line = JSON.stringify({ kind, text: String(text) }) + '\n';
	try {
		fs.appendFileSync(file, line);
	} catch (e) {
		// Another jest run's global setup may have wiped the folder meanwhile: recreate it, keep recording.
		if (e.code !== 'ENOENT') throw e;
		fs.mkdirSync(DIR, { recursive: true });
		fs.appendFileSync(file, line);
	}
}

/** JSON of anything, including Error own properties and nested causes, cycles cut. */
function deepText(value) {
	const seen = new WeakSet();
	try {
		return JSON.stringify(value, function (_k, v) {
			if (v && typeof v === 'object') {
				if (seen.has(v)) return '[cycle]';
				seen.add(v);
				if (v instanceof Error) {
					const o = {};
					for (const k of Object.getOwnPropertyNames(v)) o[k] = v[k];
					return o;
				}
			}
			if (typeof v === 'bigint') return String(v);
			return v;
		});
	} catch (e) {
		return String(value);
	}
}

const SECRET_KEYS = new Set(['password', 'clientSecret', 'apiToken', 'accessToken', 'access_token', 'refresh_token', 'token', 'secret']);

/** Secret values of a credential's data: password-typed fields and token-like keys, at any depth. */
function secretsOf(data, passwordFields = []) {
	const out = new Set();
	const visit = (obj) => {
		if (!obj || typeof obj !== 'object') return;
		for (const [k, v] of Object.entries(obj)) {
			if (typeof v === 'string' && v.length >= 6 && (SECRET_KEYS.has(k) || passwordFields.includes(k))) out.add(v);
			else if (v && typeof v === 'object') visit(v);
		}
	};
	visit(data);
	return [...out];
}

module.exports = {
	DIR,
	output: (value) => write('output', deepText(value)),
	error: (value) => value && write('error', deepText(value)),
	log: (line) => write('log', line),
	secrets: (list) => list.forEach((s) => write('secret', s)),
	secretsOf,
	deepText,
};
