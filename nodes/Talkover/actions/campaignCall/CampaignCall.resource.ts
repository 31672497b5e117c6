import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';

export { add };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaignCall'] } },
		default: 'add',
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Add a contact to an active campaign; Talkover will call this real person',
				action: 'Add contact to campaign',
			},
		],
	},
	...add.description,
];
