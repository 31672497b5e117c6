import { resourceDescription } from '../../../shared';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description = resourceDescription(
	'campaign',
	[
		{
			default: 'getMany',
			options: [
				{
					name: 'Get',
					value: 'get',
					action: 'Get campaign',
					description: 'Get one campaign with its status and lead counts by status',
				},
				{
					name: 'Get Many',
					value: 'getMany',
					action: 'Get many campaigns',
					description: 'List campaigns with their status and lead counts by status',
				},
			],
		},
	],
	{ get, getMany },
);
