/**
 * The fixpoint's worklist: segments come out in reverse postorder (a topological order of the
 * graph without its back edges), so a merge is usually computed after all its predecessors and a
 * long chain of `if`s is walked once, not once per partial input (first-in-first-out made long
 * handlers quadratic).
 */
import type { Rule } from 'eslint';

/** Reverse-postorder position of every segment reachable from `initial`. */
export function reversePostorder(initial: Rule.CodePathSegment): Map<string, number> {
  const order: Rule.CodePathSegment[] = [];
  const seen = new Set<string>([initial.id]);
  const stack: { segment: Rule.CodePathSegment; next: number }[] = [{ segment: initial, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { segment: Rule.CodePathSegment; next: number };
    const successor = top.segment.nextSegments[top.next];
    if (successor) {
      top.next += 1;
      if (!seen.has(successor.id)) {
        seen.add(successor.id);
        stack.push({ segment: successor, next: 0 });
      }
    } else {
      order.push(top.segment);
      stack.pop();
    }
  }
  const position = new Map<string, number>();
  order.reverse().forEach((segment, index) => position.set(segment.id, index));
  return position;
}

/** A set of segments that yields the one with the smallest position first (a binary heap). */
export class Worklist {
  private readonly heap: Rule.CodePathSegment[] = [];
  private readonly queued = new Set<string>();

  constructor(private readonly position: ReadonlyMap<string, number>) {}

  get size(): number {
    return this.heap.length;
  }

  push(segment: Rule.CodePathSegment): void {
    if (this.queued.has(segment.id)) return;
    this.queued.add(segment.id);
    const heap = this.heap;
    heap.push(segment);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.rank(heap[parent]) <= this.rank(heap[index])) break;
      [heap[parent], heap[index]] = [heap[index] as Rule.CodePathSegment, heap[parent] as Rule.CodePathSegment];
      index = parent;
    }
  }

  pop(): Rule.CodePathSegment | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (!top) return undefined;
    const last = heap.pop() as Rule.CodePathSegment;
    if (heap.length > 0) {
      heap[0] = last;
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < heap.length && this.rank(heap[left]) < this.rank(heap[smallest])) smallest = left;
        if (right < heap.length && this.rank(heap[right]) < this.rank(heap[smallest])) smallest = right;
        if (smallest === index) break;
        [heap[smallest], heap[index]] = [heap[index] as Rule.CodePathSegment, heap[smallest] as Rule.CodePathSegment];
        index = smallest;
      }
    }
    this.queued.delete(top.id);
    return top;
  }

  private rank(segment: Rule.CodePathSegment | undefined): number {
    return segment ? (this.position.get(segment.id) ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
  }
}
