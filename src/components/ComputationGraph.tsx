import {Node, type NodeProps, Rect, Txt, computed, initial, signal} from '@motion-canvas/2d';
import {type SignalValue, type SimpleSignal, Vector2} from '@motion-canvas/core';
import {type GraphLayout, layoutGraph, leftToRight} from '../math/graphLayout';
import {type GraphTrace, type Passes, schedulePasses} from '../math/graphTrace';
import type {Pair} from './axisMath';
import {mixHex, mixRgb, rgbToCss} from './colorMath';
import {
  NODE_FILL,
  type GraphGeometry,
  type PassState,
  edgeLabelPoint,
  edgePath,
  graphNumber,
  nodeCentre,
  nodeText,
  partialPath,
  passState,
} from './graphStyle';
import {colors, fonts, sizes} from './theme';

export interface ComputationGraphProps extends NodeProps {
  trace?: SignalValue<GraphTrace>;
  forward?: SignalValue<number>;
  backward?: SignalValue<number>;
  xSpacing?: SignalValue<number>;
  ySpacing?: SignalValue<number>;
  nodeWidth?: SignalValue<number>;
  nodeHeight?: SignalValue<number>;
  digits?: SignalValue<number>;
  fontSize?: SignalValue<number>;
}

const EMPTY: GraphTrace = {nodes: [], edges: [], root: -1};

/**
 * An autodiff graph drawn from the engine's read-out (`traceGraph`): a box per op, laid out by
 * `layoutGraph` (layers by depth, crossings reduced), edges running left to right. `forward`
 * counts nodes evaluated: each lights up with its value (blue) as the values arrive along its
 * edges. `backward` counts backward steps: first ∂L/∂L = 1, then one edge at a time the gradient
 * runs back (red), the edge shows its local derivative (orange) and the node below its box the
 * gradient summed so far, upstream × local.
 *
 * @example
 * ```tsx
 * const trace = traceGraph(w.mul(x).add(b).sigmoid());
 * const fwd = createSignal(0);
 * const bwd = createSignal(0);
 * view.add(<ComputationGraph trace={trace} forward={fwd} backward={bwd} />);
 * yield* fwd(trace.nodes.length, 4);
 * yield* bwd(trace.edges.length + 1, 6);
 * ```
 */
export class ComputationGraph extends Node {
  /**
   * The graph to draw, from `traceGraph(root)`. Swapping in a trace of the same expression at
   * other values (after a gradient step) keeps the layout and redraws the numbers.
   *
   * @example <ComputationGraph trace={() => (stepped() ? after : before)} />
   */
  @initial(EMPTY)
  @signal()
  declare public readonly trace: SimpleSignal<GraphTrace, this>;

  /**
   * Nodes evaluated so far, 0 … node count, left to right; fractional while one is under way.
   *
   * @example yield* graph.forward(graph.trace().nodes.length, 5)
   */
  @initial(0)
  @signal()
  declare public readonly forward: SimpleSignal<number, this>;

  /**
   * Backward steps done, 0 … edge count + 1: the seed ∂L/∂L = 1, then one per edge.
   *
   * @example yield* graph.backward(1, 0.8)
   */
  @initial(0)
  @signal()
  declare public readonly backward: SimpleSignal<number, this>;

  /**
   * Distance in pixels between layers.
   *
   * @example <ComputationGraph xSpacing={260} />
   */
  @initial(270)
  @signal()
  declare public readonly xSpacing: SimpleSignal<number, this>;

  /**
   * Pixels per abstract unit between the nodes of a layer.
   *
   * @example <ComputationGraph ySpacing={170} />
   */
  @initial(180)
  @signal()
  declare public readonly ySpacing: SimpleSignal<number, this>;

  /**
   * Width of a node's box in pixels; keep it below xSpacing so edges and their labels have room.
   *
   * @example <ComputationGraph nodeWidth={130} />
   */
  @initial(124)
  @signal()
  declare public readonly nodeWidth: SimpleSignal<number, this>;

  /**
   * Height of a node's box in pixels.
   *
   * @example <ComputationGraph nodeHeight={96} />
   */
  @initial(100)
  @signal()
  declare public readonly nodeHeight: SimpleSignal<number, this>;

  /**
   * Decimals of every number shown.
   *
   * @example <ComputationGraph digits={2} />
   */
  @initial(3)
  @signal()
  declare public readonly digits: SimpleSignal<number, this>;

  /**
   * Font size of values, gradients and local derivatives; symbols are a fifth larger.
   *
   * @example <ComputationGraph fontSize={32} />
   */
  @initial(30)
  @signal()
  declare public readonly fontSize: SimpleSignal<number, this>;

  /** The label nodes made for each trace: building them reads signals, so the children signal may re-run. */
  private readonly labels = new WeakMap<GraphTrace, Node[]>();

  public constructor(props: ComputationGraphProps) {
    super(props);
    // Node constructors read signals, so this may re-run every frame: it must hand back the same
    // nodes, or every frame would make (and keep) a new set.
    this.add(
      <Node
        children={() => {
          const trace = this.trace();
          if (!this.labels.has(trace)) this.labels.set(trace, this.labelNodes(trace));
          return this.labels.get(trace)!;
        }}
      />,
    );
  }

  /** The engine's layout of the current trace (abstract units). */
  @computed()
  public layout(): GraphLayout {
    const t = this.trace();
    return layoutGraph(
      t.nodes.length,
      t.edges.map(e => [e.from, e.to] as const),
    );
  }

  /** Forward order (left to right) and the backward steps with their running gradients. */
  @computed()
  public passes(): Passes {
    return schedulePasses(this.trace(), leftToRight(this.layout()));
  }

  /** How far each pass has gone, for the current `forward` and `backward`. */
  @computed()
  public state(): PassState {
    return passState(this.trace(), this.passes(), this.forward(), this.backward());
  }

  @computed()
  private geometry(): GraphGeometry {
    return {xSpacing: this.xSpacing(), ySpacing: this.ySpacing(), nodeWidth: this.nodeWidth()};
  }

  @computed()
  private paths(): Pair[][] {
    return this.trace().edges.map((_, e) => edgePath(this.layout(), e, this.geometry()));
  }

  /**
   * Centre of node i's box, in local pixels.
   *
   * @example arrow.points(() => [graph.nodePosition(3), graph.nodePosition(4)])
   */
  public nodePosition(i: number): Vector2 {
    return new Vector2(nodeCentre(this.layout(), i, this.geometry()));
  }

  private labelNodes(trace: GraphTrace): Node[] {
    const out: Node[] = [];
    const fs = () => this.fontSize();
    trace.edges.forEach((edge, e) => {
      const on = () => this.state().backwardEdge[e];
      out.push(
        <Rect
          position={() => edgeLabelPoint(this.paths()[e])}
          fill={colors.background}
          radius={8}
          padding={[2, 8]}
          layout
          opacity={() => Math.min(1, 3 * on())}
        >
          <Txt
            text={() => graphNumber(this.trace().edges[e].local, this.digits())}
            fill={colors.orange}
            fontFamily={fonts.mono}
            fontSize={fs}
          />
        </Rect>,
      );
    });
    trace.nodes.forEach((node, i) => {
      const lit = () => this.state().lit[i];
      const grad = () => this.state().grad[i];
      const active = () => {
        const k = this.state().activeStep;
        return k >= 0 && this.passes().backward[k].node === i;
      };
      const h = () => this.nodeHeight();
      out.push(
        <Node position={() => this.nodePosition(i)}>
          <Rect
            width={() => this.nodeWidth()}
            height={h}
            radius={14}
            lineWidth={() => (active() ? 6 : 4)}
            fill={() => rgbToCss(mixRgb(NODE_FILL.off, NODE_FILL.on, lit()))}
            stroke={() =>
              active()
                ? colors.red
                : grad() !== null
                  ? mixHex(colors.blue, colors.red, 0.6)
                  : mixHex(colors.grey, colors.blue, lit())
            }
          />
          <Txt
            y={() => -0.2 * h()}
            text={nodeText(node)}
            fill={colors.text}
            fontFamily={fonts.text}
            fontSize={() => 1.2 * fs()}
          />
          <Txt
            y={() => 0.24 * h()}
            text={() => graphNumber(this.trace().nodes[i].value, this.digits())}
            fill={colors.blue}
            fontFamily={fonts.mono}
            fontSize={fs}
            opacity={lit}
          />
          <Txt
            y={() => h() / 2 + 0.8 * fs()}
            text={() => (grad() === null ? '' : graphNumber(grad()!, this.digits()))}
            fill={colors.red}
            fontFamily={fonts.mono}
            fontSize={fs}
          />
        </Node>,
      );
    });
    return out;
  }

  protected override draw(context: CanvasRenderingContext2D) {
    const state = this.state();
    context.save();
    context.lineCap = 'round';
    context.lineJoin = 'round';
    this.paths().forEach((path, e) => {
      stroke(context, path, colors.grey, 3, 0.7);
      arrowHead(context, path, colors.grey);
      if (state.forwardEdge[e] > 0) stroke(context, partialPath(path, state.forwardEdge[e]), colors.blue, 5, 1);
      const back = state.backwardEdge[e];
      if (back > 0) stroke(context, partialPath([...path].reverse(), back), colors.red, 7, 1);
    });
    context.restore();
    this.drawChildren(context);
  }
}

function stroke(context: CanvasRenderingContext2D, path: readonly Pair[], color: string, width: number, alpha: number) {
  context.globalAlpha = alpha;
  context.strokeStyle = color;
  context.lineWidth = width;
  context.beginPath();
  context.moveTo(...path[0]);
  for (const p of path.slice(1)) context.lineTo(...p);
  context.stroke();
  context.globalAlpha = 1;
}

/** A small filled arrowhead at the end of the path, pointing along its last segment. */
function arrowHead(context: CanvasRenderingContext2D, path: readonly Pair[], color: string) {
  const [a, b] = [path[path.length - 2], path[path.length - 1]];
  const angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
  const size = 14;
  context.fillStyle = color;
  context.beginPath();
  context.moveTo(...b);
  context.lineTo(b[0] - size * Math.cos(angle - 0.45), b[1] - size * Math.sin(angle - 0.45));
  context.lineTo(b[0] - size * Math.cos(angle + 0.45), b[1] - size * Math.sin(angle + 0.45));
  context.closePath();
  context.fill();
}
