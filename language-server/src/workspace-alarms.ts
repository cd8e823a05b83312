import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseRollout, type Rollout } from '@shiftwise/core';
import type { InitializeParams } from 'vscode-languageserver';

const rolloutFile = /\.rollout\.(ya?ml|json)$/;
const skipped = new Set(['node_modules', '.git', 'dist', '.cache']);
/** A workspace is scanned once, at start, and never for more than this many folders. */
const maxFolders = 2000;

/**
 * The CloudWatch alarm names used by the workspace's rollout files, offered when completing `rollback.alarms`.
 * Files on disk are read once at start-up; open documents replace their file's names as they are edited.
 */
export class WorkspaceAlarms {
  readonly #onDisk = new Map<string, readonly string[]>();
  readonly #open = new Map<string, readonly string[]>();
  #roots: string[] = [];

  setRoots(params: InitializeParams): void {
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.#roots = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  }

  /** Records the names of an open document's rollout; `undefined` when it closed or does not parse. */
  setOpen(uri: string, rollout: Rollout | undefined): void {
    if (rollout === undefined) this.#open.delete(uri);
    else this.#open.set(uri, alarmsOf(rollout));
  }

  names(): string[] {
    const all = new Set<string>();
    for (const [uri, names] of this.#onDisk) if (!this.#open.has(uri)) for (const n of names) all.add(n);
    for (const names of this.#open.values()) for (const n of names) all.add(n);
    return [...all].sort();
  }

  /** Reads every rollout file under the workspace folders; unreadable files and folders are skipped. */
  async scan(): Promise<void> {
    let budget = maxFolders;
    const walk = async (dir: string): Promise<void> => {
      if (budget-- <= 0) return;
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && !skipped.has(entry.name)) await walk(path);
        else if (entry.isFile() && rolloutFile.test(entry.name)) await this.#read(path);
      }
    };
    for (const root of this.#roots) await walk(root);
  }

  async #read(path: string): Promise<void> {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined || text.length > 1_000_000) return;
    const { value } = parseRollout(text, { fileName: path });
    if (value !== undefined) this.#onDisk.set(pathToFileURL(path).href, alarmsOf(value));
  }
}

function alarmsOf(rollout: Rollout): readonly string[] {
  return rollout.provider === 'sagemaker' ? rollout.rollback.alarms : [];
}
