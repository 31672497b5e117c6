import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as makeCall from './makeCall.operation';

export { get, getAll, makeCall };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		default: 'getAll',
		options: [
			{ name: 'Get', value: 'get', description: 'Get one voice agent', action: 'Get agent' },
			{ name: 'Get Many', value: 'getAll', description: 'List voice agents', action: 'Get many agents' },
			{ name: 'Make Call', value: 'makeCall', description: 'Have an agent call a real person now, outside any campaign', action: 'Make call with agent' },
		],
	},
	...get.description,
	...getAll.description,
	...makeCall.description,
];
