import type { IAdditionalCredentialOptions, ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import type { RequestContext } from './http';

type Entry = Promise<ICredentialsDecrypted | undefined>;

/** Per n8n context (one node run, one poll) and credential type: the decrypted credential, read once. */
const cache = new WeakMap<object, Map<string, Entry>>();

/**
 * n8n reads the credential from its database and decrypts it for every authenticated request unless the node hands
 * it over. A bulk run sends thousands of requests with the same credential, so it is read once per run (measured:
 * about a third of n8n's own cost per request, see README "Performance"). n8n updates the handed object in place
 * when it logs in again (QVOICE session token), so every later request of the run uses the new token.
 */
export async function credentialOptions(ctx: RequestContext, credentialType: string): Promise<IAdditionalCredentialOptions | undefined> {
	let perType = cache.get(ctx);
	if (!perType) {
		perType = new Map();
		cache.set(ctx, perType);
	}
	let entry = perType.get(credentialType);
	if (!entry) {
		entry = (async () => {
			const ref = ctx.getNode().credentials?.[credentialType];
			if (!ref?.id) return undefined;
			const data = await ctx.getCredentials<ICredentialDataDecryptedObject>(credentialType);
			return { id: ref.id, name: ref.name, type: credentialType, data };
		})().catch(() => undefined);
		perType.set(credentialType, entry);
	}
	const decrypted = await entry;
	// Without it n8n reads the credential itself (and reports a missing one in its own words).
	return decrypted ? { credentialsDecrypted: decrypted } : undefined;
}

const runContexts = new WeakMap<object, Map<string, RequestContext>>();

/**
 * The context a request is sent with: the node's own, except that reading `credentialType` returns the run's one
 * decrypted copy. n8n's OAuth2 request path (Talkdesk) reads the credential itself on every request and ignores a
 * handed-over copy; through this context it gets the run's copy, which it updates in place with each new token.
 */
export async function requestContextFor(ctx: RequestContext, credentialType: string): Promise<RequestContext> {
	const data = (await credentialOptions(ctx, credentialType))?.credentialsDecrypted?.data;
	if (!data) return ctx;
	let perType = runContexts.get(ctx);
	if (!perType) {
		perType = new Map();
		runContexts.set(ctx, perType);
	}
	let derived = perType.get(credentialType);
	if (!derived) {
		const read = ctx.getCredentials.bind(ctx) as (type: string, itemIndex?: number) => Promise<ICredentialDataDecryptedObject>;
		derived = Object.create(ctx, {
			getCredentials: { value: async (type: string, itemIndex?: number) => (type === credentialType ? data : await read(type, itemIndex)) },
		}) as RequestContext;
		perType.set(credentialType, derived);
	}
	return derived;
}
