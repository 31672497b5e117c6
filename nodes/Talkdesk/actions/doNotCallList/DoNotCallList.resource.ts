import { resourceDescription } from '../../../shared';

import * as addEntry from './addEntry.operation';
import * as checkNumbers from './checkNumbers.operation';
import * as getEntries from './getEntries.operation';
import * as getMany from './getMany.operation';

export { addEntry, checkNumbers, getEntries, getMany };

export const description = resourceDescription(
	'doNotCallList',
	[
		{
			default: 'checkNumbers',
			options: [
				{ name: 'Add Entry', value: 'addEntry', action: 'Add number to do not call list', description: 'Block a phone number, optionally until a date' },
				{ name: 'Check Numbers', value: 'checkNumbers', action: 'Check numbers against do not call list', description: 'Tell for each input number whether it is on the list (listed: true/false)' },
				{ name: 'Get Entries', value: 'getEntries', action: 'Get entries of do not call list', description: 'List the blocked numbers' },
				{ name: 'Get Many', value: 'getMany', action: 'Get many do not call lists', description: 'List do-not-call lists' },
			],
		},
	],
	{ getMany, getEntries, addEntry, checkNumbers },
);
