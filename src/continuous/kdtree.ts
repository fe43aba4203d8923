// A k-d tree over n points in d dimensions (row-major), for the k-NN estimators on
// multivariate samples: split on the widest coordinate at its median, 16 points a leaf;
// a query keeps the k nearest in a bounded max-heap and visits the far side of a split
// only when the split plane is nearer than the k-th distance so far. Distances are
// Euclidean; points at distance 0 are passed over (the estimators' duplicate policy,
// estimators.ts), and a query says whether it met any.

const LEAF = 16;

export class KdTree {
  private readonly perm: Int32Array;
  // Per node: [lo, hi) of perm, the split coordinate (−1 for a leaf), the split value, children.
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private readonly axis: number[] = [];
  private readonly split: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];

  constructor(
    readonly points: Float64Array,
    readonly n: number,
    readonly d: number,
  ) {
    this.perm = Int32Array.from({ length: n }, (_, i) => i);
    this.build(0, n);
    // The points in leaf order, contiguous: a leaf's scan reads one run of memory.
    this.sorted = new Float64Array(n * d);
    for (let t = 0; t < n; t++) this.sorted.set(points.subarray(this.perm[t]! * d, (this.perm[t]! + 1) * d), t * d);
    this.nodeLo = Int32Array.from(this.lo);
    this.nodeHi = Int32Array.from(this.hi);
    this.nodeAxis = Int32Array.from(this.axis);
    this.nodeSplit = Float64Array.from(this.split);
    this.nodeLeft = Int32Array.from(this.left);
    this.nodeRight = Int32Array.from(this.right);
  }

  // The built tree in typed arrays (the arrays above only serve the build).
  private readonly sorted: Float64Array;
  private readonly nodeLo: Int32Array;
  private readonly nodeHi: Int32Array;
  private readonly nodeAxis: Int32Array;
  private readonly nodeSplit: Float64Array;
  private readonly nodeLeft: Int32Array;
  private readonly nodeRight: Int32Array;

  private node(lo: number, hi: number): number {
    this.lo.push(lo);
    this.hi.push(hi);
    this.axis.push(-1);
    this.split.push(0);
    this.left.push(-1);
    this.right.push(-1);
    return this.lo.length - 1;
  }

  private build(lo0: number, hi0: number): number {
    const root = this.node(lo0, hi0);
    const stack = [root];
    const { points: P, d, perm } = this;
    while (stack.length > 0) {
      const id = stack.pop()!;
      const [lo, hi] = [this.lo[id]!, this.hi[id]!];
      if (hi - lo <= LEAF) continue;
      // The widest coordinate over the node's points.
      let best = 0;
      let width = -1;
      for (let a = 0; a < d; a++) {
        let mn = Infinity;
        let mx = -Infinity;
        for (let t = lo; t < hi; t++) {
          const v = P[perm[t]! * d + a]!;
          if (v < mn) mn = v;
          if (v > mx) mx = v;
        }
        if (mx - mn > width) [width, best] = [mx - mn, a];
      }
      if (width === 0) continue; // all equal: a leaf, however large
      const mid = (lo + hi) >>> 1;
      select(perm, lo, hi - 1, mid, (i) => P[i * d + best]!);
      this.axis[id] = best;
      this.split[id] = P[perm[mid]! * d + best]!;
      const l = this.node(lo, mid);
      const r = this.node(mid, hi);
      this.left[id] = l;
      this.right[id] = r;
      stack.push(l, r);
    }
    return root;
  }

  // Query state, reused across queries (no allocation per query).
  private heap = new Float64Array(1);
  private size = 0;
  private k = 1;
  private zeros = 0;
  private q: Float64Array = new Float64Array(0);
  private at = 0;

  /** The k-th smallest positive distance from q (d coordinates at q[at…]), and how many points at distance 0 were passed over. */
  kth(q: Float64Array, at: number, k: number): { d: number; zeros: number } {
    if (this.heap.length < k) this.heap = new Float64Array(k);
    this.heap.fill(Infinity, 0, k);
    this.size = 0;
    this.k = k;
    this.zeros = 0;
    this.q = q;
    this.at = at;
    this.visit(0);
    return { d: this.size < k ? NaN : Math.sqrt(this.heap[0]!), zeros: this.zeros };
  }

  /** The k-th squared distance so far (∞ until k are held). */
  private worst(): number {
    return this.size < this.k ? Infinity : this.heap[0]!;
  }

  /** Adds a squared distance to the bounded max-heap. */
  private push(v: number): void {
    const heap = this.heap;
    const k = this.k;
    if (this.size < k) {
      let i = this.size++;
      heap[i] = v;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heap[p]! >= v) break;
        heap[i] = heap[p]!;
        i = p;
      }
      heap[i] = v;
      return;
    }
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= k) break;
      const r = l + 1;
      const m = r < k && heap[r]! > heap[l]! ? r : l;
      if (heap[m]! <= v) break;
      heap[i] = heap[m]!;
      i = m;
    }
    heap[i] = v;
  }

  private visit(id: number): void {
    const a = this.nodeAxis[id]!;
    const q = this.q;
    const at = this.at;
    if (a < 0) {
      const P = this.sorted;
      const d = this.d;
      const end = this.nodeHi[id]! * d;
      for (let base = this.nodeLo[id]! * d; base < end; base += d) {
        let s = 0;
        for (let c = 0; c < d; c++) {
          const diff = P[base + c]! - q[at + c]!;
          s += diff * diff;
        }
        if (s === 0) this.zeros++;
        else if (this.size < this.k || s < this.heap[0]!) this.push(s);
      }
      return;
    }
    const diff = q[at + a]! - this.nodeSplit[id]!;
    if (diff < 0) {
      this.visit(this.nodeLeft[id]!);
      if (diff * diff <= this.worst()) this.visit(this.nodeRight[id]!);
    } else {
      this.visit(this.nodeRight[id]!);
      if (diff * diff <= this.worst()) this.visit(this.nodeLeft[id]!);
    }
  }
}

/** Partial sort of perm[lo..hi] so that perm[nth] holds the nth smallest key and the rest are on their sides (Hoare's quickselect). */
function select(perm: Int32Array, lo: number, hi: number, nth: number, key: (i: number) => number): void {
  while (hi > lo) {
    const pivot = key(perm[(lo + hi) >>> 1]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (key(perm[i]!) < pivot) i++;
      while (key(perm[j]!) > pivot) j--;
      if (i <= j) {
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
        i++;
        j--;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}
