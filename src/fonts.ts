// Fonts ship with the project (npm @fontsource), never from the system, so renders match everywhere.
import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import '@fontsource/jetbrains-mono/400.css';
import '@fontsource/noto-sans-sc/chinese-simplified-400.css';

/** The families the theme uses; the renderer loads them before the first frame. */
export const FONT_FACES = ['400 32px Inter', '600 32px Inter', '400 32px "JetBrains Mono"', '400 32px "Noto Sans SC"'];
