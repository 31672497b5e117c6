import type { IDataObject, IHookFunctions, IPollFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * The trigger's own static data (n8n saves it with the workflow after a successful poll or webhook call). The one
 * place triggers reach it, so its layout and lifetime are decided here and in polling.ts, not in each node.
 */
export function triggerState<T extends object>(ctx: IPollFunctions | IHookFunctions | IWebhookFunctions): T {
	return ctx.getWorkflowStaticData('node') as T;
}

/** A webhook delivery that starts the workflow with one item. */
export function startWorkflowWith(ctx: IWebhookFunctions, body: IDataObject): IWebhookResponseData {
	return { workflowData: [ctx.helpers.returnJsonArray([body])] };
}
