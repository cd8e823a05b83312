import type { TextDocument } from 'vscode';
import type { ServerSession } from './server-session.js';
import { requestPlan, type ShowPlanResult } from './show-plan.js';

/** Plans by document, asked of the server once per document version and shared by the status bar and preview. */
export interface PlanStore {
  get(document: TextDocument): Promise<ShowPlanResult | undefined>;
  /** Drops every cached plan, e.g. when `shiftwise.capacity` changes. */
  clear(): void;
}

export function createPlanStore(session: ServerSession): PlanStore {
  const cache = new Map<string, { version: number; result: Promise<ShowPlanResult | undefined> }>();
  return {
    get(document) {
      const key = document.uri.toString();
      const hit = cache.get(key);
      if (hit && hit.version === document.version) return hit.result;
      const result = session.client().then(
        (client) => requestPlan(client, document),
        () => undefined,
      );
      cache.set(key, { version: document.version, result });
      return result;
    },
    clear: () => cache.clear(),
  };
}
