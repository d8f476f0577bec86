/**
 * Splits plain text into blocks at blank lines, as a page's paragraphs are
 * split by block elements: a name never spans two paragraphs.
 */
export interface TextBlock {
  start: number;
  text: string;
}

export function splitBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const re = /\n[ \t\r\f\v]*\n/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) blocks.push({ start: last, text: text.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  if (last < text.length) blocks.push({ start: last, text: text.slice(last) });
  return blocks;
}
