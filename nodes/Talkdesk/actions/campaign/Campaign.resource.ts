import { resourceDescription } from '../../../shared';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getNumbers from './getNumbers.operation';
import * as getUsers from './getUsers.operation';
import * as pause from './pause.operation';
import * as start from './start.operation';

export { create, get, getMany, getNumbers, getUsers, pause, start };

export const description = resourceDescription(
	'campaign',
	[
		{
			default: 'getMany',
			options: [
				{ name: 'Create', value: 'create', action: 'Create campaign', description: 'Create a campaign with its dialing settings' },
				{ name: 'Get', value: 'get', action: 'Get campaign', description: 'Get one campaign with all its settings' },
				{ name: 'Get Assigned Users', value: 'getUsers', action: 'Get users assigned to campaign', description: 'List the agents assigned to a campaign' },
				{ name: 'Get Many', value: 'getMany', action: 'Get many campaigns', description: 'List campaigns' },
				{ name: 'Get Numbers', value: 'getNumbers', action: 'Get phone numbers of campaign', description: 'List the caller numbers a campaign dials from' },
				{ name: 'Pause', value: 'pause', action: 'Pause campaign', description: 'Stop dialing; the campaign can be started again' },
				{ name: 'Start', value: 'start', action: 'Start campaign', description: 'Start (or resume) dialing' },
			],
		},
	],
	{ getMany, get, create, start, pause, getUsers, getNumbers },
	{
		shared: [
			{
				displayName:
					'Talkdesk\'s Campaign Management API is Early Access: if Talkdesk answers 404 (not found) to campaign requests, your account does not have it yet. Ask Talkdesk (your Customer Success Manager) to enable it. Record lists and do-not-call lists work without it.',
				name: 'earlyAccessNotice',
				type: 'notice',
				default: '',
			},
		],
	},
);
