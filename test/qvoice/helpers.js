'use strict';
// Shared test helpers for the QVOICE suite: a throw-away self-signed certificate, raw HTTP calls, harness setup.
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const https = require('https');
const { execFileSync } = require('child_process');

/** A self-signed certificate for 127.0.0.1, made with openssl into a temp dir (test-only, never committed). */
function makeSelfSignedCert() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qvoice-cert-'));
	const key = path.join(dir, 'key.pem');
	const cert = path.join(dir, 'cert.pem');
	execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
	return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

/** Raw request to a simulator: resolves { status, headers, body (parsed JSON or text) }. */
function call(base, method, pathWithQuery, { body, token, account, headers = {} } = {}) {
	const url = new URL(pathWithQuery, base);
	const lib = url.protocol === 'https:' ? https : http;
	const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
	const h = { ...headers };
	if (payload !== undefined && !h['content-type']) h['content-type'] = 'application/json';
	if (token) h.authorization = `Bearer ${token}`;
	if (account) h['x-account-id'] = account;
	return new Promise((resolve, reject) => {
		const req = lib.request(url, { method, headers: h, rejectUnauthorized: false }, (res) => {
			let data = '';
			res.on('data', (c) => (data += c));
			res.on('end', () => {
				let parsed = data;
				if (/json/.test(res.headers['content-type'] || '')) parsed = JSON.parse(data);
				resolve({ status: res.statusCode, headers: res.headers, body: parsed });
			});
		});
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

module.exports = { makeSelfSignedCert, call };
