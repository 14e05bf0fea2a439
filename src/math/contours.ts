import {gridX, gridY, type Grid} from './grid';

/** One connected piece of the level set f = level: (x, y) pairs in domain units. */
export interface ContourLine {
  level: number;
  points: Float64Array;
  closed: boolean;
}

// Marching squares. Cell corners: a = (i, j), b = (i+1, j), c = (i+1, j+1), d = (i, j+1);
// bit 1, 2, 4, 8 is set when that corner is at or above the level.
// Cell edges: 0 bottom a–b, 1 right b–c, 2 top d–c, 3 left a–d.
// Each case lists pairs of crossed edges to join; saddles (5, 10) are resolved below.
const CASES: readonly (readonly number[])[] = [
  [],
  [3, 0],
  [0, 1],
  [3, 1],
  [1, 2],
  [],
  [0, 2],
  [3, 2],
  [2, 3],
  [0, 2],
  [],
  [1, 2],
  [3, 1],
  [0, 1],
  [3, 0],
  [],
];

/** Contour lines of the grid at one level, joined into polylines across cells. */
export function contourLines(grid: Grid, level: number): ContourLine[] {
  const {nx, ny, z} = grid;
  const segA: number[] = [];
  const segB: number[] = [];
  const point = new Map<number, [number, number]>();

  // A global id for every lattice edge: 2k for the edge (i,j)–(i+1,j), 2k+1 for (i,j)–(i,j+1).
  const edgeId = (i: number, j: number, side: number): number => {
    if (side === 0) return 2 * (j * nx + i);
    if (side === 2) return 2 * ((j + 1) * nx + i);
    if (side === 3) return 2 * (j * nx + i) + 1;
    return 2 * (j * nx + i + 1) + 1;
  };
  const crossing = (id: number): void => {
    if (point.has(id)) return;
    const k = id >> 1;
    const i = k % nx;
    const j = (k - i) / nx;
    const k2 = id & 1 ? k + nx : k + 1;
    const t = (level - z[k]) / (z[k2] - z[k]);
    const x0 = gridX(grid, i);
    const y0 = gridY(grid, j);
    point.set(id, id & 1 ? [x0, y0 + t * (gridY(grid, j + 1) - y0)] : [x0 + t * (gridX(grid, i + 1) - x0), y0]);
  };

  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const k = j * nx + i;
      const a = z[k],
        b = z[k + 1],
        c = z[k + nx + 1],
        d = z[k + nx];
      const index = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
      let pairs = CASES[index];
      if (index === 5 || index === 10) {
        // Saddle: the cell centre decides whether the two high corners are connected.
        const centreHigh = (a + b + c + d) / 4 >= level;
        const cutBD = index === 5 ? centreHigh : !centreHigh;
        pairs = cutBD ? [0, 1, 2, 3] : [3, 0, 1, 2];
      }
      for (let p = 0; p < pairs.length; p += 2) {
        const e1 = edgeId(i, j, pairs[p]);
        const e2 = edgeId(i, j, pairs[p + 1]);
        crossing(e1);
        crossing(e2);
        segA.push(e1);
        segB.push(e2);
      }
    }
  }
  return joinSegments(segA, segB, point, level);
}

/** Contour lines at several levels. */
export function contours(grid: Grid, levels: readonly number[]): ContourLine[] {
  return levels.flatMap(level => contourLines(grid, level));
}

/** n levels evenly spaced strictly between lo and hi. */
export function evenLevels(lo: number, hi: number, n: number): number[] {
  return Array.from({length: n}, (_, i) => lo + ((i + 1) * (hi - lo)) / (n + 1));
}

// Each crossing point is shared by at most two segments (one per neighbouring cell),
// so the segments form simple chains: open ones start at a crossing used once.
function joinSegments(
  segA: number[],
  segB: number[],
  point: Map<number, [number, number]>,
  level: number,
): ContourLine[] {
  const uses = new Map<number, number[]>();
  const addUse = (edge: number, seg: number) => {
    const list = uses.get(edge);
    if (list) list.push(seg);
    else uses.set(edge, [seg]);
  };
  segA.forEach((e, s) => addUse(e, s));
  segB.forEach((e, s) => addUse(e, s));

  const used = new Uint8Array(segA.length);
  const lines: ContourLine[] = [];
  const walk = (startSeg: number, startEdge: number): void => {
    const edges = [startEdge];
    let seg = startSeg;
    let edge = startEdge;
    while (seg >= 0 && !used[seg]) {
      used[seg] = 1;
      edge = segA[seg] === edge ? segB[seg] : segA[seg];
      edges.push(edge);
      seg = (uses.get(edge) ?? []).find(s => !used[s]) ?? -1;
    }
    const closed = edges.length > 2 && edges[0] === edges[edges.length - 1];
    if (closed) edges.pop();
    const points = new Float64Array(edges.length * 2);
    edges.forEach((e, n) => {
      const p = point.get(e) as [number, number];
      points[2 * n] = p[0];
      points[2 * n + 1] = p[1];
    });
    lines.push({level, points, closed});
  };
  for (const [edge, list] of uses) {
    if (list.length === 1 && !used[list[0]]) walk(list[0], edge);
  }
  for (let s = 0; s < segA.length; s++) {
    if (!used[s]) walk(s, segA[s]);
  }
  return lines;
}
