import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { createHash, randomBytes, timingSafeEqual } from 'crypto';

import { pathSegment, readLocatorValue } from '../shared';
import { startWorkflowWith, triggerState } from '../shared/triggerState';
import { searchCampaigns } from './methods/listSearch';
import { talkoverRequest, unwrap } from './transport';

/** Header that carries the per-workflow shared secret (Talkover's `custom_headers`, a documented field). */
export const DELIVERY_CHECK_HEADER = 'X-N8N-Webhook-Secret';
/** How many delivery keys are remembered to drop repeated deliveries (bounded static data). */
export const DEDUPE_MEMORY = 500;
/** A Talkover event (transcript included) is far smaller; anything bigger is refused, not run. */
export const MAX_BODY_CHARS = 1_000_000;

interface TriggerState {
	webhookId?: string;
	campaignId?: string;
	webhookUrl?: string;
	secret?: string;
	seen?: string[];
}

function campaignIdOf(ctx: IHookFunctions | IWebhookFunctions): string {
	return readLocatorValue(ctx, undefined, 'campaignId', 'Campaign', 'Pick the campaign whose events should start this workflow.');
}

/** Runs a request where "not found" means "already gone"; every other failure is reported, never swallowed. */
async function allow404<T>(request: Promise<T>): Promise<T | undefined> {
	let failure: unknown;
	try {
		return await request;
	} catch (error) {
		failure = error;
	}
	if (failure instanceof NodeApiError && failure.httpCode === '404') return undefined;
	throw failure;
}

/** Talkover documents no delivery id, so a repeated delivery is recognised by what it describes. */
export function deliveryKey(body: IDataObject): string {
	const explicit = body.event_id ?? body.delivery_id ?? body.id;
	if (typeof explicit === 'string' || typeof explicit === 'number') return `id:${String(explicit)}`;
	const call = (body.campaign_call ?? {}) as IDataObject;
	const campaign = (body.campaign ?? {}) as IDataObject;
	const subject = call.id ?? body.call_id ?? body.campaign_id ?? campaign.id ?? '';
	const state = call.status ?? campaign.status ?? '';
	return [body.event ?? '', subject, state, body.timestamp ?? call.updated_at ?? ''].map(String).join('|').slice(0, 300);
}

/** A fresh per-workflow secret: 32 random bytes as hex (Node's crypto, so it works on every n8n version). */
function newSecret(): string {
	return randomBytes(32).toString('hex');
}

/**
 * The campaign's webhooks from a list answer. Documented (docs.talkover.ai list-campaign-webhooks):
 * `{success, data: {webhooks: […], available_events: […]}}`; older answers carried the array in `data` itself.
 */
export function webhookList(answer: unknown): IDataObject[] | undefined {
	if (Array.isArray(answer)) return answer as IDataObject[];
	const data = ((answer ?? {}) as IDataObject).data as IDataObject | IDataObject[] | undefined;
	if (Array.isArray(data)) return data;
	if (data && Array.isArray(data.webhooks)) return data.webhooks as IDataObject[];
	return undefined;
}

function sameSecret(given: string, expected: string): boolean {
	// Constant-time compare of equal-length digests, so neither the content nor the length leaks through timing.
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(given), digest(expected));
}

export class TalkoverTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Talkover Trigger',
		name: 'talkoverTrigger',
		icon: { light: 'file:../../icons/talkover.svg', dark: 'file:../../icons/talkover.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node panel lists this trigger and the Talkover node as one entry and shows this text for both.
		description:
			'Run Talkover.ai voice-agent calling campaigns: campaigns, contacts to call, calls and agents; or start a workflow when Talkover reports campaign or call events (webhook)',
		defaults: { name: 'Talkover Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'talkoverApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Talkover must be able to reach this n8n over the internet. If it cannot (n8n behind a firewall), use the Talkover Calls Trigger instead: it asks Talkover for new calls on a schedule.',
				name: 'reachNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Campaign',
				name: 'campaignId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: true,
				description: 'Talkover webhooks belong to one campaign; events of this campaign start the workflow',
				modes: [
					{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchCampaigns', searchable: true } },
					{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 3f1c9a52-7d1e-4c3b-9a0e-2b8f4d6c1e77' },
				],
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['campaign_call.completed', 'campaign_call.failed'],
				description: 'What should start the workflow',
				options: [
					{ name: 'Call Completed', value: 'campaign_call.completed', description: 'A contact\'s call finished' },
					{ name: 'Call Failed', value: 'campaign_call.failed', description: 'A contact\'s call failed for good' },
					{ name: 'Call Queued', value: 'campaign_call.queued', description: 'A contact was added and waits to be called' },
					{ name: 'Call Recording Ready', value: 'event_recording', description: 'The recording of a call is available' },
					{ name: 'Call Report Ready', value: 'event_call_report', description: 'The agent\'s report (outcome, summary) of a call is available' },
					{ name: 'Call Retry Scheduled', value: 'campaign_call.retry_scheduled', description: 'A call did not succeed and will be retried later' },
					{ name: 'Call Started', value: 'campaign_call.started', description: 'The agent started calling a contact' },
					{ name: 'Call Transcript Ready', value: 'event_call_transcript', description: 'The transcript of a call is available' },
					{ name: 'Campaign Completed', value: 'campaign.completed' },
					{ name: 'Campaign Created', value: 'campaign.created' },
					{ name: 'Campaign Paused', value: 'campaign.paused' },
					{ name: 'Campaign Started', value: 'campaign.started' },
					{ name: 'Campaign Updated', value: 'campaign.updated', description: 'Settings changed, or the campaign was cancelled' },
				],
			},
		],
	};

	methods = { listSearch: { searchCampaigns } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = triggerState<TriggerState>(this);
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const campaignId = campaignIdOf(this);
				const events = [...((this.getNodeParameter('events', []) as string[]) ?? [])].sort();
				if (state.webhookId && state.campaignId && state.secret) {
					const found = await allow404(
						talkoverRequest(this, {
							method: 'GET',
							path: `/campaigns/${pathSegment(state.campaignId)}/webhooks/${pathSegment(state.webhookId)}`,
							action: `check the workflow's webhook ${state.webhookId}`,
						}),
					);
					const remote = found === undefined ? undefined : unwrap(found);
					const remoteEvents = [...((remote?.events as string[] | undefined) ?? [])].sort();
					if (
						remote &&
						remote.webhook_url === webhookUrl &&
						state.campaignId === campaignId &&
						remoteEvents.join(',') === events.join(',') &&
						remote.enabled !== false
					) {
						return true;
					}
					// Settings changed (campaign, events or URL): remove the old registration before a new one is made.
					if (remote) {
						await talkoverRequest(this, {
							method: 'DELETE',
							path: `/campaigns/${pathSegment(state.campaignId)}/webhooks/${pathSegment(state.webhookId)}`,
							action: `remove the outdated webhook ${state.webhookId}`,
						});
					}
					delete state.webhookId;
					delete state.campaignId;
					delete state.secret;
					delete state.webhookUrl;
				}
				// A registration for this URL without our record (static data lost): its secret is unknown, so replace it.
				const list = (await talkoverRequest<IDataObject>(this, {
					method: 'GET',
					path: `/campaigns/${pathSegment(campaignId)}/webhooks`,
					action: `list the webhooks of campaign ${campaignId}`,
				})) as IDataObject;
				const hooks = webhookList(list);
				// An answer we cannot read would hide orphaned registrations that keep calling this URL: say so.
				if (!hooks) {
					throw new NodeOperationError(this.getNode(), `Talkover's list of webhooks of campaign ${campaignId} has an unexpected shape`, {
						description: 'Expected {data: {webhooks: [...]}}. Check the campaign\'s webhooks in Talkover and remove any left over from earlier activations.',
					});
				}
				for (const hook of hooks.filter((w) => w.webhook_url === webhookUrl)) {
					await talkoverRequest(this, {
						method: 'DELETE',
						path: `/campaigns/${pathSegment(campaignId)}/webhooks/${pathSegment(String(hook.id))}`,
						action: `remove the orphaned webhook ${String(hook.id)}`,
					});
				}
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const state = triggerState<TriggerState>(this);
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const campaignId = campaignIdOf(this);
				const events = this.getNodeParameter('events', []) as string[];
				if (!events.length) throw new NodeOperationError(this.getNode(), 'Events is empty', { description: 'Pick at least one event.' });
				const secret = newSecret();
				const response = await talkoverRequest(this, {
					method: 'POST',
					path: `/campaigns/${pathSegment(campaignId)}/webhooks`,
					body: {
						name: `n8n workflow ${this.getWorkflow().name ?? this.getWorkflow().id ?? ''}`.trim().slice(0, 255),
						webhook_url: webhookUrl,
						events,
						enabled: true,
						http_method: 'POST',
						timeout: 30,
						max_retries: 3,
						include_call_events: events.some((e) => e.startsWith('event_')),
						// Talkover's signature header is undocumented, so the trigger authenticates deliveries with a
						// per-workflow shared secret sent in a custom header (a documented webhook field).
						authorization_scheme: 'custom',
						custom_headers: [{ key: DELIVERY_CHECK_HEADER, value: secret }],
					},
					action: `register a webhook on campaign ${campaignId}`,
				});
				const created = unwrap(response);
				if (!created.id) {
					throw new NodeOperationError(this.getNode(), 'Talkover did not return the id of the new webhook', {
						description: 'The workflow cannot remove it later. Check the campaign\'s webhooks in Talkover.',
					});
				}
				state.webhookId = String(created.id);
				state.campaignId = campaignId;
				state.webhookUrl = webhookUrl;
				state.secret = secret;
				state.seen = [];
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = triggerState<TriggerState>(this);
				if (state.webhookId && state.campaignId) {
					// Already gone (campaign or webhook deleted in Talkover) is what we wanted; anything else is reported.
					await allow404(
						talkoverRequest(this, {
							method: 'DELETE',
							path: `/campaigns/${pathSegment(state.campaignId)}/webhooks/${pathSegment(state.webhookId)}`,
							action: `remove the workflow's webhook ${state.webhookId}`,
						}),
					);
				}
				delete state.webhookId;
				delete state.campaignId;
				delete state.webhookUrl;
				delete state.secret;
				delete state.seen;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const state = triggerState<TriggerState>(this);
		const headers = this.getHeaderData() as IDataObject;
		const res = this.getResponseObject();
		const given = String(headers[DELIVERY_CHECK_HEADER.toLowerCase()] ?? '').trim() || String(headers.authorization ?? '').replace(/^Bearer\s+/i, '').trim();
		if (!state.secret || !given || !sameSecret(given, state.secret)) {
			res.status(401).json({ message: 'Unauthorized: missing or wrong webhook secret' });
			return { noWebhookResponse: true };
		}
		const received: unknown = this.getBodyData();
		if (!received || typeof received !== 'object' || Array.isArray(received) || typeof (received as IDataObject).event !== 'string' || !(received as IDataObject).event) {
			res.status(400).json({ message: 'Bad request: expected a Talkover webhook event (a JSON object with "event")' });
			return { noWebhookResponse: true };
		}
		const body = received as IDataObject;
		if (JSON.stringify(body).length > MAX_BODY_CHARS) {
			res.status(413).json({ message: 'Payload too large for one Talkover event' });
			return { noWebhookResponse: true };
		}
		const events = this.getNodeParameter('events', []) as string[];
		const event = String(body.event);
		if (event && events.length && !events.includes(event)) {
			res.status(200).json({ received: true, ignored: 'event not selected' });
			return { noWebhookResponse: true };
		}
		const key = deliveryKey(body);
		const seen = Array.isArray(state.seen) ? state.seen : [];
		if (seen.includes(key)) {
			res.status(200).json({ received: true, duplicate: true });
			return { noWebhookResponse: true };
		}
		seen.push(key);
		state.seen = seen.slice(-DEDUPE_MEMORY);
		return startWorkflowWith(this, body);
	}
}
