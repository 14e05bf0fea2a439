// The component library in one import: `import {Axes, colors} from '../components'`.
import './txtLeafFix';
export * from './theme';
export {Axes, type AxesProps} from './Axes';
export {Tangent, type TangentProps} from './Tangent';
export {Plot, type PlotProps, type RealFunction} from './Plot';
export {DecisionField, type DecisionFieldProps} from './DecisionField';
export {NetworkDiagram, type NetworkDiagramProps} from './NetworkDiagram';
export {Gear, type GearProps} from './Gear';
export {GearTrain, type GearTrainProps} from './GearTrain';
export {Knob, type KnobProps} from './Knob';
export {Readout, type ReadoutProps} from './Readout';
export {
  Surface3D,
  type Surface3DProps,
  type Surface3DAxis,
  type Surface3DAxes,
  type SurfaceOverlay,
  type OverlayStyle,
  SURFACE_COLORMAP,
  orbitEnd,
} from './Surface3D';
export {ContourMap, type ContourMapProps, type MapLandscape, type MapOverlay, type MapPoint} from './ContourMap';
export {DEFAULT_SAMPLE_SPACING} from './contourMath';
export {Fog, type FogProps} from './Fog';
export {type Notation, formatFixed, formatNumber, formatScientific} from './readoutFormat';
export {Caption, type CaptionProps} from './Caption';
export type {AxisMap, Pair} from './axisMath';
export type {Classifier} from './fieldMath';
export type {LayerWeights, MLPSnapshot} from './networkStyle';
export {ComputationGraph, type ComputationGraphProps} from './ComputationGraph';
export {PixelGrid, type PixelGridProps} from './PixelGrid';
export {WeightHeatmap, type WeightHeatmapProps} from './WeightHeatmap';
export {ProbabilityBars, type ProbabilityBarsProps} from './ProbabilityBars';
export {barGeometry, divergingColor, greyColor, type BarGeometry} from './pixelMath';
export {layoutExempt, layoutExemption} from './layoutExempt';
export {handOver, type Fader} from './handOver';
export {TitleCard, type TitleCardProps} from './TitleCard';
export {Legend, type LegendEntry, type LegendProps} from './Legend';
export {Row, type RowProps} from './Row';
export {Column, type ColumnProps} from './Column';
export {Panel, type PanelProps} from './Panel';
export {Group, type GroupProps} from './Group';
