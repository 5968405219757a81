/**
 * What the image runs, tested outside Docker (no Docker engine is needed):
 *
 * - the deploy files agree: the Dockerfile's CMD and HEALTHCHECK are the documented commands, its
 *   runtime stage runs as a non-root USER with VOLUME /data; compose.yaml mounts that volume and
 *   keeps the image's health check; the systemd unit starts the same command;
 * - the production install works: the repository as the Docker build context holds it
 *   (.dockerignore applied), `npm ci --omit=dev` (the registry must be reachable: an offline
 *   machine fails this test, it is not skipped), then the Dockerfile's CMD answers on a pipe and
 *   its HEALTHCHECK command passes against it.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, scratchDataDir } from "./helpers.ts";

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), "utf8");

/** The documented commands (README "Running it for real"). */
const CMD = ["node", "--import", "tsx", "adapters/main.ts"];
const HEALTH_SCRIPT = "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))";
const HEALTHCHECK = ["node", "-e", HEALTH_SCRIPT];

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's stages, each a list of instructions (continuation lines joined, comments dropped). */
function dockerfileStages(text: string): Instruction[][] {
  const lines: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.startsWith("#")) continue; // A comment inside a continued instruction.
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    lines.push(pending + line);
    pending = "";
  }
  const stages: Instruction[][] = [];
  for (const line of lines) {
    const match = /^(\S+)\s*(.*)$/.exec(line)!;
    const instruction = { keyword: match[1]!.toUpperCase(), args: match[2]! };
    if (instruction.keyword === "FROM") stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

const dockerfile = dockerfileStages(read("Dockerfile"));
const runtime = dockerfile.at(-1)!;
const last = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).at(-1);

/** .dockerignore's patterns as matchers of a path relative to the context (Docker's rules, for the patterns it uses). */
function dockerignore(): (relative: string) => boolean {
  const patterns = read(".dockerignore")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  expect(patterns.filter((p) => p.startsWith("!")), "negated .dockerignore patterns are not understood by this test").toEqual([]);
  const regexes = patterns.map((p) => {
    const body = p
      .replace(/^\/+/, "")
      .split("**")
      .map((part) =>
        part
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, "[^/]*")
          .replace(/\?/g, "[^/]"),
      )
      .join(".*");
    return new RegExp(`^${body}$`);
  });
  return (relative) => regexes.some((r) => r.test(relative));
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string; timeoutMs: number }) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, killSignal: "SIGKILL" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (error) => (stderr += `\n${error.message}`));
    child.stdin.end(options.input ?? "");
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * The environment of a plain shell: none of the bot's variables or platform tokens, and no npm_*
 * of a surrounding `npm run` (its package and prefix are this checkout's) except how to reach a
 * registry (a CI's mirror, proxy, certificates or cache).
 */
function plainEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|.*proxy|cafile|ca|strict_ssl|userconfig|cache|fetch_.*)$/i;
  const drop = /^(npm_|DISCORD_|SLACK_|HOST$|PORT$|IDEAS_SOURCES$|DEFAULT_TERM$|DATA_DIR$|SHELL_ADAPTER$|LOG_LEVEL$|ANNOUNCE_)/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => keep.test(k) || !drop.test(k)));
  return { ...env, ...extra };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("the deploy files", () => {
  it("Dockerfile: CMD is node itself with tsx, not npm; HEALTHCHECK asks /healthz with node's fetch", () => {
    expect(JSON.parse(last(runtime, "CMD")!.args)).toEqual(CMD);
    const health = last(runtime, "HEALTHCHECK")!.args;
    const exec = /\bCMD\s+(\[.*\])$/.exec(health);
    expect(exec, `HEALTHCHECK in exec form: ${health}`).not.toBeNull();
    expect(JSON.parse(exec![1]!)).toEqual(HEALTHCHECK);
    // npm start runs the same command (exec: node replaces the shell).
    const { scripts } = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(`exec ${CMD.join(" ")}`);
  });

  it("Dockerfile: production dependencies built in a stage with the compilers, a runtime stage as a non-root USER with VOLUME /data", () => {
    expect(dockerfile.length).toBeGreaterThanOrEqual(2);
    const build = dockerfile.slice(0, -1).flat();
    expect(build.some((i) => i.keyword === "RUN" && /\bnpm ci\b.*--omit=dev/.test(i.args))).toBe(true);
    expect(build.some((i) => i.keyword === "RUN" && /\bpython3\b/.test(i.args) && /\bmake\b/.test(i.args) && /\bg\+\+/.test(i.args))).toBe(true);
    // The runtime stage copies node_modules from the build stage and installs no compiler.
    expect(runtime.some((i) => i.keyword === "COPY" && /--from=\S+\s+\S*node_modules/.test(i.args))).toBe(true);
    expect(runtime.filter((i) => i.keyword === "RUN" && /\b(g\+\+|npm ci|npm install)\b/.test(i.args))).toEqual([]);
    const user = last(runtime, "USER")?.args.trim();
    expect(user).toBeDefined();
    expect(["root", "0", "0:0", "root:root"]).not.toContain(user);
    // USER comes before CMD (and HEALTHCHECK): the bot never runs as root.
    expect(runtime.indexOf(last(runtime, "USER")!)).toBeLessThan(runtime.indexOf(last(runtime, "CMD")!));
    expect(runtime.filter((i) => i.keyword === "VOLUME").map((i) => i.args.trim())).toEqual(["/data"]);
    expect(runtime.some((i) => i.keyword === "ENV" && /\bDATA_DIR=\/data\b/.test(i.args))).toBe(true);
    // Both stages on the same base: the compiled better-sqlite3 must match the runtime's Node.
    const from = dockerfile.map((stage) => stage[0]!.args.split(/\s+/)[0]);
    expect(new Set(from).size).toBe(1);
  });

  it("compose.yaml mounts a named volume at the image's VOLUME, keeps its health check, runs with an init", () => {
    const compose = read("compose.yaml");
    const mount = /^\s+-\s+["']?([\w.-]+):\/data["']?\s*$/m.exec(compose);
    expect(mount, "a volume mounted at /data").not.toBeNull();
    // The named volume is declared at the top level.
    expect(compose).toMatch(new RegExp(`^volumes:\\s*\\n\\s+${mount![1]!.replace(/[.-]/g, "\\$&")}:`, "m"));
    expect(compose).toMatch(/^\s+init:\s*true\s*$/m);
    expect(compose).toMatch(/^\s+restart:\s*unless-stopped\s*$/m);
    expect(compose).toMatch(/^\s+(?:-\s+)?(?:path:\s*)?\.env\s*$/m);
    expect(compose).toMatch(/^\s+-\s+["']?(?:[\d.]+:)?3000:3000["']?\s*$/m);
    // The image's HEALTHCHECK is inherited: not disabled, not replaced by another command.
    expect(compose).not.toMatch(/^\s+disable:\s*true/m);
    expect(compose).not.toMatch(/^\s+test:/m);
  });

  it("the systemd unit starts the same command as node itself, and stops it with SIGTERM", () => {
    const unit = read("deploy/ideas-bot.service");
    const value = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, "gm"))].map((m) => m[1]!.trim());
    const [execStart] = value("ExecStart");
    expect(execStart).toBeDefined();
    const [node, ...args] = execStart!.split(/\s+/);
    expect(node).toMatch(/^\/.*\/node$/);
    expect(args).toEqual(CMD.slice(1));
    expect(value("WorkingDirectory")).toHaveLength(1);
    expect(value("EnvironmentFile")).toEqual([expect.stringMatching(/\.env$/)]);
    expect(value("User")).toEqual([expect.not.stringMatching(/^(root|0)$/)]);
    expect(value("Restart")).toEqual(["on-failure"]);
    expect(value("KillSignal")).toEqual(["SIGTERM"]);
    // Longer than the bot's own 8 s stop deadline (adapters/main.ts).
    expect(Number(value("TimeoutStopSec")[0])).toBeGreaterThan(8);
  });
});

describe("the production install", () => {
  it(
    "npm ci --omit=dev on the build context installs what the CMD needs; the CMD answers on a pipe, exits 0, and passes the HEALTHCHECK",
    { timeout: 600_000 },
    async () => {
      const root = mkdtempSync(path.join(tmpdir(), "ideas-deploy-"));
      const app = path.join(root, "app");
      try {
        // The Docker build context: the repository minus .dockerignore (no git needed).
        const ignored = dockerignore();
        cpSync(REPO_ROOT, app, {
          recursive: true,
          filter: (source) => {
            const relative = path.relative(REPO_ROOT, source).split(path.sep).join("/");
            return relative === "" || !ignored(relative);
          },
        });
        expect(existsSync(path.join(app, "node_modules"))).toBe(false);
        expect(existsSync(path.join(app, "package-lock.json"))).toBe(true);
        expect(existsSync(path.join(app, "data", "catalogue.json"))).toBe(true);

        const started = Date.now();
        const install = await run("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund"], { cwd: app, env: plainEnv({}), timeoutMs: 540_000 });
        const seconds = Math.round((Date.now() - started) / 1000);
        // npm's first error lines say what failed (ECONNREFUSED, ENOTFOUND, a compiler error); the last ones where its log is.
        const lines = `${install.stdout}\n${install.stderr}`.trim().split("\n");
        const errors = lines.filter((l) => /^npm (error|ERR!)/.test(l));
        const output = [...new Set([...errors.slice(0, 8), ...lines.slice(-6)])].join("\n");
        if (install.code !== 0) {
          throw new Error(
            `npm ci --omit=dev failed (exit ${install.code ?? install.signal}) after ${seconds} s. The production install downloads every dependency from ` +
              `the npm registry and compiles better-sqlite3 (python3, make, g++): is the registry reachable from this machine (npm view tsx version)? ` +
              `This test does not skip offline.\n${output}`,
          );
        }
        console.info(`npm ci --omit=dev: ${seconds} s`);
        // Production dependencies only, and the native module built for this Node.
        expect(existsSync(path.join(app, "node_modules", "tsx"))).toBe(true);
        expect(existsSync(path.join(app, "node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node"))).toBe(true);
        for (const dev of ["vitest", "typescript", "eslint", "dependency-cruiser", "@types/better-sqlite3"]) expect(existsSync(path.join(app, "node_modules", dev)), `${dev} installed`).toBe(false);

        // The Dockerfile's CMD, as the image runs it (node on PATH there; this Node here).
        const port = await freePort();
        const dataDir = scratchDataDir();
        const seed = path.join(app, "data", "cncf-mentoring", "programs", "lfx-mentorship", "2022", "01-Spring", "project_ideas.md");
        const env = plainEnv({ NODE_ENV: "production", SHELL_ADAPTER: "on", PORT: String(port), DATA_DIR: dataDir, IDEAS_SOURCES: seed });
        const child = spawn(process.execPath, CMD.slice(1), { cwd: app, env });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
        try {
          // Health is served from before the first check on: the HEALTHCHECK passes while the shell waits for input.
          const deadline = Date.now() + 60_000;
          while (!/health on http:\/\//.test(stderr)) {
            if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no "health on" line; stderr:\n${stderr}`);
            await new Promise((r) => setTimeout(r, 100));
          }
          const healthy = await run(process.execPath, HEALTHCHECK.slice(1), { cwd: app, env: plainEnv({ PORT: String(port) }), timeoutMs: 30_000 });
          expect(healthy.code, healthy.stderr).toBe(0);
          // And it can fail: nothing listens on another port.
          const unhealthy = await run(process.execPath, HEALTHCHECK.slice(1), { cwd: app, env: plainEnv({ PORT: String(await freePort()) }), timeoutMs: 30_000 });
          expect(unhealthy.code).toBe(1);
          child.stdin.end("search kubernetes\n");
          const code = await closed;
          expect(code, stderr).toBe(0);
          expect(stdout).toMatch(/\d+ ideas for "kubernetes"/);
          expect(stdout).toContain("LFX Mentorship 2022 Term 1");
          // State went to DATA_DIR, none into the app's directory.
          expect(readdirSync(dataDir)).toContain("ideas-bot.sqlite");
          expect(existsSync(path.join(app, ".data"))).toBe(false);
        } finally {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  );
});
