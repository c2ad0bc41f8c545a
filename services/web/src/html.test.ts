import { describe, expect, it } from "vitest";
import { html, jsonData } from "./html.ts";

describe("html", () => {
  it("escapes every interpolated value", () => {
    const name = `Công ty "A" <script>alert('x')</script> & \`b\``;
    expect(html`<td title="${name}">${name}</td>`.text).toBe(
      '<td title="Công ty &#34;A&#34; &#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; &#96;b&#96;">Công ty &#34;A&#34; &#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; &#96;b&#96;</td>',
    );
  });

  it("keeps nested templates and arrays, drops null, undefined and false", () => {
    const rows = ["<a>", "b"].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${rows}${null}${undefined}${false}${0}</ul>`.text).toBe("<ul><li>&#60;a&#62;</li><li>b</li>0</ul>");
  });
});

describe("jsonData", () => {
  it("cannot be closed by a value", () => {
    const out = jsonData("d", { name: "</script><script>alert(1)</script>" }).text;
    expect(out).not.toContain("</script><script>");
    expect(JSON.parse(out.replace(/^<script[^>]*>/, "").replace(/<\/script>$/, ""))).toEqual({
      name: "</script><script>alert(1)</script>",
    });
  });
});
