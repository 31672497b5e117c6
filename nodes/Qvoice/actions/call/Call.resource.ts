import type { INodeProperties } from 'n8n-workflow';

import * as setDispositionVoicemail from './setDispositionVoicemail.operation';

export { setDispositionVoicemail };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Set Disposition to Voicemail',
				value: 'setDispositionVoicemail',
				action: 'Set call disposition to voicemail',
				description: 'Mark a call (by its CDR ID) as having reached voicemail',
			},
		],
		default: 'setDispositionVoicemail',
	},
	...setDispositionVoicemail.description,
];
