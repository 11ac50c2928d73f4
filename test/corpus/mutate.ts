/** Seeded mutations of corpus files, shared by the fuzz and incremental-parse tests. */

export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '\\\n',
  '`\n',
  '<<EOF\n',
  'EOF\n',
  '["',
  '"]',
  "'",
  '"',
  '$',
  '${',
  '}',
  '#',
  '\r\n',
  '\t',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '&&',
  '|',
  ';',
  '(',
  ')',
  'RUN ',
  'FROM ',
  ' AS ',
  'ARG X=${Y:-',
  '--mount=type=',
  '\n',
];

export function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 8);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const choice = random();
    if (choice < 0.35) out = out.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + out.slice(at);
    else if (choice < 0.6) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 40));
    else if (choice < 0.8) out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 0xffff)) + out.slice(at + 1);
    else {
      const lines = out.split('\n');
      const line = Math.floor(random() * lines.length);
      lines.splice(line, 0, lines[Math.floor(random() * lines.length)] ?? '');
      out = lines.join('\n');
    }
  }
  return out;
}
