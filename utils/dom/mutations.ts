/**
 * Batches added content for annotation: the observer only queues roots;
 * work happens after a quiet period, on subtrees that are still attached,
 * outermost only, never inside our own UI. Past a threshold of roots one
 * rescan of the page is cheaper than many small ones.
 */
import { OWN_UI_ATTR } from './segments';

export interface BatchOptions {
  delayMs?: number;
  maxRoots?: number;
  onBatch: (roots: Node[] | 'rescan') => void;
  setTimer: (fn: () => void, ms: number) => unknown;
}

export function isOwnUi(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest(`[${OWN_UI_ATTR}]`);
}

export class MutationBatcher {
  private queue = new Set<Node>();
  private scheduled = false;

  constructor(private readonly opts: BatchOptions) {}

  push(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type === 'childList') {
        for (const n of r.addedNodes) if ((n.nodeType === 1 || n.nodeType === 3) && !isOwnUi(n)) this.queue.add(n);
      } else if (r.type === 'characterData' && !isOwnUi(r.target)) {
        this.queue.add(r.target);
      }
    }
    if (this.queue.size && !this.scheduled) {
      this.scheduled = true;
      this.opts.setTimer(() => this.flush(), this.opts.delayMs ?? 250);
    }
  }

  flush(): void {
    this.scheduled = false;
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
