import { resourceDescription } from '../../../shared';

import * as getStatus from './getStatus.operation';

export { getStatus };

export const description = resourceDescription(
	'queue',
	[
		{
			default: 'getStatus',
			options: [
				{
					name: 'Get Status',
					value: 'getStatus',
					action: 'Get queue status',
					description: 'Current state of every queue and its agents',
				},
			],
		},
	],
	{ getStatus },
);
