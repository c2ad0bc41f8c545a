// The broker's jars: fetched once with Maven (infra/kafka/pom.xml) into distDir, fetched again only
// when the pom changes.
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { FatalError, RetryableError } from "@lrew/errors";
import { KAFKA_VERSION, type LocalKafkaOptions } from "./options.ts";
import { run } from "./processes.ts";
import { lastLines } from "./properties.ts";

async function pomDigest(infraDir: string): Promise<string> {
  const pom = path.join(infraDir, "pom.xml");
  try {
    return createHash("sha256")
      .update(await fs.readFile(pom))
      .digest("hex");
  } catch {
    throw new FatalError(`${pom} not found: infraDir must point at infra/kafka of an lrew checkout`);
  }
}

const MARKER = ".lrew-jars.json";

async function jarsComplete(distDir: string, digest: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await fs.readFile(path.join(distDir, MARKER), "utf8")) as { pomSha256?: string };
    return marker.pomSha256 === digest && existsSync(path.join(distDir, "libs"));
  } catch {
    return false;
  }
}

/**
 * Makes sure the broker's jars are in `<distDir>/libs` and returns that directory (use `<dir>/*` as
 * the classpath). Runs Maven only when the jars are missing or infra/kafka/pom.xml changed; Maven
 * downloads into a temporary sibling directory that is renamed into place when complete, so an
 * interrupted download never leaves a half-filled cache.
 */
export async function ensureKafkaJars(o: LocalKafkaOptions): Promise<string> {
  const digest = await pomDigest(o.infraDir);
  const libs = path.join(o.distDir, "libs");
  if (await jarsComplete(o.distDir, digest)) return libs;

  const parent = path.dirname(o.distDir);
  await fs.mkdir(parent, { recursive: true });
  const tmp = `${o.distDir}.partial-${process.pid}-${randomBytes(4).toString("hex")}`;
  await fs.mkdir(tmp, { recursive: true });
  try {
    o.onProgress?.(`fetching the Kafka ${KAFKA_VERSION} jars with Maven into ${o.distDir} (once; about 55 MB on a fresh machine)`);
    const started = Date.now();
    const { code, output } = await run(
      "mvn",
      [
        "-q",
        "-B",
        "-Dstyle.color=never",
        "-f",
        path.join(o.infraDir, "pom.xml"),
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        `-DoutputDirectory=${path.join(tmp, "libs")}`,
      ],
      `mvn not found: install Apache Maven 3.8+ (it fetches the Kafka ${KAFKA_VERSION} jars once into ${o.distDir})`,
      { cwd: o.infraDir },
    );
    if (code !== 0) {
      throw new RetryableError(
        `fetching the Kafka ${KAFKA_VERSION} jars with Maven failed (exit ${code}); is the Maven repository reachable?\n${lastLines(output, 30)}`,
      );
    }
    const jars = (await fs.readdir(path.join(tmp, "libs"))).filter((f) => f.endsWith(".jar"));
    if (!jars.some((j) => j.startsWith("kafka_2.13-"))) throw new FatalError(`Maven finished but no kafka_2.13 jar is in ${tmp}/libs`);
    await fs.writeFile(
      path.join(tmp, MARKER),
      JSON.stringify({ kafkaVersion: KAFKA_VERSION, pomSha256: digest, jars: jars.length, fetchedAt: new Date().toISOString() }, null, 2) +
        "\n",
    );
    // Swap in: an older or incomplete cache is moved aside first.
    if (existsSync(o.distDir) && !(await jarsComplete(o.distDir, digest))) {
      const old = `${o.distDir}.old-${process.pid}-${randomBytes(4).toString("hex")}`;
      await fs.rename(o.distDir, old).catch(() => undefined);
      await fs.rm(old, { recursive: true, force: true });
    }
    try {
      await fs.rename(tmp, o.distDir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code === "ENOTEMPTY" || code === "EEXIST") && (await jarsComplete(o.distDir, digest))) {
        // Another process finished first; use its copy.
      } else {
        throw err;
      }
    }
    o.onProgress?.(`Kafka jars ready in ${libs} (${jars.length} jars, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return libs;
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
