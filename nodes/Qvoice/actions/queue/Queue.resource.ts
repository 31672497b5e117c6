import type { INodeProperties } from 'n8n-workflow';

import * as getStatus from './getStatus.operation';

export { getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['queue'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get queue status',
				description: 'Current state of every queue and its agents',
			},
		],
		default: 'getStatus',
	},
	...getStatus.description,
];
