// SHA-1, UUIDs and the seeded shuffle: the ids and layouts the widget writes must match Python's.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";

import { seededRandom, sha1, shuffle, utf8, uuid4, uuid5, UUID4 } from "../../theme/assets/repready/widget/ids.js";
import { points, round4 } from "../../theme/assets/repready/widget/util.js";

describe("sha1", () => {
  for (const text of ["", "abc", "é ✓ 𝄞", "x".repeat(55), "x".repeat(56), "x".repeat(64), "x".repeat(1000)]) {
    it(`matches node's for ${text.length} characters`, () => {
      const hex = sha1(utf8(text)).map(b => b.toString(16).padStart(2, "0")).join("");
      assert.equal(hex, createHash("sha1").update(text, "utf8").digest("hex"));
    });
  }
});

describe("uuid", () => {
  it("uuid5 matches Python's uuid5(NAMESPACE, name) for the statement ids", () => {
    // python: uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, "https://w3id.org/repready/xapi/"), "x")
    assert.equal(uuid5("x"), "0720438d-4a7e-5f4b-95ef-408738eab163");
  });
  it("uuid4 is a version 4 UUID, different each time", () => {
    const a = uuid4(), b = uuid4();
    assert.match(a, UUID4);
    assert.notEqual(a, b);
  });
});

describe("seeded shuffle", () => {
  it("is the same for the same seed and keeps every item", () => {
    const list = ["a", "b", "c", "d", "e", "f"];
    const first = shuffle(list, seededRandom("reg-1")), again = shuffle(list, seededRandom("reg-1"));
    assert.deepEqual(first, again);
    assert.deepEqual([...first].sort(), list);
  });
});

describe("numbers", () => {
  it("round4 rounds like Python's round(x, 4)", () => {
    // Expected values from Python: round(x, 4).
    const python = [[0.12345, 0.1235], [2 / 3, 0.6667], [0.5, 0.5], [0.03125, 0.0312], [0.09375, 0.0938],
      [1.00005, 1.0001], [0.00005, 0.0001], [13 / 17, 0.7647], [0, 0]];
    for (const [x, expected] of python) assert.equal(round4(x), expected, `round4(${x})`);
  });
  it("points drops trailing zeros", () => {
    assert.equal(points(0.5), "0.5");
    assert.equal(points(1), "1");
    assert.equal(points(1 / 3), "0.33");
  });
});
