import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		default: 'getAll',
		options: [{ name: 'Get Many', value: 'getAll', description: 'List calls made and received', action: 'Get many calls' }],
	},
	...getAll.description,
];
