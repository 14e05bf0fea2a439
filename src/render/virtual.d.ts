declare module 'virtual:nnm-project' {
  import type {Project} from '@motion-canvas/core';
  const project: Project;
  export default project;
}
