// Fonts ship with the project (npm @fontsource), never from the system, so renders match everywhere.
import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import '@fontsource/jetbrains-mono/400.css';
import '@fontsource/noto-sans-sc/chinese-simplified-400.css';

/** The families the theme uses; the renderer loads them before the first frame. */
export const FONT_FACES = ['400 32px Inter', '600 32px Inter', '400 32px "JetBrains Mono"', '400 32px "Noto Sans SC"'];

const extraText = new Set<string>();

/** Scenes register the CJK text they draw, so its font subsets load before the first frame. */
export function registerText(text: string) {
  extraText.add(text);
}

/** Loads the faces before drawing; the renderer awaits it, the editor starts it at import. */
export async function loadFonts(): Promise<void> {
  const sample = 'Aa0123456789.,:-+−·×=()[]' + [...extraText].join('');
  await Promise.all(FONT_FACES.map(face => document.fonts.load(face, sample)));
  await document.fonts.ready;
}

// In the editor nothing waits for fonts: start loading them as soon as the project is imported.
if (typeof document !== 'undefined') void loadFonts();
