import { resourceDescription } from '../../../shared';

import * as setDispositionVoicemail from './setDispositionVoicemail.operation';

export { setDispositionVoicemail };

export const description = resourceDescription(
	'call',
	[
		{
			default: 'setDispositionVoicemail',
			options: [
				{
					name: 'Set Disposition to Voicemail',
					value: 'setDispositionVoicemail',
					action: 'Set call disposition to voicemail',
					description: 'Mark a call (by its CDR ID) as having reached voicemail',
				},
			],
		},
	],
	{ setDispositionVoicemail },
);
