import { analyseDraft, type AnalysedDraft } from './core/analyse';

/**
 * One analysis per document version and marker setting: every request on an unchanged document reuses it.
 * Knows nothing of the connection, so the CLI and tests can use it too.
 */
export class DraftCache {
  private readonly entries = new Map<string, { version: number; markers: string; draft: AnalysedDraft }>();

  get(uri: string, version: number, text: () => string, agreedMarkers: readonly string[]): AnalysedDraft {
    const markers = agreedMarkers.join('\u0000');
    const hit = this.entries.get(uri);
    if (hit && hit.version === version && hit.markers === markers) return hit.draft;
    const draft = analyseDraft(text(), { agreedMarkers });
    this.entries.set(uri, { version, markers, draft });
    return draft;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
