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
