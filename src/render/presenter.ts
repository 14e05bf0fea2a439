/**
 * `slides.html`: a presenter for one scene's slides that needs nothing but the slide files beside
 * it, so it plays offline from file://. Right, Space and PageDown advance; Left and PageUp go
 * back; F toggles full screen. Each slide plays once and holds on its last frame.
 */

export const slideFile = (i: number) => `slide-${String(i + 1).padStart(2, '0')}.mp4`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

export function presenterHtml(title: string, files: string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}: slides</title>
<style>
  html, body { margin: 0; height: 100%; background: #000; overflow: hidden; }
  video { width: 100vw; height: 100vh; object-fit: contain; display: block; background: #000; }
  #count { position: fixed; right: 16px; bottom: 12px; font: 14px sans-serif; color: #9aa0ad; opacity: 0.8; }
</style>
</head>
<body>
<video id="slide" muted playsinline preload="auto"></video>
<div id="count"></div>
<script>
  const slides = ${JSON.stringify(files)};
  const video = document.getElementById('slide');
  const count = document.getElementById('count');
  let current = -1;
  function show(i) {
    if (i < 0 || i >= slides.length || i === current) return;
    current = i;
    video.src = slides[i];
    count.textContent = (i + 1) + ' / ' + slides.length;
    document.body.dataset.slide = String(i + 1);
    video.play().catch(() => {});
  }
  document.addEventListener('keydown', e => {
    if (['ArrowRight', ' ', 'PageDown', 'Enter'].includes(e.key)) show(current + 1);
    else if (['ArrowLeft', 'PageUp', 'Backspace'].includes(e.key)) show(current - 1);
    else if (e.key === 'f' || e.key === 'F') {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(() => {});
    } else return;
    e.preventDefault();
  });
  video.addEventListener('click', () => show(current + 1));
  show(0);
</script>
</body>
</html>
`;
}
