/**
 * Runs what a Dockerfile builds, without Docker, for the subset our
 * Dockerfiles use: each stage gets a folder as its filesystem; WORKDIR, ENV,
 * COPY (from the context or another stage) and RUN (a plain command, no shell
 * operators) are carried out in it, with container paths mapped into that
 * folder. The final stage's RUN steps (apt-get: its system packages) are not
 * run; its COPY steps are, so the result is the image's application folder,
 * and its ENV, USER, CMD and HEALTHCHECK are read for starting it.
 */
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import { type DockerIgnore, type Dockerfile, execForm, findStage, type Instruction, parsePairs, type Stage, splitWords, substitute } from './dockerfile';

export interface ImageConfig {
  workdir: string;
  env: Record<string, string>;
  user?: string;
  entrypoint: string[];
  cmd: string[];
  healthcheck?: string[];
  expose: string[];
}

/** A stage's settings (the final stage's by default), as `docker inspect` shows them: inherited from a base stage. */
export function imageConfig(df: Dockerfile, stage: Stage = df.stages.at(-1)!): ImageConfig {
  const parent = findStage(df, stage.base);
  const inherited = parent ? imageConfig(df, parent) : undefined;
  const config: ImageConfig = inherited
    ? { ...inherited, env: { ...inherited.env }, expose: [...inherited.expose] }
    : { workdir: '/', env: {}, entrypoint: [], cmd: [], expose: [] };
  for (const ins of stage.instructions) {
    if (ins.keyword === 'WORKDIR') config.workdir = posix.resolve(config.workdir, ins.args);
    if (ins.keyword === 'ENV') Object.assign(config.env, envPairs(ins, config.env));
    if (ins.keyword === 'USER') config.user = ins.args;
    if (ins.keyword === 'ENTRYPOINT') config.entrypoint = ins.exec ?? ['/bin/sh', '-c', ins.args];
    if (ins.keyword === 'CMD') config.cmd = ins.exec ?? ['/bin/sh', '-c', ins.args];
    if (ins.keyword === 'EXPOSE') config.expose.push(...splitWords(ins.args));
    if (ins.keyword === 'HEALTHCHECK') {
      const m = /^CMD\s+([\s\S]*)$/i.exec(ins.args);
      config.healthcheck = m ? (execForm(m[1]!) ?? ['/bin/sh', '-c', m[1]!]) : undefined;
    }
  }
  return config;
}

function envPairs(ins: Instruction, env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(parsePairs(ins.args)).map(([k, v]) => [k, substitute(v, env)]));
}

/**
 * Copies the files of `root` that `.dockerignore` leaves in the context to `out`.
 * Returns their paths, relative and with `/`.
 */
export function copyBuildContext(root: string, ignore: DockerIgnore, out: string): string[] {
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const excluded = ignore.excludes(path);
      if (entry.isDirectory()) {
        // An excluded folder is skipped whole unless a `!` pattern could bring something back.
        if (!excluded || ignore.hasExceptions) walk(path);
      } else if (!excluded) {
        mkdirSync(join(out, rel), { recursive: true });
        cpSync(join(root, path), join(out, path), { verbatimSymlinks: true });
        files.push(path);
      }
    }
  };
  walk('');
  return files;
}

export interface BuildOptions {
  /** A folder holding exactly the build context (see copyBuildContext). */
  context: string;
  /** An empty folder for the stages' filesystems. */
  workDir: string;
  /**
   * Instead of running the build stages, take what the final stage copies from
   * them by running only the step that wrote it, `node tools/image-layout.mjs
   * runtime <name> <path>`, in this already built workspace.
   */
  prebuiltWorkspace?: string;
}

export interface BuildResult {
  /** The final stage's filesystem. */
  root: string;
  /** The final stage's WORKDIR inside it: the application. */
  appDir: string;
  config: ImageConfig;
  /** Commands of the final stage that were not run (system packages). */
  skipped: string[];
}

export async function buildImage(df: Dockerfile, opts: BuildOptions): Promise<BuildResult> {
  const roots = new Map<Stage, string>();
  const final = df.stages.at(-1)!;
  const skipped: string[] = [];
  const stagesToRun = opts.prebuiltWorkspace ? [final] : df.stages;

  for (const stage of stagesToRun) {
    const isFinal = stage === final;
    const parent = findStage(df, stage.base);
    const root = join(opts.workDir, `${stage.index}-${stage.name ?? 'stage'}`);
    if (parent) {
      const parentRoot = roots.get(parent)!;
      // A stage used only as this one's base can be taken over instead of copied.
      if (laterUses(df, parent, stage).length === 0) renameSync(parentRoot, root);
      else cpSync(parentRoot, root, { recursive: true, verbatimSymlinks: true });
    } else {
      mkdirSync(root, { recursive: true });
    }
    roots.set(stage, root);

    // WORKDIR and ENV carry over from a base stage, as in an image.
    const inherited = parent ? imageConfig(df, parent) : undefined;
    let cwd = inherited?.workdir ?? '/';
    const env: Record<string, string> = { ...inherited?.env };
    for (const ins of stage.instructions) {
      switch (ins.keyword) {
        case 'WORKDIR':
          cwd = posix.resolve(cwd, substitute(ins.args, env));
          mkdirSync(join(root, cwd), { recursive: true });
          break;
        case 'ENV':
          Object.assign(env, envPairs(ins, env));
          break;
        case 'COPY':
          await copyStep(ins, stage, root, cwd);
          break;
        case 'RUN':
          if (isFinal) skipped.push(ins.args);
          else await runStep(ins, root, cwd, env);
          break;
        case 'ADD':
          throw new Error(`line ${ins.line}: ADD is not supported here (use COPY)`);
        default:
          break; // LABEL, USER, EXPOSE, CMD, ... only describe the image
      }
    }
  }
  const config = imageConfig(df);
  const finalRoot = roots.get(final)!;
  return { root: finalRoot, appDir: join(finalRoot, config.workdir), config, skipped };

  async function copyStep(ins: Instruction, stage: Stage, root: string, cwd: string) {
    const words = ins.exec ?? splitWords(ins.args);
    const sources = words.slice(0, -1);
    const dest = posix.resolve(cwd, words.at(-1)!);
    const intoDir = words.at(-1)!.endsWith('/') || sources.length > 1;
    const fromRef = ins.flags.from;
    const fromStage = fromRef ? findStage(df, fromRef) : undefined;
    if (fromRef && !fromStage) throw new Error(`line ${ins.line}: COPY --from=${fromRef} names no stage`);
    for (const src of sources) {
      if (/[*?[]/.test(src)) throw new Error(`line ${ins.line}: wildcards in COPY sources are not supported here`);
      const from = fromStage ? await stageSource(fromStage, src, ins) : join(opts.context, posix.normalize(src));
      if (!existsSync(from)) throw new Error(`line ${ins.line}: COPY source ${src} is not in the ${fromRef ? `stage ${fromRef}` : 'build context'}`);
      const to = join(root, dest);
      if (lstatSync(from).isDirectory() && fromStage && isLastUse(fromStage, stage, ins) && isEmptyDir(to)) {
        // Nothing reads that stage again: moving is the same as copying, and far faster for a node_modules.
        rmSync(to, { recursive: true, force: true });
        mkdirSync(join(to, '..'), { recursive: true });
        renameSync(from, to);
      } else if (lstatSync(from).isDirectory()) {
        mkdirSync(to, { recursive: true });
        cpSync(from, to, { recursive: true, verbatimSymlinks: true });
      } else {
        const target = intoDir ? join(to, basename(src)) : to;
        mkdirSync(join(target, '..'), { recursive: true });
        cpSync(from, target, { verbatimSymlinks: true });
      }
    }
  }

  /** A path in another stage's filesystem; with a prebuilt workspace, made by the step that wrote it. */
  async function stageSource(stage: Stage, src: string, ins: Instruction): Promise<string> {
    const path = posix.resolve('/', src);
    if (!opts.prebuiltWorkspace) return join(roots.get(stage)!, path);
    const root = join(opts.workDir, `${stage.index}-${stage.name ?? 'stage'}`);
    const writer = stageChain(stage)
      .flatMap((s) => s.instructions)
      .filter((i) => i.keyword === 'RUN')
      .map((i) => i.exec ?? splitWords(i.args))
      .find((argv) => argv[0] === 'node' && argv[1] === 'tools/image-layout.mjs' && argv[2] === 'runtime' && argv.at(-1) === path);
    if (!writer) throw new Error(`line ${ins.line}: no step of stage ${stage.name} writes ${path} with tools/image-layout.mjs runtime`);
    if (!existsSync(join(root, path))) {
      mkdirSync(root, { recursive: true });
      await run([process.execPath, ...writer.slice(1, -1), join(root, path)], opts.prebuiltWorkspace, {}, ins);
    }
    return join(root, path);
  }

  /** Whether `ins` in `stage` is the last thing that reads `from`. */
  function isLastUse(from: Stage, stage: Stage, ins: Instruction): boolean {
    const laterInStage = stage.instructions.slice(stage.instructions.indexOf(ins) + 1);
    return laterUses(df, from, stage).length === 0 && !laterInStage.some((i) => i.keyword === 'COPY' && i.flags.from && findStage(df, i.flags.from) === from);
  }

  function stageChain(stage: Stage): Stage[] {
    const parent = findStage(df, stage.base);
    return parent ? [...stageChain(parent), stage] : [stage];
  }

  async function runStep(ins: Instruction, root: string, cwd: string, env: Record<string, string>) {
    if (!ins.exec && /&&|\|\||[|;<>`]|\$\(/.test(ins.args)) {
      throw new Error(`line ${ins.line}: only plain commands can be run here, not shell pipelines: ${ins.args}`);
    }
    const argv = (ins.exec ?? splitWords(ins.args)).map((a) => (a.startsWith('/') ? join(root, a) : a));
    const [program, ...args] = argv;
    const command = program === 'node' ? process.execPath : program!.includes('/') ? join(root, cwd, program!) : program!;
    await run([command, ...args], join(root, cwd), env, ins);
  }
}

/** Runs a step, keeping its output for the error when it fails (async, so several images can build at once). */
function run(argv: string[], cwd: string, env: Record<string, string>, ins: Instruction): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (err) => reject(new Error(`line ${ins.line}: ${ins.keyword} ${ins.args} failed (${err.message})`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`line ${ins.line}: ${ins.keyword} ${ins.args} failed (exit ${code ?? signal}):\n${output}`));
    });
  });
}

/** Stages after `after` that build on or copy from `stage`. */
function laterUses(df: Dockerfile, stage: Stage, after: Stage): Stage[] {
  return df.stages.filter(
    (s) =>
      s.index > after.index &&
      (findStage(df, s.base) === stage || s.instructions.some((i) => i.keyword === 'COPY' && i.flags.from && findStage(df, i.flags.from) === stage)),
  );
}

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || (lstatSync(dir).isDirectory() && readdirSync(dir).length === 0);
}

/** Makes a tree read-only (or writable again by its owner) for everyone. */
export function setWritable(dir: string, writable: boolean): void {
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    chmodSync(p, writable ? st.mode | 0o200 : st.mode & ~0o222);
  };
  walk(dir);
}

/** Whether `dir` and every folder above it can be entered by other users (a uid the image runs as). */
export function openPathTo(dir: string): void {
  for (let p = dir; p !== '/' && p !== '.'; p = join(p, '..')) {
    const st = statSync(p);
    if ((st.mode & 0o005) !== 0o005) chmodSync(p, st.mode | 0o005);
  }
}
