/* Numeric: a text field read as a number, with an optional unit typed before or after it
   ("$17,400", "17400 USD"). Only the number is the xAPI response; the key carries the lowest and
   highest right values (a tolerance or range already applied, as generator/bank/items/numeric.py). */
import { allOrNothing, isObject, isString, parseJson } from "../widget/util.js";

// Digits with optional thousands separators (comma or space), an optional fraction.
const NUMBER = /^[+-]?(?:\d{1,3}(?:[, \u00a0\u202f]\d{3})+|\d+)?(?:\.\d+)?$/;
// What result.response may hold, as the scorer reads it.
const RESPONSE = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const fold = text => text.trim().split(/\s+/).join(" ").toLowerCase();
const field = question => question.fieldset.querySelector("input[data-rr-number]");

export function readNumber(text, spellings, required) {
  let rest = fold(text), unit = "";
  for (const spelling of [...spellings].sort((a, b) => b.length - a.length)) {
    if (rest.startsWith(spelling)) [unit, rest] = [spelling, rest.slice(spelling.length).trim()];
    else if (rest.endsWith(spelling)) [unit, rest] = [spelling, rest.slice(0, -spelling.length).trim()];
    if (unit) break;
  }
  if ((required && !unit) || !rest || !NUMBER.test(rest) || !/\d/.test(rest)) return null;
  const value = Number(rest.replace(/[, \u00a0\u202f]/g, ""));
  return Number.isFinite(value) ? value : null;
}

function unitsOf(input) {
  const spellings = parseJson(input.dataset.rrUnits || "[]");
  return Array.isArray(spellings) ? spellings.filter(isString).map(fold) : [];
}

// Decimal input meets binary floats: 0.1 + 0.2 must equal 0.3, as in the scorer.
export function within(low, high, value) {
  const slack = 1e-9 * Math.max(1, Math.abs(low), Math.abs(high));
  return low - slack <= value && value <= high + slack;
}

export function grade(key, response) {
  const value = Number(response);
  if (!RESPONSE.test(response) || !Number.isFinite(value)) return allOrNothing(false);
  return allOrNothing(within(key.min, key.max, value));
}

export default {
  interaction: "numeric",
  scored: true,
  shuffles: false,
  answer(question) {
    const input = field(question), text = input.value.trim();
    const value = text ? readNumber(text, unitsOf(input), "rrUnitRequired" in input.dataset) : null;
    return value === null ? null : { kept: text, response: String(value) };
  },
  restore(question, kept) {
    if (isString(kept)) field(question).value = kept;
  },
  // A field that holds something that is not a number (in an accepted unit) stops Submit.
  problem(question) {
    const input = field(question), text = input.value.trim();
    if (!text || readNumber(text, unitsOf(input), "rrUnitRequired" in input.dataset) !== null) return null;
    const unit = input.dataset.rrUnit;
    const example = unit ? `e.g. 17400 or 17,400 ${unit}` : "e.g. 17400 or -2.5";
    return [input, `Error: enter a number (${example}).`];
  },
  grade: (key, response) => grade(key, response),
  describe() {},
  mark(question, answer, key, mark) {
    const input = field(question), unit = input.dataset.rrUnit ? " " + input.dataset.rrUnit : "";
    const right = answer !== null && grade(key, answer.response).success;
    const show = x => String(+x.toFixed(6));
    const expected = key.min === key.max ? show(key.min) : `${show(key.min)} to ${show(key.max)}`;
    mark(question.box, right, right ? "Your answer: correct." : `Right answer: ${expected}${unit}.`);
    const notes = isObject(key.feedback) ? key.feedback : {};
    const side = answer === null || right ? "" : Number(answer.response) < key.min ? "low" : "high";
    if (side && isString(notes[side])) {
      // Feedback markup comes sanitised from the build (generator/render/sanitize.py).
      question.box.after(Object.assign(document.createElement("div"), { className: "rr-option-feedback", innerHTML: notes[side] }));
    }
  },
  reset(question) {
    field(question).value = "";
  },
};
