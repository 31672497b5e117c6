/**
 * Runs `worker` over `inputs` with at most `concurrency` in flight and returns results in input order.
 * With `stopOnError`, no new input starts after a failure; inputs never started get `undefined`
 * (`started[i]` tells which ones ran), so callers can report precisely what was sent.
 */
export async function mapPool<T, R>(
	inputs: readonly T[],
	concurrency: number,
	worker: (input: T, index: number) => Promise<R>,
	options: { stopOnError?: boolean } = {},
): Promise<{ results: Array<R | undefined>; errors: Array<unknown>; started: boolean[] }> {
	const results: Array<R | undefined> = new Array(inputs.length);
	const errors: unknown[] = new Array(inputs.length);
	const started: boolean[] = new Array(inputs.length).fill(false);
	let next = 0;
	let failed = false;
	const lanes = Math.max(1, Math.min(concurrency || 1, inputs.length));
	const lane = async () => {
		while (next < inputs.length && !(failed && options.stopOnError)) {
			const index = next++;
			started[index] = true;
			try {
				results[index] = await worker(inputs[index], index);
			} catch (error) {
				errors[index] = error ?? new Error('unknown error');
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: lanes }, lane));
	return { results, errors, started };
}
