/** The matcher: pure TypeScript, no DOM or browser APIs (runs in the worker, Node and tests). */
export { compileIndex, type CompiledIndex, type CompiledEntity } from './compile';
export { annotateTexts, type Mention, type ResolveOptions } from './resolve';
export { fold, foldName } from './normalize';
export { tokenize } from './tokenize';
export { splitBlocks, type TextBlock } from './blocks';
