// Fault matrix for talkdesk: every operation class under every fault, through the engine against the simulator.
// The three promises are checked per run (see matrix.js); the figures go to test-output/reliability-summary.md.
const { runVendor, writeSummary } = require('./matrix');

test('talkdesk: no item lost, none duplicated, every error explained, under every fault', async () => {
	const results = await runVendor('talkdesk');
	const { markdown } = writeSummary();
	console.log(`reliability fault matrix (talkdesk done)\n${markdown}`);
	const problems = results.flatMap((r) => r.problems.map((p) => `${r.op} / ${r.fault}: ${p}`));
	expect(problems).toEqual([]);
	expect(results.reduce((a, r) => a + r.lost + r.duplicated, 0)).toBe(0);
	expect(results.length).toBeGreaterThanOrEqual(6 * 9);
}, 90000);
