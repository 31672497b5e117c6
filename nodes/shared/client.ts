import type { IDataObject } from 'n8n-workflow';

import { credentialOptions } from './credentialCache';
import type { ErrorDescription, HttpFailure, RequestContext, VendorHttpConfig, VendorRequest } from './http';
import { vendorRequest } from './http';

/** A request as a vendor's operations write it: a path under the API root (or an absolute URL the client allows). */
export type ClientRequest = Omit<VendorRequest, 'url' | 'baseURL' | 'skipSslCertificateValidation'> & { path: string };

/** Where a credential's requests go, computed once per run from the credential. */
export interface ClientTarget {
	/** Joined before each path, unless the vendor builds URLs itself (`url`). */
	baseUrl?: string;
	skipSsl?: boolean;
}

export interface VendorClient<TTarget extends object, TRequest extends ClientRequest> {
	ctx: RequestContext;
	/** The decrypted credential, read once per run (the same read authenticates every request). */
	credentials(): Promise<IDataObject>;
	/** Base URL and the like, computed once per run from the credential. */
	target(): Promise<TTarget>;
	/** `target` only for callers that already hold it (it is the same object). */
	request<T = IDataObject>(req: TRequest, target?: TTarget): Promise<T>;
}

export interface VendorClientSpec<TTarget extends object, TRequest extends ClientRequest> {
	/** Display name used in messages, e.g. "Talkdesk". */
	vendor: string;
	credentialType: string;
	/** The one function that reads where requests go from the credential. */
	target: (credentials: IDataObject) => TTarget;
	/** Turns a failure into a clear message, from the request's `action` (words) and `hint` (data). */
	describeError: (failure: HttpFailure, req: TRequest, target: TTarget) => ErrorDescription;
	planRequestsPerMinute?: VendorHttpConfig['planRequestsPerMinute'];
	/** The absolute URL for a request's path (default: base URL + path). */
	url?: (target: TTarget, path: string) => string;
	/** Makes a final error clearer (it may ask the vendor more); returns the error to throw. */
	refineError?: (client: VendorClient<TTarget, TRequest>, error: unknown, req: TRequest, target: TTarget) => Promise<unknown>;
}

async function readCredentials(ctx: RequestContext, credentialType: string): Promise<IDataObject> {
	const cached = (await credentialOptions(ctx, credentialType))?.credentialsDecrypted?.data;
	// Without a cached read (no credential chosen) n8n's own call reports the problem in its own words.
	return (cached ?? (await ctx.getCredentials(credentialType))) as IDataObject;
}

/**
 * One factory for the three vendor clients: per n8n context (one node run, one poll) the credential is read once,
 * the target (base URL…) computed once from it, and every request goes through the shared `vendorRequest` (auth,
 * pacing, retries, error mapping) with the vendor's error texts.
 */
export function createVendorClient<TTarget extends object, TRequest extends ClientRequest = ClientRequest>(
	spec: VendorClientSpec<TTarget, TRequest>,
): (ctx: RequestContext) => VendorClient<TTarget, TRequest> {
	const clients = new WeakMap<object, VendorClient<TTarget, TRequest>>();
	return (ctx) => {
		const existing = clients.get(ctx);
		if (existing) return existing;
		let credentials: Promise<IDataObject> | undefined;
		let target: Promise<TTarget> | undefined;
		const send = async <T>(req: TRequest, given?: TTarget): Promise<T> => {
			const where = given ?? (await client.target());
			const config: VendorHttpConfig = {
				vendor: spec.vendor,
				credentialType: spec.credentialType,
				planRequestsPerMinute: spec.planRequestsPerMinute,
				describeError: (failure) => spec.describeError(failure, req, where),
			};
			const { path, ...rest } = req;
			const { baseUrl = '', skipSsl } = where as ClientTarget;
			try {
				return await vendorRequest<T>(ctx, config, {
					...rest,
					url: spec.url ? spec.url(where, path) : `${baseUrl}${path}`,
					skipSslCertificateValidation: skipSsl || undefined,
				});
			} catch (error) {
				throw spec.refineError ? await spec.refineError(client, error, req, where) : error;
			}
		};
		const client: VendorClient<TTarget, TRequest> = {
			ctx,
			async credentials() {
				credentials = credentials ?? readCredentials(ctx, spec.credentialType);
				return await credentials;
			},
			async target() {
				target = target ?? client.credentials().then(spec.target);
				return await target;
			},
			// A run's first sign-in or token fetch goes alone already: the pool runs its first unit before any other.
			request: send,
		};
		clients.set(ctx, client);
		return client;
	};
}
