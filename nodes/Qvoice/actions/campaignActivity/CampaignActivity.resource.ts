import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaignActivity'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get campaign activity',
				description: 'Dial attempts and lead history of all campaigns in a time window',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
