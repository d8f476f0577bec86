/**
 * Batches added content for annotation: the observer only queues roots;
 * work happens after a quiet period, on subtrees that are still attached,
 * outermost only, never inside our own UI. Past a threshold of roots one
 * rescan of the page is cheaper than many small ones. Text that changed in
 * place is queued like added text; removals only ask for the marks on
 * removed text to be let go (marks are static ranges: nothing moves them).
 */
import { OWN_UI_ATTR } from './segments';

export interface BatchOptions {
  delayMs?: number;
  maxRoots?: number;
  onBatch: (roots: Node[] | 'rescan') => void;
  /** Some content was removed: marks on text no longer in the document can go. */
  onRemoved?: () => void;
  setTimer: (fn: () => void, ms: number) => unknown;
}

export function isOwnUi(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest(`[${OWN_UI_ATTR}]`);
}

export class MutationBatcher {
  private queue = new Set<Node>();
  private removed = false;
  private scheduled = false;

  constructor(private readonly opts: BatchOptions) {}

  push(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type === 'childList') {
        for (const n of r.addedNodes) if ((n.nodeType === 1 || n.nodeType === 3) && !isOwnUi(n)) this.queue.add(n);
        if (r.removedNodes.length > 0) this.removed = true;
      } else if (r.type === 'characterData' && !isOwnUi(r.target)) {
        this.queue.add(r.target);
      }
    }
    if ((this.queue.size || this.removed) && !this.scheduled) {
      this.scheduled = true;
      this.opts.setTimer(() => this.flush(), this.opts.delayMs ?? 250);
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.removed) { this.removed = false; this.opts.onRemoved?.(); }
    const nodes = [...this.queue].filter((n) => n.isConnected);
    this.queue.clear();
    if (nodes.length === 0) return;
    if (nodes.length > (this.opts.maxRoots ?? 400)) { this.opts.onBatch('rescan'); return; }
    // Keep only outermost roots: a node inside another queued node is covered.
    const set = new Set(nodes);
    const roots = nodes.filter((n) => {
      for (let p = n.parentNode; p; p = p.parentNode) if (set.has(p)) return false;
      return true;
    });
    this.opts.onBatch(roots);
  }
}
