import {Latex, Node, type NodeProps, computed, initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal, Vector2} from '@motion-canvas/core';
import type {Pair} from './axisMath';
import {type MLPSnapshot, edgeStyle, layerSizes, maxAbsWeight, neuronFill, neuronPositions} from './networkStyle';
import {colors, sizes} from './theme';

export interface NetworkDiagramProps extends NodeProps {
  snapshot?: SignalValue<MLPSnapshot>;
  activations?: SignalValue<Float64Array[] | null>;
  width?: SignalValue<number>;
  height?: SignalValue<number>;
  neuronSize?: SignalValue<number>;
  rowGap?: SignalValue<number>;
  spread?: SignalValue<boolean>;
  columnNeuronSizes?: SignalValue<number[] | null>;
  weightScale?: SignalValue<number | null>;
  inputLabels?: SignalValue<string[]>;
  outputLabels?: SignalValue<string[]>;
  labelColor?: SignalValue<string>;
  fontSize?: SignalValue<number>;
}

const EMPTY: MLPSnapshot = {layers: []};

/**
 * A layered network diagram bound to a weight snapshot, TensorFlow Playground style:
 * an edge per weight, blue for w > 0 and orange for w < 0, thicker and more opaque as
 * |w| grows; neurons filled by their activation. Bind `snapshot` (and `activations`) to a
 * training timeline and seeking redraws instantly.
 *
 * @example
 * ```tsx
 * <NetworkDiagram
 *   snapshot={() => timeline.snapshots[step()]}
 *   activations={() => forwardActivations(timeline.snapshots[step()], [0, 1])}
 *   inputLabels={['x_1', 'x_2']} outputLabels={['\\hat y']}
 *   width={700} height={420} weightScale={4}
 * />
 * ```
 */
export class NetworkDiagram extends Node {
  /**
   * The weights to draw.
   *
   * @example <NetworkDiagram snapshot={() => run.snapshots[step()]} />
   */
  @initial(EMPTY)
  @signal()
  declare public readonly snapshot: SimpleSignal<MLPSnapshot, this>;

  /**
   * Neuron values per column, inputs first (length = layers + 1); null leaves neurons unlit.
   *
   * @example <NetworkDiagram activations={() => [input, hidden, output]} />
   */
  @initial(null)
  @signal()
  declare public readonly activations: SimpleSignal<Float64Array[] | null, this>;

  /**
   * Distance in pixels from the input column to the output column.
   *
   * @example <NetworkDiagram width={800} />
   */
  @initial(700)
  @signal()
  declare public readonly width: SimpleSignal<number, this>;

  /**
   * Maximum height in pixels of the tallest column (between neuron centres).
   *
   * @example <NetworkDiagram height={500} />
   */
  @initial(460)
  @signal()
  declare public readonly height: SimpleSignal<number, this>;

  /**
   * Neuron diameter in pixels.
   *
   * @example <NetworkDiagram neuronSize={48} />
   */
  @initial(sizes.neuron)
  @signal()
  declare public readonly neuronSize: SimpleSignal<number, this>;

  /**
   * Preferred vertical distance between neuron centres.
   *
   * @example <NetworkDiagram rowGap={110} />
   */
  @initial(120)
  @signal()
  declare public readonly rowGap: SimpleSignal<number, this>;

  /**
   * Fit each column to the height on its own: a 64-input column packs tight while a
   * 10-neuron column keeps `rowGap`.
   *
   * @example <NetworkDiagram spread rowGap={60} height={760} />
   */
  @initial(false)
  @signal()
  declare public readonly spread: SimpleSignal<boolean, this>;

  /**
   * Neuron diameter per column (inputs first); null uses `neuronSize` everywhere.
   *
   * @example <NetworkDiagram columnNeuronSizes={[10, 40, 44]} />
   */
  @initial(null)
  @signal()
  declare public readonly columnNeuronSizes: SimpleSignal<number[] | null, this>;

  /**
   * |w| at which edges reach full width; null uses the snapshot's largest |w|.
   * Fix it when animating training so widths are comparable across steps.
   *
   * @example <NetworkDiagram weightScale={5} />
   */
  @initial(null)
  @signal()
  declare public readonly weightScale: SimpleSignal<number | null, this>;

  /**
   * TeX labels left of the input neurons.
   *
   * @example <NetworkDiagram inputLabels={['x', 'y']} />
   */
  @initial([])
  @signal()
  declare public readonly inputLabels: SimpleSignal<string[], this>;

  /**
   * TeX labels right of the output neurons.
   *
   * @example <NetworkDiagram outputLabels={['\\hat y']} />
   */
  @initial([])
  @signal()
  declare public readonly outputLabels: SimpleSignal<string[], this>;

  /**
   * Colour of the labels and neuron outlines.
   *
   * @example <NetworkDiagram labelColor={colors.textDim} />
   */
  @initial(colors.text)
  @signal()
  declare public readonly labelColor: SimpleSignal<string, this>;

  /**
   * Font size of the labels.
   *
   * @example <NetworkDiagram fontSize={40} />
   */
  @initial(sizes.font.label)
  @signal()
  declare public readonly fontSize: SimpleSignal<number, this>;

  public constructor(props: NetworkDiagramProps) {
    super(props);
    this.add(<Node children={() => this.labelNodes()} />);
  }

  /** Neuron centres per column, in local pixels. */
  @computed()
  public positions(): Pair[][] {
    return neuronPositions(layerSizes(this.snapshot()), this.width(), this.height(), this.rowGap(), this.spread());
  }

  /**
   * Centre of neuron `index` in column `layer` (0 = inputs), in local pixels.
   *
   * @example arrow.points(() => [net.neuronPosition(0, 1), net.neuronPosition(1, 0)])
   */
  public neuronPosition(layer: number, index: number): Vector2 {
    return new Vector2(this.positions()[layer][index]);
  }

  /** The neuron diameter of column `layer`. */
  public neuronSizeOf(layer: number): number {
    return this.columnNeuronSizes()?.[layer] ?? this.neuronSize();
  }

  private labelNodes(): Latex[] {
    const pos = this.positions();
    if (pos.length === 0) return [];
    const make = (tex: string, p: Pair, side: -1 | 1, gap: number) =>
      new Latex({
        tex,
        fill: () => this.labelColor(),
        fontSize: () => this.fontSize(),
        offset: [-side, 0],
        position: [p[0] + side * gap, p[1]],
      });
    const first = pos[0];
    const last = pos[pos.length - 1];
    return [
      ...this.inputLabels()
        .slice(0, first.length)
        .map((t, i) => make(t, first[i], -1, this.neuronSizeOf(0) / 2 + sizes.space.s)),
      ...this.outputLabels()
        .slice(0, last.length)
        .map((t, i) => make(t, last[i], 1, this.neuronSizeOf(pos.length - 1) / 2 + sizes.space.s)),
    ];
  }

  /** Every neuron with its outline (the labels are children, so Motion Canvas adds them): the box a fading diagram is cached in. */
  protected override getCacheBBox(): BBox {
    const pos = this.positions();
    const boxes = pos.flatMap((column, l) => {
      const r = this.neuronSizeOf(l) / 2 + sizes.stroke.outline;
      return column.map(([x, y]) => new BBox(x - r, y - r, 2 * r, 2 * r));
    });
    return boxes.length ? BBox.fromBBoxes(...boxes).expand(sizes.stroke.edgeMax) : new BBox();
  }

  protected override draw(context: CanvasRenderingContext2D) {
    const snap = this.snapshot();
    const pos = this.positions();
    const acts = this.activations();
    const scale = this.weightScale() ?? maxAbsWeight(snap);

    context.save();
    context.lineCap = 'round';
    snap.layers.forEach((layer, l) => {
      // Weak edges first, so strong ones are drawn on top.
      const order = Array.from(layer.W.keys()).sort((a, b) => Math.abs(layer.W[a]) - Math.abs(layer.W[b]));
      for (const k of order) {
        const o = Math.floor(k / layer.inSize);
        const i = k % layer.inSize;
        const style = edgeStyle(layer.W[k], scale);
        context.globalAlpha = style.opacity;
        context.strokeStyle = style.color;
        context.lineWidth = style.width;
        context.beginPath();
        context.moveTo(...pos[l][i]);
        context.lineTo(...pos[l + 1][o]);
        context.stroke();
      }
    });

    context.globalAlpha = 1;
    context.lineWidth = sizes.stroke.outline;
    context.strokeStyle = this.labelColor();
    pos.forEach((column, l) => {
      const r = this.neuronSizeOf(l) / 2;
      column.forEach((p, i) => {
        const a = acts?.[l]?.[i];
        context.fillStyle = a === undefined ? colors.neuronOff : neuronFill(a);
        context.beginPath();
        context.arc(p[0], p[1], r, 0, 2 * Math.PI);
        context.fill();
        context.stroke();
      });
    });
    context.restore();

    this.drawChildren(context);
  }
}
