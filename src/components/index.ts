// The component library in one import: `import {Axes, colors} from '../components'`.
export * from './theme';
export {Axes, type AxesProps} from './Axes';
export {Plot, type PlotProps, type RealFunction} from './Plot';
export {DecisionField, type DecisionFieldProps} from './DecisionField';
export {NetworkDiagram, type NetworkDiagramProps} from './NetworkDiagram';
export {Gear, type GearProps} from './Gear';
export {GearTrain, type GearTrainProps} from './GearTrain';
export {Knob, type KnobProps} from './Knob';
export {Readout, type ReadoutProps} from './Readout';
export {Caption, type CaptionProps} from './Caption';
export type {AxisMap, Pair} from './axisMath';
export type {Classifier} from './fieldMath';
export type {LayerWeights, MLPSnapshot} from './networkStyle';
export {layoutExempt, layoutExemption} from './layoutExempt';
