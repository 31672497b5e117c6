// Runs on n8n 1.x too (issue 12.1): shipped code may only import values that n8n-workflow 1.120.31 (inside n8n
// 1.123.81, the latest 1.x) exports. The list below was read from that package's dist/esm/index.d.ts; type-only
// imports vanish at build time and are not checked. generateSecureToken (n8n-workflow ≥ 2.14) is the known trap.
const fs = require('fs');
const path = require('path');

const IN_N8N_WORKFLOW_1_120 = new Set(['NodeApiError', 'NodeConnectionTypes', 'NodeOperationError', 'sleep', 'updateDisplayOptions', 'deepCopy', 'jsonParse']);

function files(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

test('every value imported from n8n-workflow exists in n8n-workflow 1.120 (n8n 1.123)', () => {
	const root = path.join(__dirname, '..', '..');
	const used = new Map();
	for (const f of [...files(path.join(root, 'nodes')), ...files(path.join(root, 'credentials'))]) {
		const src = fs.readFileSync(f, 'utf8');
		for (const m of src.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'n8n-workflow'/g)) {
			if (m[1]) continue;
			for (const raw of m[2].split(',')) {
				const name = raw.trim().replace(/^type\s+/, '');
				if (!name || raw.trim().startsWith('type ')) continue;
				used.set(name, [...(used.get(name) || []), path.relative(root, f)]);
			}
		}
	}
	const missing = [...used].filter(([name]) => !IN_N8N_WORKFLOW_1_120.has(name));
	expect(missing).toEqual([]);
	expect(used.has('NodeConnectionTypes')).toBe(true); // the scan itself works
});
