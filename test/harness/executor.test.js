// The shared executor through the real engine: batches map results back by position, one output per input,
// pairedItem on every item, and bad input never reaches the wire.
const { createHarness } = require('./engine');
const shared = require('../../nodes/shared');

const sent = [];
class BatchProbe {
	description = {
		displayName: 'Batch Probe', name: 'batchProbe', group: ['transform'], version: 1, defaults: { name: 'Batch Probe' },
		inputs: ['main'], outputs: ['main'], properties: [{ displayName: 'Phone', name: 'phone', type: 'string', default: '' }],
	};
	async execute() {
		return [
			await shared.executeInBatches.call(this, {
				batchSize: 3,
				prepare(i) {
					return shared.must(this, i, 'Phone', shared.normalizePhoneE164(this.getNodeParameter('phone', i)));
				},
				async runBatch(batch) {
					sent.push(batch.map((b) => b.itemIndex));
					if (batch.some((b) => b.prepared === '+15550000000')) throw new Error('whole batch refused');
					return batch.map((b) => (b.prepared.endsWith('9') ? new Error(`vendor rejected ${b.prepared}`) : { phone: b.prepared }));
				},
			}),
		];
	}
}

const phones = ['+1 213 555 0101', 'bad', '+1 213 555 0102', '+1 213 555 0109', '+1 213 555 0103', '+1 555 000 0000', '+1 213 555 0104'];

describe('executeInBatches', () => {
	test('continue on fail: one output per input, in order, with the right error for each', async () => {
		sent.length = 0;
		const h = createHarness({ nodes: [BatchProbe] });
		const r = await h.runNode({ type: 'batchProbe', parameters: { phone: '={{$json.p}}' }, continueOnFail: true }, phones.map((p) => ({ json: { p } })));
		expect(r.out.map((i) => i.pairedItem.item)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(sent).toEqual([[0, 2, 3], [4, 5, 6]]); // the invalid item never left
		expect(r.outJson[0]).toEqual({ phone: '+12135550101' });
		expect(r.outJson[1].error).toMatch(/^Item 2: Phone "bad" contains letters/);
		expect(r.outJson[3].error).toBe('vendor rejected +12135550109');
		expect(r.outJson[4].error).toBe('whole batch refused');
		expect(r.outJson[6].error).toBe('whole batch refused');
	});
	test('without continue on fail, bad input stops the run before anything is sent', async () => {
		sent.length = 0;
		const h = createHarness({ nodes: [BatchProbe] });
		const r = await h.runNode({ type: 'batchProbe', parameters: { phone: '={{$json.p}}' } }, phones.map((p) => ({ json: { p } })));
		expect((r.error || r.nodeError).message).toMatch(/Item 2: Phone/);
		expect(sent).toEqual([]);
	});
});
