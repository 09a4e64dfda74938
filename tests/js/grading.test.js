// The shared grading cases (tests/grading/cases.json), graded by the widget's graders: the same
// file the scorer's graders pass under pytest.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

const cases = JSON.parse(readFileSync(new URL("../grading/cases.json", import.meta.url), "utf-8")).types;
const typeModule = name => import(new URL(`../../theme/assets/repready/types/${name}.js`, import.meta.url).href);

for (const [name, group] of Object.entries(cases)) {
  describe(name, () => {
    for (const c of group.cases) {
      it(c.name, async () => {
        const kind = (await typeModule(group.question.type)).default;
        const got = kind.grade(group.key, c.response);
        assert.equal(got.success, c.success);
        assert.ok(Math.abs(got.score - c.score) < 1e-9, `score ${got.score}, expected ${c.score}`);
      });
    }
  });
}
