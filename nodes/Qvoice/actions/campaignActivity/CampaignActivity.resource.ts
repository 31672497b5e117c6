import { resourceDescription } from '../../../shared';

import * as getMany from './getMany.operation';

export { getMany };

export const description = resourceDescription(
	'campaignActivity',
	[
		{
			default: 'getMany',
			options: [
				{
					name: 'Get Many',
					value: 'getMany',
					action: 'Get campaign activity',
					description: 'Dial attempts and lead history of all campaigns in a time window',
				},
			],
		},
	],
	{ getMany },
);
