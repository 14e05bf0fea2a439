import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {parseArgs} from '../../src/render/args';
import {ROOT} from '../helpers/media';

interface Job {
  kind: string;
  spec: {completionMode?: string; completions?: number; template: {spec: {containers: {command: string[]}[]}}};
}

/** The CLI arguments of a container's `sh -c "exec npm run render -- …"`, with the pod's index filled in. */
function cliArgs(job: Job, index: number): string[] {
  const script = job.spec.template.spec.containers[0].command[2].replace('$JOB_COMPLETION_INDEX', String(index));
  const [, args] = /^exec npm run render -- (.*)$/.exec(script)!;
  return args.split(/\s+/);
}

describe('the Kubernetes manifests in deploy/', () => {
  const render = parse(readFileSync(join(ROOT, 'deploy/render-job.yaml'), 'utf8')) as Job;
  const join_ = parse(readFileSync(join(ROOT, 'deploy/join-job.yaml'), 'utf8')) as Job;

  it('are an Indexed Job whose completions match the shard count, and a join Job', () => {
    expect(render.kind).toBe('Job');
    expect(render.spec.completionMode).toBe('Indexed');
    const o = parseArgs(cliArgs(render, 0));
    expect(o.shard).toEqual([0, render.spec.completions]);
    expect(parseArgs(cliArgs(join_, 0)).join).toBe(true);
  });

  it('every pod index gives a command the CLI accepts', () => {
    for (let k = 0; k < render.spec.completions!; k++) {
      const o = parseArgs(cliArgs(render, k));
      expect(o.shard).toEqual([k, render.spec.completions]);
      expect(o.scenes).toEqual(['xor-line']);
    }
  });
});
