/**
 * `npm start -- <scene>` previews one scene: the editor sets VITE_NNM_PREVIEW, and the project keeps
 * only that scene, so the timeline holds it alone and nothing in `project.meta` has to change.
 */
export function previewScenes<T extends {name: string}>(all: T[], only: string | undefined): T[] {
  if (!only) return all;
  const picked = all.filter(s => s.name === only);
  if (picked.length === 0)
    throw new Error(`unknown scene "${only}"; the project has ${all.map(s => s.name).join(', ')}`);
  return picked;
}
