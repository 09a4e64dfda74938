// Matching: a group of radio buttons per item, one per target written out in full; partial
// scoring counts the right pairs.
import { PAIR, SEP, allOrNothing, elements, isString, optionId, splitList } from "../widget/util.js";

const pairs = list => new Map(list.map(p => p.split(PAIR)));
const chosen = option => {
  const on = option.querySelector("input:checked");
  return on ? on.value : "";
};
const radio = (option, target) => elements(option, "input").find(input => input.value === target);

export function grade(key, response) {
  const correct = splitList(key.pattern), given = pairs(splitList(response));
  const right = correct.filter(p => {
    const [source, target] = p.split(PAIR);
    return given.get(source) === target;
  }).length;
  const exact = right === correct.length && given.size === correct.length;
  return key.scoring === "partial" ? { score: right / correct.length, success: exact } : allOrNothing(exact);
}

export default {
  interaction: "matching",
  scored: true,
  shuffles: false,
  answer(question) {
    const picked = question.options.map(o => [optionId(o), chosen(o)]).filter(p => p[1]);
    return picked.length ? { kept: picked, response: picked.map(p => p.join(PAIR)).join(SEP) } : null;
  },
  restore(question, kept) {
    for (const pair of Array.isArray(kept) ? kept : []) {
      const option = Array.isArray(pair) && question.options.find(o => optionId(o) === pair[0]);
      const input = option && isString(pair[1]) && radio(option, pair[1]);
      if (input) input.checked = true;
    }
  },
  grade,
  describe(question, definition, component) {
    const targets = elements(question.options[0], "input");
    const bankOrder = (question.box.dataset.rrTargets || "").split(" ").filter(t => targets.some(x => x.value === t));
    definition.source = question.options.map(o => component(optionId(o), o.querySelector("legend")));
    definition.target = (bankOrder.length ? bankOrder : targets.map(x => x.value))
      .map(t => component(t, targets.find(x => x.value === t).labels[0]));
  },
  mark(question, answer, key, mark) {
    const want = pairs(splitList(key.pattern));
    for (const option of question.options) {
      const target = want.get(optionId(option)), given = chosen(option), right = given === target;
      if (target === undefined) continue;
      const correct = radio(option, target);
      mark(option, right, right ? "Correct match."
        : `${given ? "Not quite" : "Not answered"}. Correct match: ${correct ? correct.labels[0].textContent : target}.`);
    }
  },
};
