import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type DecodedText, isRolloutFile, parseRollout, type Rollout } from '@shiftwise/core';
import type { InitializeParams } from 'vscode-languageserver';
import { readWorkspaceFile } from './read-workspace-file.js';

const skipped = new Set(['node_modules', '.git', 'dist', '.cache']);
/** A workspace is scanned once, at start, and never for more than this many folders. */
const maxFolders = 2000;
/** Larger files (in bytes) are not read for their alarm names. */
const maxBytes = 1_000_000;

/** Sees every rollout file the scan or a change reads: its text, or undefined when it is gone or unreadable. */
export type FileListener = (uri: string, read: DecodedText | undefined) => void;

/**
 * The CloudWatch alarm names used by the workspace's rollout files, offered when completing `rollback.alarms`.
 * Files on disk are read once at start-up and again when the client reports them changed (watched files) or saved
 * (`didSave`). Only the saved files count, never the text of an open document: a name there may be half typed
 * (`fraud-5` on the way to `fraud-5xx`, a valid name all the same, so no finding tells it apart), and it would be
 * offered in every other file. Whoever else needs the files' text (the workspace diagnostics) listens to the same
 * reads instead of walking the folders again.
 */
export class WorkspaceAlarms {
  readonly #listener: FileListener | undefined;

  constructor(listener?: FileListener) {
    this.#listener = listener;
  }

  readonly #onDisk = new Map<string, readonly string[]>();
  #roots: string[] = [];
  /** The scan and file changes, read one after another; names are answered once they are all in. */
  #reading: Promise<void> = Promise.resolve();

  setRoots(params: InitializeParams): void {
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.#roots = uris.flatMap((u) => pathOf(u) ?? []);
  }

  /**
   * The names of the saved rollout files, once the start-up scan and the changes reported so far are read (never
   * rejects), for completion in the document `asking`: its own names are not among them. They are in its list
   * already, or they are the word being typed (`alarms: [fr|]` would offer `fr` as an alarm used in the workspace).
   */
  async names(asking?: string): Promise<string[]> {
    await this.#reading;
    const all = new Set<string>();
    for (const [uri, names] of this.#onDisk) if (!sameFile(uri, asking)) for (const n of names) all.add(n);
    return [...all].sort();
  }

  /** Reads every rollout file under the workspace folders; unreadable files and folders are skipped. */
  scan(): Promise<void> {
    let budget = maxFolders;
    const walk = async (dir: string): Promise<void> => {
      if (budget-- <= 0) return;
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && !skipped.has(entry.name)) await walk(path);
        else if (entry.isFile() && isRolloutFile(entry.name)) await this.#read(path);
      }
    };
    return this.#queue(async () => {
      for (const root of this.#roots) await walk(root);
    });
  }

  /** A file the client reports created, changed or deleted on disk (`workspace/didChangeWatchedFiles`). */
  changed(uri: string, deleted: boolean): Promise<void> {
    const path = pathOf(uri);
    if (path === undefined || !isRolloutFile(path)) return this.#reading;
    return this.#queue(async () => {
      if (deleted) {
        const key = pathToFileURL(path).href;
        this.#onDisk.delete(key);
        this.#listener?.(key, undefined);
      } else await this.#read(path);
    });
  }

  #queue(work: () => Promise<void>): Promise<void> {
    this.#reading = this.#reading.then(work).catch(() => undefined);
    return this.#reading;
  }

  async #read(path: string): Promise<void> {
    const key = pathToFileURL(path).href;
    // Only regular files inside the workspace, and never more than the cap: a watched name can be a FIFO or a
    // link to /dev/zero.
    const read = await readWorkspaceFile(path, this.#roots, maxBytes);
    this.#listener?.(key, read);
    if (read === undefined) {
      this.#onDisk.delete(key);
      return;
    }
    // A file that is not UTF-8 gives no names: read as UTF-8, 'café' in Latin-1 would be offered as 'caf\u{fffd}'.
    const { value } = parseRollout(read.text, { fileName: path, notUtf8: read.notUtf8 });
    // A file saved half-written keeps its last names until it parses again.
    if (value !== undefined) this.#onDisk.set(key, alarmNamesOf(value));
  }
}

/**
 * Whether a file read from disk (keyed by `pathToFileURL`) is the document at `uri`, which the client may spell
 * differently (`%3A` for `:`, a drive letter's case).
 */
function sameFile(key: string, uri: string | undefined): boolean {
  if (uri === undefined) return false;
  const path = pathOf(uri);
  return key === uri || (path !== undefined && pathToFileURL(path).href === key);
}

/** The local path of a `file:` URI; undefined for other schemes and URIs Node cannot map (a remote host). */
function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The rollback alarm names of a rollout (none for Vertex AI). */
export function alarmNamesOf(rollout: Rollout): readonly string[] {
  return rollout.provider === 'sagemaker' ? rollout.rollback.alarms : [];
}
