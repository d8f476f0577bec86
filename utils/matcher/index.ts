/** The matcher: pure TypeScript, no DOM or browser APIs (runs in the worker, Node and tests). */
export { buildIndexBuffer, compileIndex, openIndex } from './index-build';
export { NameIndex, INDEX_FORMAT, type CompiledEntity } from './index-format';
export { annotateTexts, type Mention, type MentionRules, type ResolveOptions } from './resolve';
export { nameKey } from './name-key';
export { scanHits, type Hit } from './scan';
export { countWordsOnly } from './word-loop';
export { fold, foldName } from './normalize';
export { splitBlocks, type TextBlock } from './blocks';
