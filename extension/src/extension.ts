// The VS Code client: starts the bundled language server for rollout files and adds the schedule preview,
// the copy-as-Markdown command and a status bar item. Every fact and every word it shows comes from the server
// (`shiftwise.showPlan`); the extension only places them.
// Architecture invariant: the extension holds no domain logic: it imports core for types only and asks the
// language server.
import { type ExtensionContext, type TextDocument, window } from 'vscode';
import { registerCommands } from './commands.js';
import { createPlanStore } from './plan-store.js';
import { createSchedulePreviews } from './preview-panel.js';
import { watchRolloutFiles } from './refresh.js';
import { type ServerSession, startOnFirstRolloutFile } from './server-session.js';
import { startupLog } from './startup-log.js';
import { createStatusBar, updateStatusBar } from './status-bar.js';

let session: ServerSession | undefined;

export function activate(context: ExtensionContext): void {
  const output = window.createOutputChannel('Shiftwise', { log: true });
  const log = startupLog(output);
  // The extension host's age at activation splits the wait before it: VS Code starting the host, then us.
  log.line(
    `activated at ${new Date().toISOString()} (extension host up ${Math.round(process.uptime() * 1000)} ms)`,
  );
  session = startOnFirstRolloutFile(context, output, log);
  const plans = createPlanStore(session);
  const previews = createSchedulePreviews({ plans });
  const status = createStatusBar();

  const refresh = (document: TextDocument | undefined) => {
    void updateStatusBar(status, watcher.current(), { plans, isCurrent: (d) => d === watcher.current() });
    if (document) void previews.refresh(document);
  };
  const watcher = watchRolloutFiles({
    refresh,
    settingsChanged: () => {
      plans.clear();
      refresh(watcher.current());
    },
  });
  context.subscriptions.push(
    output,
    status,
    previews,
    ...watcher.subscriptions,
    ...registerCommands({ previews, plans, lastRolloutDocument: watcher.current }),
  );
  refresh(watcher.current());
}

export function deactivate(): Promise<void> | undefined {
  return session?.stop();
}
