import { defineRule } from '../engine/rule';
import { findTokens } from '../engine/knowledge/secrets';

export default defineRule({
  meta: {
    id: 'hardcoded-secret',
    group: 'secrets',
    description: 'The Dockerfile must not contain credentials: tokens, keys, passwords in URLs.',
    severity: 'error',
    messages: {
      token: 'The Dockerfile contains {{kind}} ({{masked}}): anyone with the repository or the image can use it. Revoke it, and pass the new one as a build secret.',
    },
    applicability: [],
    applicabilityNote: 'none (revoke the credential)',
    peers: {},
  },
  check({ model, report }) {
    const { source } = model;
    // Line by line over the whole file: instructions, heredocs and comments alike end up in git.
    for (let line = 0; line < source.lineCount; line++) {
      const text = source.lineText(line);
      if (text.length < 16) continue;
      for (const token of findTokens(text)) {
        report({
          messageId: 'token',
          data: { kind: token.kind, masked: token.masked },
          range: { start: { line, character: token.start }, end: { line, character: token.end } },
        });
      }
    }
  },
});
