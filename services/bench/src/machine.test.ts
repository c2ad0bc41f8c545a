import { describe, expect, it } from "vitest";
import { parseCpuModel, parseJavaVersion } from "./machine.ts";

describe("parseJavaVersion", () => {
  it("reads OpenJDK and Oracle output", () => {
    expect(
      parseJavaVersion(
        'openjdk version "21.0.5" 2024-10-15\nOpenJDK Runtime Environment (build 21.0.5+11-Ubuntu)\nOpenJDK 64-Bit Server VM (build 21.0.5+11, mixed mode)',
      ),
    ).toBe("21.0.5 (OpenJDK)");
    expect(parseJavaVersion('java version "17.0.2" 2022-01-18 LTS\nJava(TM) SE Runtime Environment')).toBe("17.0.2 (Java(TM))");
  });
  it("is undefined without a version", () => {
    expect(parseJavaVersion("bash: java: command not found")).toBeUndefined();
  });
});

describe("parseCpuModel", () => {
  it("takes the first model name", () => {
    expect(parseCpuModel("processor\t: 0\nmodel name\t: AMD EPYC   7B13\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n")).toBe(
      "AMD EPYC 7B13",
    );
    expect(parseCpuModel("processor: 0\n")).toBeUndefined();
  });
});
