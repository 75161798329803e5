import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEPLOYABLES, REPO_ROOT } from '@dawg/testing';
import { CHART, type Deployment, type Job, ofKind, RELEASE, render, type Service } from '../chart/chart';

/**
 * skaffold.yaml, read with a YAML parser (no skaffold here): an artifact per
 * deployable built from its Dockerfile, and a Helm release whose values,
 * expanded as skaffold would expand them for a build, render every workload on
 * the image built for it.
 */

interface Artifact {
  image: string;
  context?: string;
  docker?: { dockerfile?: string };
}
interface Release {
  name: string;
  chartPath: string;
  valuesFiles?: string[];
  setValueTemplates?: Record<string, string>;
}
interface JsonPatch {
  op: 'add' | 'replace';
  path: string;
  value: unknown;
}
interface SkaffoldConfig {
  apiVersion: string;
  kind: string;
  build: { artifacts: Artifact[]; local?: { useBuildkit?: boolean } };
  deploy: { helm: { releases: Release[] } };
  portForward?: Array<{ resourceType: string; resourceName: string; port: number; localPort?: number }>;
  profiles?: Array<{ name: string; activation?: Array<{ command?: string }>; patches?: JsonPatch[] }>;
}

const config = parse(readFileSync(join(REPO_ROOT, 'skaffold.yaml'), 'utf8')) as SkaffoldConfig;
/** What skaffold builds: every Node deployable, and web (the browser DAW's nginx image). */
const IMAGES = [...DEPLOYABLES, 'web'] as const;
type ImageName = (typeof IMAGES)[number];
const dockerfileOf = (name: ImageName) => (name === 'web' ? 'web/Dockerfile' : `services/${name}/Dockerfile`);
const imageOf = (name: string) => `ghcr.io/dawg-ai/${name}`;
/** How skaffold writes an image name inside a template variable: `/`, `.`, `-` and `:` become `_`. */
const templateName = (image: string) => image.replace(/[/.:-]/g, '_');

describe('skaffold.yaml', () => {
  it('is a skaffold v4 config, v4beta11 or later', () => {
    expect(config.kind).toBe('Config');
    expect(Number(/^skaffold\/v4beta(\d+)$/.exec(config.apiVersion)?.[1])).toBeGreaterThanOrEqual(11);
  });

  it('builds one image per deployable and web, from its own Dockerfile, with the repository as the context', () => {
    expect(config.build.artifacts.map((a) => a.image).sort()).toEqual(IMAGES.map(imageOf).sort());
    for (const name of IMAGES) {
      const artifact = config.build.artifacts.find((a) => a.image === imageOf(name))!;
      expect(artifact).toEqual({ image: imageOf(name), context: '.', docker: { dockerfile: dockerfileOf(name) } });
      expect(existsSync(join(REPO_ROOT, artifact.docker!.dockerfile!))).toBe(true);
    }
    // BuildKit: the Dockerfiles' `# syntax=` line and their npm cache mounts need it.
    expect(config.build.local?.useBuildkit).toBe(true);
  });

  it('has an artifact for every Dockerfile under services/, and for web/Dockerfile', () => {
    const dockerfiles = readdirSync(join(REPO_ROOT, 'services'))
      .filter((dir) => existsSync(join(REPO_ROOT, 'services', dir, 'Dockerfile')))
      .map((dir) => `services/${dir}/Dockerfile`)
      .concat(existsSync(join(REPO_ROOT, 'web', 'Dockerfile')) ? ['web/Dockerfile'] : []);
    expect(dockerfiles.sort()).toEqual(config.build.artifacts.map((a) => a.docker?.dockerfile).sort());
  });

  it('installs charts/dawg-ai as the dawg-ai release, handing each image its built tag and digest', () => {
    expect(config.deploy.helm.releases).toHaveLength(1);
    const release = config.deploy.helm.releases[0]!;
    expect(release).toMatchObject({ name: RELEASE, chartPath: 'charts/dawg-ai' });
    expect(join(REPO_ROOT, release.chartPath)).toBe(CHART);
    const expected: Record<string, string> = {};
    for (const name of IMAGES) {
      // unified is the chart's top-level `unified`, which replaces the components when enabled.
      const key = name === 'unified' ? 'unified' : `components.${name}`;
      const v = templateName(imageOf(name));
      expected[`${key}.image.tag`] = `{{.IMAGE_TAG_${v}}}`;
      expected[`${key}.image.digest`] = `{{.IMAGE_DIGEST_${v}}}`;
    }
    expect(release.setValueTemplates).toEqual(expected);
  });

  it('takes values-dev.yaml in the dev profile, on by itself under `skaffold dev`, and values-prod.yaml in prod', () => {
    expect(config.profiles?.find((p) => p.name === 'dev')?.activation).toEqual([{ command: 'dev' }]);
    for (const profile of ['dev', 'prod']) {
      const release = withProfile(profile).deploy.helm.releases[0]!;
      expect(release.valuesFiles).toEqual([`charts/dawg-ai/values-${profile}.yaml`]);
      expect(existsSync(join(REPO_ROOT, release.valuesFiles![0]!))).toBe(true);
    }
  });

  describe.each(['dev', 'prod'])('deployed with the %s profile', (profile) => {
    const release = withProfile(profile).deploy.helm.releases[0]!;
    const built = new Map(IMAGES.map((name) => [name, fakeBuild(name)]));

    it('runs every workload, and the migration Job, on exactly the image built for it', () => {
      const objects = render(helmArgs(release, built)).objects;
      const images = ofKind<Deployment>(objects, 'Deployment').map((d) => [d.metadata.name, d.spec.template.spec.containers[0]!.image]);
      const expected = IMAGES.filter((n) => n !== 'unified').map((n) => [`${RELEASE}-${n}`, built.get(n)!.ref]);
      expect(images.sort()).toEqual(expected.sort());
      const migrations = ofKind<Job>(objects, 'Job').filter((j) => j.metadata.name.includes('migrat'));
      expect(migrations.map((j) => j.spec.template.spec.containers[0]!.image)).toEqual([built.get('api')!.ref]);

      // Small installs: unified in place of every backend, on its own image; web keeps its own.
      const unified = ofKind<Deployment>(render([...helmArgs(release, built), '--set', 'unified.enabled=true']).objects, 'Deployment');
      expect(unified.map((d) => [d.metadata.name, d.spec.template.spec.containers[0]!.image]).sort()).toEqual([
        [`${RELEASE}-unified`, built.get('unified')!.ref],
        [`${RELEASE}-web`, built.get('web')!.ref],
      ]);
    });

    it('forwards ports of Services the chart renders', () => {
      const services = ofKind<Service>(render(helmArgs(release, built)).objects, 'Service');
      for (const forward of config.portForward ?? []) {
        expect(forward.resourceType).toBe('service');
        const service = services.find((s) => s.metadata.name === forward.resourceName);
        expect([forward.resourceName, service?.spec.ports.map((p) => p.port)]).toEqual([forward.resourceName, expect.arrayContaining([forward.port])]);
      }
      expect((config.portForward ?? []).map((f) => [f.resourceName, f.localPort])).toEqual([
        [`${RELEASE}-api`, 8080],
        [`${RELEASE}-gateway-ssh`, 2222],
      ]);
    });
  });
});

/** The config with a profile's JSON patches applied (add and replace, as the profiles use). */
function withProfile(name: string): SkaffoldConfig {
  const copy = structuredClone(config);
  const profile = copy.profiles?.find((p) => p.name === name);
  if (!profile) throw new Error(`no profile ${name}`);
  for (const patch of profile.patches ?? []) {
    const keys = patch.path.split('/').slice(1);
    const last = keys.pop()!;
    let target = copy as unknown as Record<string, unknown>;
    for (const key of keys) target = target[key] as Record<string, unknown>;
    if (patch.op === 'replace' && !(last in target)) throw new Error(`replace of missing ${patch.path}`);
    target[last] = patch.value;
  }
  return copy;
}

/** What a build of `name` hands skaffold's templates: a tag from the inputs' digest, and the pushed digest. */
function fakeBuild(name: string) {
  const tag = createHash('sha256').update(`tag ${name}`).digest('hex');
  const digest = `sha256:${createHash('sha256').update(`image ${name}`).digest('hex')}`;
  return { tag, digest, ref: `${imageOf(name)}:${tag}@${digest}` };
}

/** helm arguments as skaffold passes them: the values files, then each template expanded, with --set. */
function helmArgs(release: Release, built: Map<string, { tag: string; digest: string }>): string[] {
  const vars: Record<string, string> = {};
  for (const [name, b] of built) {
    vars[`IMAGE_TAG_${templateName(imageOf(name))}`] = b.tag;
    vars[`IMAGE_DIGEST_${templateName(imageOf(name))}`] = b.digest;
  }
  const expand = (template: string) =>
    template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, v: string) => {
      if (!(v in vars)) throw new Error(`template variable ${v} names no artifact`);
      return vars[v]!;
    });
  return [
    ...(release.valuesFiles ?? []).flatMap((f) => ['-f', join(REPO_ROOT, f)]),
    ...Object.entries(release.setValueTemplates ?? {}).flatMap(([k, t]) => ['--set', `${k}=${expand(t)}`]),
  ];
}
