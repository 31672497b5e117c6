import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { ThroughputDefaults } from '../../../shared';
import { throughputOptions } from '../../../shared';

/** QVOICE documents no rate limit: 5 at a time by default, pacing off; the node slows down by itself on 429. */
export const QVOICE_THROUGHPUT: ThroughputDefaults = { vendor: 'QVOICE', concurrency: 5, maxConcurrency: 20, maxPerMinute: 0 };

export function throughputCollection(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: throughputOptions(QVOICE_THROUGHPUT),
	};
}
