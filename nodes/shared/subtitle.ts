import type { INodeProperties } from 'n8n-workflow';

/**
 * The node's subtitle on the canvas as the chosen operation's action text ("Get many campaigns") instead of the raw
 * values ("getAll: campaign"), the way n8n's OpenAI node makes its subtitle readable. The texts come from the
 * operation options' `action`, so a new or renamed operation needs no change here; an unknown pair falls back to
 * n8n's usual "operation: resource".
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const actions: Record<string, string> = {};
	for (const p of properties) {
		if (p.name !== 'operation' || !p.options) continue;
		for (const resource of (p.displayOptions?.show?.resource ?? []) as string[]) {
			for (const option of p.options) {
				if ('value' in option && 'action' in option && option.action) actions[`${resource}:${String(option.value)}`] = option.action;
			}
		}
	}
	// Parentheses: the object literal must not be read as a block; no "}}" appears inside JSON of flat strings.
	return `={{ (${JSON.stringify(actions)})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"] }}`;
}
