import type { IAdditionalCredentialOptions, ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import type { RequestContext } from './http';

/** What one n8n context (one node run, one poll) keeps per credential type. */
interface RunCredential {
	/** The decrypted credential, read once. */
	read: Promise<ICredentialsDecrypted | undefined>;
	/** The context requests are sent with (see requestContextFor). */
	requestContext?: RequestContext;
}

const cache = new WeakMap<object, Map<string, RunCredential>>();

function runCredential(ctx: RequestContext, credentialType: string): RunCredential {
	let perType = cache.get(ctx);
	if (!perType) {
		perType = new Map();
		cache.set(ctx, perType);
	}
	let entry = perType.get(credentialType);
	if (!entry) {
		const read = (async () => {
			const ref = ctx.getNode().credentials?.[credentialType];
			if (!ref?.id) return undefined;
			const data = await ctx.getCredentials<ICredentialDataDecryptedObject>(credentialType);
			return { id: ref.id, name: ref.name, type: credentialType, data };
		})().catch(() => undefined);
		entry = { read };
		perType.set(credentialType, entry);
	}
	return entry;
}

/**
 * n8n reads the credential from its database and decrypts it for every authenticated request unless the node hands
 * it over. A bulk run sends thousands of requests with the same credential, so it is read once per run (measured:
 * about a third of n8n's own cost per request, see README "Performance"). n8n updates the handed object in place
 * when it logs in again (QVOICE session token), so every later request of the run uses the new token.
 */
export async function credentialOptions(ctx: RequestContext, credentialType: string): Promise<IAdditionalCredentialOptions | undefined> {
	const decrypted = await runCredential(ctx, credentialType).read;
	// Without it n8n reads the credential itself (and reports a missing one in its own words).
	return decrypted ? { credentialsDecrypted: decrypted } : undefined;
}

/**
 * The context a request is sent with: the node's own, except that reading `credentialType` returns the run's one
 * decrypted copy. n8n's OAuth2 request path (Talkdesk) reads the credential itself on every request and ignores a
 * handed-over copy; through this context it gets the run's copy, which it updates in place with each new token.
 */
export async function requestContextFor(ctx: RequestContext, credentialType: string): Promise<RequestContext> {
	const entry = runCredential(ctx, credentialType);
	const data = (await entry.read)?.data;
	if (!data) return ctx;
	if (!entry.requestContext) {
		const read = ctx.getCredentials.bind(ctx) as (type: string, itemIndex?: number) => Promise<ICredentialDataDecryptedObject>;
		entry.requestContext = Object.create(ctx, {
			getCredentials: { value: async (type: string, itemIndex?: number) => (type === credentialType ? data : await read(type, itemIndex)) },
		}) as RequestContext;
	}
	return entry.requestContext;
}
