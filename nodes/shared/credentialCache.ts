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
