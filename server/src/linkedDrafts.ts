import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyseDraft, type AnalysedDraft } from './core/analyse';
import { markerKey } from './core/markers';
import { matchDocumentName, type DraftLibrary, type LinkedDraft } from './features/crossDraft';

export interface LinkedDraftSources {
  /** `treaty.documents`: a document's name → a workspace-relative file. */
  readonly documents: Readonly<Record<string, string>>;
  /** Workspace folders, searched in order; the referring draft's folder comes last. */
  readonly roots: readonly string[];
  readonly agreedMarkers: readonly string[];
  /** The text of a file open in the editor, which wins over the file on disk. */
  readonly openText: (uri: string) => { text: string; version: number } | undefined;
}

/**
 * The other drafts `treaty.documents` names, read from disk (or from the editor when open) and analysed once per
 * version or modification time. Knows files, not the connection.
 */
export class LinkedDraftCache {
  private readonly cache = new Map<string, { stamp: string; draft: AnalysedDraft }>();

  library(sources: LinkedDraftSources, referringUri: string): DraftLibrary {
    const names = Object.keys(sources.documents);
    return {
      find: (documentName: string): LinkedDraft | undefined => {
        if (names.length === 0) return undefined;
        const name = matchDocumentName(documentName, names);
        if (name === undefined) return undefined;
        const file = this.locate(sources.documents[name], sources.roots, referringUri);
        if (!file) return undefined;
        const uri = pathToFileURL(file).toString();
        const draft = this.read(file, uri, sources);
        return draft ? { name, uri, draft } : undefined;
      },
    };
  }

  /**
   * What the linked drafts of one document are now (each named file's open version or modification time), without
   * reading or analysing them: when it is unchanged, so is everything the drafts answered.
   */
  state(sources: LinkedDraftSources, referringUri: string): string {
    const markers = markerKey(sources.agreedMarkers);
    return Object.entries(sources.documents)
      .map(([name, relative]) => {
        const file = this.locate(relative, sources.roots, referringUri);
        return `${name}\u0001${file === undefined ? 'missing' : (this.stamp(file, pathToFileURL(file).toString(), sources, markers) ?? 'unreadable')}`;
      })
      .join('\u0002');
  }

  private stamp(file: string, uri: string, sources: LinkedDraftSources, markers: string): string | undefined {
    const open = sources.openText(uri);
    try {
      if (open) return `open:${open.version}:${markers}`;
      // The size too: two writes within one tick of the file system's clock keep the modification time.
      const stat = fs.statSync(file);
      return `disk:${stat.mtimeMs}:${stat.size}:${markers}`;
    } catch {
      return undefined;
    }
  }

  private locate(relative: string, roots: readonly string[], referringUri: string): string | undefined {
    const candidates = path.isAbsolute(relative) ? [relative] : [...roots, ...folderOf(referringUri)].map((r) => path.resolve(r, relative));
    return candidates.find((c) => fs.existsSync(c));
  }

  private read(file: string, uri: string, sources: LinkedDraftSources): AnalysedDraft | undefined {
    const open = sources.openText(uri);
    const stamp = this.stamp(file, uri, sources, markerKey(sources.agreedMarkers));
    if (stamp === undefined) return undefined;
    try {
      const hit = this.cache.get(file);
      if (hit && hit.stamp === stamp) return hit.draft;
      const text = open ? open.text : fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const draft = analyseDraft(text, { agreedMarkers: sources.agreedMarkers });
      this.cache.set(file, { stamp, draft });
      return draft;
    } catch {
      return undefined;
    }
  }
}

function folderOf(uri: string): string[] {
  try {
    return uri.startsWith('file:') ? [path.dirname(fileURLToPath(uri))] : [];
  } catch {
    return [];
  }
}
