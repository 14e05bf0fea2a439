/**
 * The editor's narration: Motion Canvas plays one project audio track, so this runtime plugin plays
 * each line's clip itself, in step with the player. Every frame while playing (and not muted) the
 * clip under the playhead plays from the right offset; a seek, a pause or a mute stops it.
 */
import {makePlugin, type Player, type PlayerState} from '@motion-canvas/core';
import {cuesOf} from './cues';

/** A clip more than this far from the playhead is moved to it. */
const MAX_DRIFT = 0.15;

export default makePlugin({
  name: 'nn-motion-narration',
  player(player: Player) {
    const audios = new Map<string, HTMLAudioElement>();
    let state: PlayerState | null = null;
    const stop = (except?: string) => {
      for (const [url, a] of audios) if (url !== except && !a.paused) a.pause();
    };
    player.onStateChanged.subscribe(s => {
      state = s;
      if (s.paused || s.muted) stop();
    });
    player.onFrameChanged.subscribe(frame => {
      if (!state || state.paused || state.muted) return;
      const scene = player.playback.currentScene;
      const local = frame - scene.firstFrame;
      const cue = cuesOf(scene.name, Infinity).find(c => c.clip.url && local >= c.frame && local < c.frame + c.frames);
      const url = cue?.clip.url ?? undefined;
      stop(url);
      if (!cue || !url) return;
      let audio = audios.get(url);
      if (!audio) audios.set(url, (audio = new Audio(url)));
      const want = (local - cue.frame) / player.status.fps;
      audio.volume = state.volume;
      audio.playbackRate = state.speed;
      if (audio.paused || Math.abs(audio.currentTime - want) > MAX_DRIFT) {
        audio.currentTime = want;
        void audio.play().catch(() => {});
      }
    });
  },
});
