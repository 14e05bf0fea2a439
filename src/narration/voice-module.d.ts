/** `import narration from './<id>.narration?voice'`: served by src/narration/vitePlugin.ts. */
declare module '*.narration?voice' {
  const narration: import('./types').VoicedNarration;
  export default narration;
}
