/** A rectangle on the canvas, in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 24;

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width + GAP &&
  b.x < a.x + a.width + GAP &&
  a.y < b.y + b.height + GAP &&
  b.y < a.y + a.height + GAP;

/** The first place at or below `at` where a box of `size` touches no other box, so a new node is not hidden. */
export function freeSpot(
  at: { x: number; y: number },
  size: { width: number; height: number },
  boxes: readonly Box[],
): { x: number; y: number } {
  const spot = { ...at, ...size };
  for (let i = 0; i < 200; i++) {
    const hit = boxes.find((b) => overlaps(spot, b));
    if (!hit) break;
    spot.y = hit.y + hit.height + GAP + 1;
  }
  return { x: spot.x, y: spot.y };
}
