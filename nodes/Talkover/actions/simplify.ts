import type { IDataObject } from 'n8n-workflow';

import { pickFields } from '../../shared/simplify';

// What Simplify keeps per resource (at most 10 fields): what an operations person reads or maps next.
// Everything else stays available with Simplify off.

/** Leaves out the dialing settings, cooldowns, do-not-call settings, files, the call list and the agent object. */
export const CAMPAIGN_FIELDS = ['id', 'name', 'status', 'campaign_type', 'agent_id', 'start_date', 'end_date', 'timezone', 'stats', 'created_at'] as const;
/** Leaves out the call SID, the embedded agent object and updated_at. */
export const CALL_FIELDS = ['id', 'to', 'from', 'direction', 'status', 'duration', 'agent_id', 'campaign_id', 'campaign_call_id', 'created_at'] as const;
/** Leaves out the voice, knowledge and flow settings Talkover may add to an agent. */
export const AGENT_FIELDS = ['id', 'name', 'label', 'status', 'direction', 'phone_number', 'language', 'created_at', 'updated_at'] as const;

export const simplifyCampaign = (campaign: IDataObject): IDataObject => pickFields(campaign, CAMPAIGN_FIELDS);
export const simplifyCall = (call: IDataObject): IDataObject => pickFields(call, CALL_FIELDS);
export const simplifyAgent = (agent: IDataObject): IDataObject => pickFields(agent, AGENT_FIELDS);

/** Talkover's node version from which every Simplify is on by default (older nodes keep their raw output). */
export const SIMPLIFY_ON_FROM_VERSION = 2;
