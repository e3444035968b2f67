import { formatNumber } from './numberForms';
import type { Block } from './model';

/** How a drafter names a block in a message: `paragraph 61 bis`, `sub-paragraph (b)`, `Alt 2 to paragraph 61`. */
export function describeBlock(block: Block): string {
  const label = block.label;
  switch (label.kind) {
    case 'paragraph':
      return block.unnumbered ? `the paragraph at line ${block.firstLine + 1}` : `paragraph ${formatNumber(label.number)}`;
    case 'subparagraph':
      return `sub-paragraph (${label.letter}${label.variant ?? ''})`;
    case 'alternative':
      return `Alt ${label.index} to ${label.targetSub ? `sub-paragraph ${formatNumber(label.target)} (${label.targetSub})` : `paragraph ${formatNumber(label.target)}`}`;
    case 'article':
      return `Article ${formatNumber(label.number)}`;
    case 'heading':
      return label.number ? `heading ${label.number}` : `the heading "${label.title}"`;
    case 'option':
      return `Option ${label.index}`;
    case 'bullet':
      return `the bullet at line ${block.firstLine + 1}`;
    default:
      return `the text at line ${block.firstLine + 1}`;
  }

}
