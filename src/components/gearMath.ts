/**
 * Spur-gear geometry: involute teeth, meshing distance and phase.
 * Math coordinates: y up, angles counter-clockwise in radians. A gear's angle is the
 * direction of the centre of its tooth 0.
 */
import type {Pair} from './axisMath';

/** Standard 20° pressure angle. */
export const PRESSURE_ANGLE = (20 * Math.PI) / 180;

/** Radius of the pitch circle, where meshing gears roll on each other: m·z/2. */
export function pitchRadius(teeth: number, module: number): number {
  return (module * teeth) / 2;
}

// 20° stub teeth (addendum 0.8·m, dedendum 1·m): small gears keep flat-topped, sturdy teeth.
const ADDENDUM = 0.8;
const DEDENDUM = 1;

/** Tooth tips reach 0.8 module beyond the pitch circle. */
export function outerRadius(teeth: number, module: number): number {
  return pitchRadius(teeth, module) + ADDENDUM * module;
}

/** Tooth roots sit one module inside the pitch circle (clearance for the other gear's tips). */
export function rootRadius(teeth: number, module: number): number {
  return pitchRadius(teeth, module) - DEDENDUM * module;
}

/** Radius of the marker dot that shows a gear's angle: just inside the tooth roots. */
export function markerRadius(teeth: number, module: number): number {
  return rootRadius(teeth, module) - 1.2 * module;
}

/** Arc length between neighbouring teeth on the pitch circle: π·m. Meshing gears share it. */
export function circularPitch(module: number): number {
  return Math.PI * module;
}

/** Distance between the centres of two meshing gears: the pitch radii touch. */
export function centreDistance(teeth1: number, teeth2: number, module: number): number {
  return pitchRadius(teeth1, module) + pitchRadius(teeth2, module);
}

/** Involute function: the polar angle of the involute at pressure angle a. */
function inv(a: number): number {
  return Math.tan(a) - a;
}

/**
 * Closed outline of an involute spur gear centred on the origin, tooth 0 on the +x axis.
 * `backlash` thins each tooth by that fraction of the circular pitch so meshed teeth
 * do not touch on both sides.
 */
export function gearOutline(teeth: number, module: number, pointsPerFlank = 8, backlash = 0.03): Pair[] {
  const z = Math.round(teeth);
  const rp = pitchRadius(z, module);
  const ra = outerRadius(z, module);
  const rf = rootRadius(z, module);
  const rb = rp * Math.cos(PRESSURE_ANGLE);
  const halfPitchThickness = (Math.PI / 2 - backlash * Math.PI) / z;

  // Half the angular width of a tooth at radius r; radial below the base circle.
  const halfWidth = (r: number): number => {
    const rr = Math.max(r, rb);
    const a = Math.acos(Math.min(1, rb / rr));
    return Math.max(0.02 / z, halfPitchThickness + inv(PRESSURE_ANGLE) - inv(a));
  };

  const polar = (r: number, a: number): Pair => [r * Math.cos(a), r * Math.sin(a)];
  const radii: number[] = [];
  for (let i = 0; i < pointsPerFlank; i++) radii.push(rf + ((ra - rf) * i) / (pointsPerFlank - 1));

  const out: Pair[] = [];
  for (let k = 0; k < z; k++) {
    const c = (2 * Math.PI * k) / z;
    // Rising flank (clockwise side of the tooth), tip, falling flank.
    for (const r of radii) out.push(polar(r, c - halfWidth(r)));
    for (let i = radii.length - 1; i >= 0; i--) out.push(polar(radii[i], c + halfWidth(radii[i])));
    // The root arc to the next tooth.
    const from = c + halfWidth(rf);
    const to = c + (2 * Math.PI) / z - halfWidth(rf);
    for (let i = 1; i < 4; i++) out.push(polar(rf, from + ((to - from) * i) / 4));
  }
  return out;
}

/**
 * Angle of a gear (teeth2) meshed with a gear (teeth1) at angle `angle1`, its centre
 * lying in direction `direction` from the first one. The pitch circles roll without
 * slipping (r1·dθ1 = −r2·dθ2), and when a tooth of gear 1 points at gear 2,
 * a gap of gear 2 points back at it.
 */
export function meshedAngle(angle1: number, teeth1: number, teeth2: number, direction: number): number {
  return direction + Math.PI + (Math.PI - teeth1 * (angle1 - direction)) / teeth2;
}

/** Speed ratio ω2/ω1 of a meshed pair: −z1/z2 (the driven gear turns the other way). */
export function meshRatio(teeth1: number, teeth2: number): number {
  return -teeth1 / teeth2;
}

/** Centre of a gear meshed with one at `centre1`, in direction `direction` (math coordinates). */
export function meshedCentre(centre1: Pair, teeth1: number, teeth2: number, module: number, direction: number): Pair {
  const d = centreDistance(teeth1, teeth2, module);
  return [centre1[0] + d * Math.cos(direction), centre1[1] + d * Math.sin(direction)];
}

/** Angles of a chain of meshed gears driven by the first one's angle. */
export function trainAngles(angle1: number, teeth: number[], directions: number[]): number[] {
  const out = [angle1];
  for (let i = 1; i < teeth.length; i++) {
    out.push(meshedAngle(out[i - 1], teeth[i - 1], teeth[i], directions[i - 1] ?? 0));
  }
  return out;
}
