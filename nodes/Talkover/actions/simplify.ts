import type { IDataObject } from 'n8n-workflow';

import { pickFields } from '../../shared';

// What Simplify keeps per resource: what an operations person reads or maps next, at most 9 fields so that a list
// read marked `incompleteRead` still has at most 10. Everything else stays available with Simplify off.

/** Leaves out the dialing settings, cooldowns, do-not-call settings, files, the call list, the agent object and the timestamps. */
export const CAMPAIGN_FIELDS = ['id', 'name', 'status', 'campaign_type', 'agent_id', 'start_date', 'end_date', 'timezone', 'stats'] as const;
/** Leaves out the caller number, the call SID, the embedded agent object and updated_at. */
export const CALL_FIELDS = ['id', 'to', 'direction', 'status', 'duration', 'agent_id', 'campaign_id', 'campaign_call_id', 'created_at'] as const;
/** Leaves out the voice, knowledge and flow settings Talkover may add to an agent. */
export const AGENT_FIELDS = ['id', 'name', 'label', 'status', 'direction', 'phone_number', 'language', 'created_at', 'updated_at'] as const;

export const simplifyCampaign = (campaign: IDataObject): IDataObject => pickFields(campaign, CAMPAIGN_FIELDS);
export const simplifyCall = (call: IDataObject): IDataObject => pickFields(call, CALL_FIELDS);
export const simplifyAgent = (agent: IDataObject): IDataObject => pickFields(agent, AGENT_FIELDS);

/** Talkover's node version from which every Simplify is on by default (older nodes keep their raw output). */
export const SIMPLIFY_ON_FROM_VERSION = 2;
