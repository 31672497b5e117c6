// n8n-core writes an encryption key under $N8N_USER_FOLDER/.n8n on first use: keep it out of $HOME.
const fs = require('fs');
const os = require('os');
const path = require('path');

if (!process.env.N8N_USER_FOLDER) {
	const dir = path.join(os.tmpdir(), 'outbound-campaigns-jest-n8n');
	fs.mkdirSync(dir, { recursive: true });
	process.env.N8N_USER_FOLDER = dir;
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

// Every console line a test run produces goes to the secret scan as well (see capture.js).
const capture = require('./capture');
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
	const original = console[level].bind(console);
	console[level] = (...args) => {
		capture.log(args.map((a) => (typeof a === 'string' ? a : capture.deepText(a))).join(' '));
		original(...args);
	};
}

// n8n's own log lines (LoggerProxy, a no-op until initialised) are captured for the scan too, not printed.
require('n8n-workflow').LoggerProxy.init({
	error: (m, meta) => capture.log(`${m} ${meta ? capture.deepText(meta) : ''}`),
	warn: (m, meta) => capture.log(`${m} ${meta ? capture.deepText(meta) : ''}`),
	info: (m, meta) => capture.log(`${m} ${meta ? capture.deepText(meta) : ''}`),
	debug: (m, meta) => capture.log(`${m} ${meta ? capture.deepText(meta) : ''}`),
});
