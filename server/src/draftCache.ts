import { analyseDraft, markerKeyOf, type AnalysedDraft } from './core/analyse';
import { reanalyse, type TextChange } from './core/incremental';

/** The edits that took a document from one version to the next, in offsets of the text before each. */
export interface VersionEdit {
  readonly from: number;
  readonly to: number;
  readonly changes: readonly TextChange[];
}

interface Entry {
  version: number;
  markers: string;
  draft: AnalysedDraft;
  /** Edits since `version`, not yet analysed: a request for a later version applies them to `draft`. */
  pending: VersionEdit[];
  pendingSize: number;
}

/** Past this much edited text, or this many edits, waiting for a request, a full analysis is cheaper than catching up. */
const MOST_PENDING_CHARACTERS = 256 * 1024;
const MOST_PENDING_EDITS = 500;

/**
 * One analysis per document version and marker setting: every request on an unchanged document reuses it, and a
 * request after edits re-analyses only around them (core/incremental.ts) when the cache saw every edit since.
 * Knows nothing of the connection, so the CLI and tests can use it too.
 */
export class DraftCache {
  private readonly entries = new Map<string, Entry>();

  get(uri: string, version: number, text: () => string, agreedMarkers: readonly string[]): AnalysedDraft {
    const markers = markerKeyOf({ agreedMarkers });
    const hit = this.entries.get(uri);
    if (hit && hit.version === version && hit.markers === markers) return hit.draft;
    const current = text();
    const caughtUp = hit && hit.markers === markers ? this.catchUp(uri, hit, version, agreedMarkers, current) : undefined;
    // The text the edits lead to must be the document's: anything else means an edit was missed.
    const draft = caughtUp && caughtUp.text === current ? caughtUp : analyseDraft(current, { agreedMarkers });
    this.entries.set(uri, { version, markers, draft, pending: [], pendingSize: 0 });
    return draft;
  }

  /** Records how a document changed, to be analysed when next asked for. */
  edited(uri: string, edit: VersionEdit): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    const last = entry.pending.length > 0 ? entry.pending[entry.pending.length - 1].to : entry.version;
    entry.pending.push(edit);
    for (const c of edit.changes) entry.pendingSize += c.text.length + (c.end - c.start);
    if (edit.from !== last || entry.pending.length > MOST_PENDING_EDITS || entry.pendingSize > MOST_PENDING_CHARACTERS) this.entries.delete(uri);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  /** The entry's draft brought to `version`; the last edit takes the document's own text when it is what the edits make. */
  private catchUp(uri: string, entry: Entry, version: number, agreedMarkers: readonly string[], current: string): AnalysedDraft | undefined {
    if (entry.pending.length === 0 || entry.pending[entry.pending.length - 1].to !== version) return undefined;
    // reanalyse consumes the draft it is given: from here the entry must not be read again, whatever happens.
    this.entries.delete(uri);
    let draft = entry.draft;
    const changes = entry.pending.flatMap((edit) => edit.changes);
    for (let i = 0; i < changes.length; i++) draft = reanalyse(draft, changes[i], { agreedMarkers }, i === changes.length - 1 ? current : undefined);
    return draft;
  }
}
