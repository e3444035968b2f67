/**
 * Deterministic drafts of any size for the benchmark and the robustness tests: sections, numbered paragraphs with
 * brackets (nested, slash options, adjacent runs, placeholders), sub-paragraphs, alternatives, options, markers and
 * references, in proportions like a late-stage negotiating text.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the parties shall should may ensure promote support strengthen develop implement sustainable development ' +
  'digital cooperation capacity building technology transfer resources financing developing countries ' +
  'stakeholders governments private sector civil society international organizations human rights ' +
  'access inclusive open secure resilient infrastructure data governance national policies measures ' +
  'report review progress framework mechanism cooperation regional global commitments'
).split(' ');

export interface GeneratedDraft {
  readonly text: string;
  readonly paragraphs: number;
}

export function generateDraft(paragraphs: number, seed = 1): GeneratedDraft {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const phrase = (): string => {
    const r = random();
    if (r < 0.05) return `[${words(2)} [${words(2)} [${words(1)}]] ${words(1)}]`;
    if (r < 0.2) return `[${pick(WORDS)}/${pick(WORDS)}${random() < 0.3 ? `/${pick(WORDS)}` : ''}]`;
    if (r < 0.3) return `[${words(2)}][${words(2)}]`;
    if (r < 0.33) return '[X]';
    if (r < 0.6) return `[${words(3)}]`;
    return words(3);
  };
  const sentence = (n: number): string => {
    const ref = random() < 0.15 ? ` as referred to in paragraph ${1 + Math.floor(random() * paragraphs)}` : '';
    return `${Array.from({ length: n }, phrase).join(' ')}${ref}`;
  };
  const out: string[] = ['Draft outcome document (generated)', ''];
  let section = 0;
  for (let n = 1; n <= paragraphs; n++) {
    if ((n - 1) % 40 === 0) {
      section++;
      out.push(`${section}.`, `${words(4)}`, '');
    }
    const agreed = random() < 0.3;
    const body = agreed ? `${words(20)} ${words(14)}. (Agreed)` : `${sentence(9)} ${sentence(7)}.`;
    out.push(`${n}. ${capital(body)}`);
    const shape = random();
    if (shape < 0.1) {
      for (const letter of 'abcd') out.push(`${letter}) ${sentence(3)};`);
    } else if (shape < 0.14) {
      out.push(`[Alt 1 ${n}. ${sentence(5)}.]`, `[Alt 2 ${n}. ${sentence(5)}.]`);
    } else if (shape < 0.16) {
      out.push(`Option 1: ${sentence(3)};`, `Option 2: ${sentence(3)}.`);
    }
    out.push('');
  }
  return { text: out.join('\n'), paragraphs };
}

function capital(s: string): string {
  return s[0] === '[' ? s : s[0].toUpperCase() + s.slice(1);
}

/** A draft of about `bytes` characters. */
export function generateDraftOfSize(bytes: number, seed = 1): GeneratedDraft {
  const sample = generateDraft(200, seed).text.length / 200;
  return generateDraft(Math.max(1, Math.round(bytes / sample)), seed);
}
