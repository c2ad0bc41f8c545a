import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FatalError } from "@lrew/errors";
import { lastLines, newClusterId, parseJavaMajor, parseProperties, renderServerProperties } from "./properties.ts";

const templatePath = path.resolve(import.meta.dirname, "../../../infra/kafka/server.properties.template");

describe("renderServerProperties", () => {
  it("fills every placeholder, with or without spaces inside the braces", () => {
    expect(renderServerProperties("a={{x}}\nb={{ y }}:{{x}}\n", { x: 1, y: "two" })).toBe("a=1\nb=two:1\n");
  });

  it("names every placeholder that has no value", () => {
    expect(() => renderServerProperties("a={{x}}\nb={{y}}\nc={{z}}", { y: 1 })).toThrowError(FatalError);
    expect(() => renderServerProperties("a={{x}}\nb={{y}}\nc={{z}}", { y: 1 })).toThrowError(/\{\{x\}\}, \{\{z\}\}/);
  });

  it("leaves comment lines alone", () => {
    expect(renderServerProperties("# every {{name}} is filled\n! {{also}}\na={{x}}", { x: 3 })).toBe(
      "# every {{name}} is filled\n! {{also}}\na=3",
    );
  });

  it("escapes backslashes and refuses line breaks", () => {
    expect(renderServerProperties("log.dirs={{d}}", { d: "C:\\kafka\\data" })).toBe("log.dirs=C:\\\\kafka\\\\data");
    expect(() => renderServerProperties("a={{x}}", { x: "1\nevil=2" })).toThrowError(/line break/);
  });

  it("renders the real template into a loopback-only single-node KRaft config", () => {
    const text = renderServerProperties(readFileSync(templatePath, "utf8"), {
      host: "127.0.0.1",
      port: 19092,
      controllerPort: 19093,
      logDirs: "/tmp/k/data",
    });
    const settings = text.split("\n").filter((l) => !l.startsWith("#"));
    expect(settings.join("\n")).not.toMatch(/\{\{/);
    const p = parseProperties(text);
    expect(p.get("process.roles")).toBe("broker,controller");
    expect(p.get("listeners")).toBe("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
    expect(p.get("advertised.listeners")).toBe("PLAINTEXT://127.0.0.1:19092");
    expect(p.get("controller.quorum.voters")).toBe("1@127.0.0.1:19093");
    expect(p.get("log.dirs")).toBe("/tmp/k/data");
    expect(p.get("offsets.topic.replication.factor")).toBe("1");
    expect(p.get("transaction.state.log.min.isr")).toBe("1");
    expect(p.get("group.initial.rebalance.delay.ms")).toBe("0");
    expect(p.get("num.partitions")).toBe("3");
  });
});

describe("parseProperties", () => {
  it("reads key=value and key: value, skipping comments and blanks", () => {
    const p = parseProperties("# c\n\na=1\n b : two \n!x=y\nc=C:\\\\d");
    expect([...p.entries()]).toEqual([
      ["a", "1"],
      ["b", "two"],
      ["c", "C:\\d"],
    ]);
  });
});

describe("newClusterId", () => {
  it("is 22 URL-safe base64 characters", () => {
    for (let i = 0; i < 50; i++) expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });

  it("never starts with '-'", () => {
    const draws = [Buffer.from("fb".padEnd(32, "0"), "hex"), Buffer.alloc(16, 1)];
    expect(draws[0]!.toString("base64url").startsWith("-")).toBe(true);
    const id = newClusterId(() => draws.shift() ?? Buffer.alloc(16, 2));
    expect(id).toBe(Buffer.alloc(16, 1).toString("base64url"));
  });
});

describe("parseJavaMajor", () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_402"', 8],
    ['openjdk version "25-ea" 2025-09-16', 25],
    ["no java here", undefined],
  ])("%s → %s", (text, major) => {
    expect(parseJavaMajor(text)).toBe(major);
  });
});

describe("lastLines", () => {
  it("keeps the last n lines without the trailing empty one", () => {
    expect(lastLines("a\nb\nc\n", 2)).toBe("b\nc");
    expect(lastLines("a", 5)).toBe("a");
  });
});
