/**
 * Regression trees over binned features, the weak learner of LambdaMART (lambdamart.ts): grown
 * level by level to `maxDepth`, each split the one with the largest second-order gain
 * (G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), as LightGBM / XGBoost), leaves at the Newton step
 * −G/(H+λ). Histograms of `bins` quantile bins per feature keep a split search O(rows × features).
 */

/** A fitted tree: internal nodes split on `feature` < `threshold` (left) in arrays; leaves hold values. */
export interface Tree {
  /** Per node: feature index, or −1 for a leaf. */
  feature: number[];
  /** Per node: raw threshold (go left when value < threshold) or the leaf's value. */
  value: number[];
  left: number[];
  right: number[];
}

/** Binned columns: `codes[row * features + f]` is the bin of row's feature f; `edges[f]` its thresholds. */
export interface BinnedRows {
  rows: number;
  features: number;
  codes: Uint8Array;
  /** Per feature, ascending bin upper edges: bin b holds values < edges[b] (last bin: the rest). */
  edges: Float32Array[];
}

/** Quantile bins (at most `bins` ≤ 256) of each column of row-major `data`. */
export function binRows(data: Float32Array, features: number, bins = 64): BinnedRows {
  const rows = data.length / features;
  const codes = new Uint8Array(rows * features);
  const edges: Float32Array[] = [];
  const column = new Float32Array(rows);
  for (let f = 0; f < features; f++) {
    for (let r = 0; r < rows; r++) column[r] = data[r * features + f];
    const sorted = Float32Array.from(column).sort();
    const cuts: number[] = [];
    for (let b = 1; b < bins; b++) {
      const v = sorted[Math.floor((b * rows) / bins)];
      if (cuts.length === 0 ? v > sorted[0] : v > cuts[cuts.length - 1]) cuts.push(v);
    }
    const e = Float32Array.from(cuts);
    edges.push(e);
    for (let r = 0; r < rows; r++) codes[r * features + f] = binOf(e, column[r]);
  }
  return { rows, features, codes, edges };
}

/** The bin of `v` among ascending `edges` (first edge greater than v). */
function binOf(edges: Float32Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v < edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Tree-growing limits. */
export interface TreeOptions {
  maxDepth: number;
  /** Least hessian sum in a child (min_child_weight). */
  minHessian: number;
  /** L2 penalty on leaf values. */
  lambda: number;
}

/** Fit one tree to gradients `g` and hessians `h` of every row of `data`. */
export function fitTree(data: BinnedRows, g: Float32Array, h: Float32Array, opt: TreeOptions): Tree {
  const { features: F, codes, edges } = data;
  const tree: Tree = { feature: [], value: [], left: [], right: [] };
  const nodeOf = new Int32Array(data.rows); // current node of each row; all start at the root
  const newNode = () => {
    tree.feature.push(-1);
    tree.value.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    return tree.feature.length - 1;
  };
  let level = [newNode()];
  for (let depth = 0; depth <= opt.maxDepth && level.length > 0; depth++) {
    const slot = new Map(level.map((n, i) => [n, i]));
    const B = 256;
    const hg = new Float64Array(level.length * F * B);
    const hh = new Float64Array(level.length * F * B);
    const G = new Float64Array(level.length);
    const H = new Float64Array(level.length);
    for (let r = 0; r < data.rows; r++) {
      const s = slot.get(nodeOf[r]);
      if (s === undefined) continue; // in a finished leaf
      G[s] += g[r];
      H[s] += h[r];
      if (depth === opt.maxDepth) continue;
      const base = s * F * B;
      for (let f = 0; f < F; f++) {
        const i = base + f * B + codes[r * F + f];
        hg[i] += g[r];
        hh[i] += h[r];
      }
    }
    const next: number[] = [];
    const split = new Map<number, { f: number; bin: number; left: number; right: number }>();
    level.forEach((node, s) => {
      tree.value[node] = -G[s] / (H[s] + opt.lambda);
      if (depth === opt.maxDepth) return;
      const parent = (G[s] * G[s]) / (H[s] + opt.lambda);
      let best = { gain: 1e-9, f: -1, bin: 0 };
      for (let f = 0; f < F; f++) {
        let gl = 0;
        let hl = 0;
        for (let b = 0; b < edges[f].length; b++) {
          gl += hg[s * F * B + f * B + b];
          hl += hh[s * F * B + f * B + b];
          const gr = G[s] - gl;
          const hr = H[s] - hl;
          if (hl < opt.minHessian || hr < opt.minHessian) continue;
          const gain = (gl * gl) / (hl + opt.lambda) + (gr * gr) / (hr + opt.lambda) - parent;
          if (gain > best.gain) best = { gain, f, bin: b };
        }
      }
      if (best.f < 0) return;
      const left = newNode();
      const right = newNode();
      tree.feature[node] = best.f;
      tree.value[node] = edges[best.f][best.bin];
      tree.left[node] = left;
      tree.right[node] = right;
      split.set(node, { f: best.f, bin: best.bin, left, right });
      next.push(left, right);
    });
    for (let r = 0; r < data.rows; r++) {
      const sp = split.get(nodeOf[r]);
      if (sp) nodeOf[r] = codes[r * F + sp.f] <= sp.bin ? sp.left : sp.right;
    }
    level = next;
  }
  return tree;
}

/** The tree's value for one row (`row[f]` raw feature values). */
export function treeValue(tree: Tree, row: ArrayLike<number>): number {
  let n = 0;
  while (tree.feature[n] >= 0) n = row[tree.feature[n]] < tree.value[n] ? tree.left[n] : tree.right[n];
  return tree.value[n];
}
