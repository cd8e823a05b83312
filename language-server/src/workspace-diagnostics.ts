import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DecodedText } from '@shiftwise/core';
import type { Diagnostic } from 'vscode-languageserver';
import { analyze } from './service/analysis.js';
import { diagnostics } from './service/diagnostics.js';

/** Files checked from disk at most; a larger workspace is checked up to here and the log says so. */
export const maxWorkspaceFiles = 2000;
/** A burst of file events (a branch switch, a pull) is checked once it has been quiet this long. */
const debounceMs = 150;
/** Files checked per turn of the event loop, so requests on open documents are answered in between. */
const perTurn = 4;

export interface WorkspaceDiagnosticsOptions {
  /** Sends the file's diagnostics (`textDocument/publishDiagnostics`); an empty list clears them. */
  publish(uri: string, found: Diagnostic[]): void;
  /** Whether the client has the file open: then its open document's diagnostics are the ones shown. */
  isOpen(uri: string): boolean;
  /** The capacity setting, as for open documents. */
  capacity(): number | undefined;
  log(message: string): void;
}

/**
 * Diagnostics for the workspace's rollout files that are not open, so the Problems panel and the file explorer list
 * every broken file without the user opening each one. The text comes from the workspace-alarms reads (one walk at
 * start-up, then the files the client reports changed, through read-workspace-file.ts: regular files inside the
 * workspace, at most 1 MB); this publishes what core finds in it, the same diagnostics an open document gets.
 *
 * Bounded: reads are coalesced per file and checked after `debounceMs` of quiet, `perTurn` files per turn of the
 * event loop, and at most `maxWorkspaceFiles` files are ever tracked. A deleted or unreadable file is cleared; a
 * file that is open is left to its open document, and checked from disk again when it closes.
 */
export class WorkspaceDiagnostics {
  readonly #options: WorkspaceDiagnosticsOptions;
  /** Files whose disk diagnostics were published non-empty, to clear them later. */
  readonly #shown = new Set<string>();
  /** Every file seen on disk (capped): the cap counts these. */
  readonly #known = new Set<string>();
  /** The latest text read per file, waiting to be checked; undefined: gone. */
  readonly #pending = new Map<string, DecodedText | undefined>();
  #enabled = false;
  #timer: NodeJS.Timeout | undefined;
  #draining = false;
  #capped = false;

  constructor(options: WorkspaceDiagnosticsOptions) {
    this.#options = options;
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  /** Turns checking on or off; off clears every diagnostic it published. */
  setEnabled(enabled: boolean): void {
    if (enabled === this.#enabled) return;
    this.#enabled = enabled;
    if (enabled) return;
    this.#pending.clear();
    for (const uri of this.#shown) if (!this.#options.isOpen(uri)) this.#options.publish(uri, []);
    this.#shown.clear();
    this.#known.clear();
  }

  /** A file read from disk (`WorkspaceAlarms`' listener): its text, or undefined when it is gone. */
  fileRead(uri: string, read: DecodedText | undefined): void {
    if (!this.#enabled) return;
    const key = normalized(uri);
    if (read !== undefined && !this.#known.has(key)) {
      if (this.#known.size >= maxWorkspaceFiles) {
        if (!this.#capped)
          this.#options.log(`shiftwise: workspace diagnostics stop at ${maxWorkspaceFiles} files`);
        this.#capped = true;
        return;
      }
      this.#known.add(key);
    }
    if (read === undefined) this.#known.delete(key);
    this.#pending.set(key, read);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#drain(), debounceMs);
  }

  #drain(): void {
    this.#timer = undefined;
    if (this.#draining) return;
    this.#draining = true;
    const turn = () => {
      let done = 0;
      for (const [uri, read] of this.#pending) {
        if (done++ >= perTurn) break;
        this.#pending.delete(uri);
        this.#check(uri, read);
      }
      if (this.#pending.size > 0 && this.#enabled) setImmediate(turn);
      else this.#draining = false;
    };
    setImmediate(turn);
  }

  #check(uri: string, read: DecodedText | undefined): void {
    if (this.#options.isOpen(uri)) return;
    const capacity = this.#options.capacity();
    const found =
      read === undefined
        ? []
        : diagnostics(
            analyze(uri, read.text, {
              ...(capacity !== undefined && { capacity }),
              ...(read.notUtf8 !== undefined && { notUtf8: read.notUtf8 }),
            }),
          );
    if (found.length === 0 && !this.#shown.has(uri)) return;
    if (found.length === 0) this.#shown.delete(uri);
    else this.#shown.add(uri);
    this.#options.publish(uri, found);
  }
}

/** One spelling per file, as the workspace reads name it (`pathToFileURL`), whatever encoding a client uses. */
export function normalized(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}
