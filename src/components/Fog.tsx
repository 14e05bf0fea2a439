import {Node, type NodeProps, computed, initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal} from '@motion-canvas/core';
import {clearingEllipse, type ClearingEllipse} from '../math/fog';
import {hexToRgb} from './colorMath';
import {Surface3D} from './Surface3D';

export interface FogProps extends NodeProps {
  bleed?: SignalValue<number>;
}

/**
 * The foggy-descent look: an opaque fog over the parent {@link Surface3D}, with a soft-edged
 * clearing around its `fogCenter` of radius `fogRadius`. The clearing is the projection of the
 * horizontal circle around the centre, so it follows the camera. Outside it every pixel is the
 * surface's `fogColor`: the terrain there is covered, not just dimmed. Add it as a child of the
 * surface; tween the surface's fogRadius up to lift the fog.
 *
 * @example
 * ```tsx
 * <Surface3D mesh={mesh} fogCenter={() => walkerAt(step())} fogRadius={0.8}>
 *   <Fog />
 * </Surface3D>
 * ```
 */
export class Fog extends Node {
  /**
   * How far beyond the surface's rectangle the fog reaches, in pixels.
   *
   * @example <Fog bleed={200} />
   */
  @initial(0)
  @signal()
  declare public readonly bleed: SimpleSignal<number, this>;

  public constructor(props: FogProps = {}) {
    super(props);
  }

  protected surface(): Surface3D | null {
    const parent = this.parent();
    return parent instanceof Surface3D ? parent : null;
  }

  /** The clearing as an ellipse in the surface's pixels, or null when there is no fog. */
  @computed()
  public ellipse(): ClearingEllipse | null {
    const surface = this.surface();
    const center = surface?.fogCenter();
    if (!surface || !center) return null;
    return clearingEllipse(surface.cameraView(), surface.worldOf(center), surface.worldRadius());
  }

  protected override getCacheBBox(): BBox {
    const surface = this.surface();
    return surface ? BBox.fromSizeCentered(surface.size()).expand(this.bleed()) : new BBox();
  }

  protected override draw(context: CanvasRenderingContext2D) {
    const surface = this.surface();
    const e = this.ellipse();
    if (surface && e) {
      const {width, height} = surface.size();
      const bleed = this.bleed();
      const soft = Math.min(Math.max(surface.fogSoftness(), 0.001), 1);
      const det = e.ax * e.by - e.bx * e.ay;
      context.save();
      // Clip to the surface's rectangle, then paint in the clearing's own frame, where it is the
      // unit circle: clear inside 1 − soft, fog from 1 outwards.
      context.beginPath();
      context.rect(-width / 2 - bleed, -height / 2 - bleed, width + 2 * bleed, height + 2 * bleed);
      context.clip();
      const fog = surface.fogColor();
      if (Math.abs(det) < 1e-9) {
        context.fillStyle = fog;
        context.fill();
      } else {
        context.transform(e.ax, e.ay, e.bx, e.by, e.cx, e.cy);
        // The surface's rectangle, mapped into the clearing's frame.
        const inv = (x: number, y: number): [number, number] => {
          const dx = x - e.cx;
          const dy = y - e.cy;
          return [(e.by * dx - e.bx * dy) / det, (-e.ay * dx + e.ax * dy) / det];
        };
        const w = width / 2 + bleed;
        const h = height / 2 + bleed;
        // Solid fog outside the unit circle (a flat fill is far cheaper than a gradient over the
        // whole frame), then the soft edge: a radial gradient over the ring 1 − soft … 1.
        context.beginPath();
        for (const [x, y] of [
          [-w, -h],
          [w, -h],
          [w, h],
          [-w, h],
        ])
          context.lineTo(...inv(x, y));
        context.closePath();
        context.moveTo(1, 0);
        context.arc(0, 0, 1, 0, 2 * Math.PI);
        context.fillStyle = fog;
        context.fill('evenodd');
        const gradient = context.createRadialGradient(0, 0, 1 - soft, 0, 0, 1);
        gradient.addColorStop(0, withAlpha(fog, 0));
        gradient.addColorStop(1, withAlpha(fog, 1));
        context.fillStyle = gradient;
        context.beginPath();
        context.arc(0, 0, 1.01, 0, 2 * Math.PI);
        context.moveTo(1 - soft, 0);
        context.arc(0, 0, 1 - soft, 0, 2 * Math.PI, true);
        context.fill('evenodd');
      }
      context.restore();
    }
    this.drawChildren(context);
  }
}

function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = hexToRgb(hex);
  return `rgba(${r},${g},${b},${alpha})`;
}
