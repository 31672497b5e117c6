import { resourceDescription } from '../../../shared';
import { operationSelectors, V1_OPERATIONS } from '../common';

import * as add from './add.operation';

export { add };

export const description = resourceDescription(
	'campaignCall',
	operationSelectors('add', [
		{
			name: 'Add',
			value: 'add',
			description: 'Add a contact to an active campaign; Talkover will call this real person',
			action: 'Add contact to campaign',
		},
	]),
	{ add },
	{ aliases: V1_OPERATIONS },
);
