// Matching: a select per item, choosing its target; partial scoring counts the right pairs.
import { PAIR, SEP, allOrNothing, isString, optionId, splitList } from "../widget/util.js";

const pairs = list => new Map(list.map(p => p.split(PAIR)));

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
    const chosen = question.options.map(o => [optionId(o), o.querySelector("select").value]).filter(p => p[1]);
    return chosen.length ? { kept: chosen, response: chosen.map(p => p.join(PAIR)).join(SEP) } : null;
  },
  restore(question, kept) {
    for (const pair of Array.isArray(kept) ? kept : []) {
      const option = Array.isArray(pair) && question.options.find(o => optionId(o) === pair[0]);
      const select = option && option.querySelector("select");
      if (select && isString(pair[1]) && pair[1] && [...select.options].some(x => x.value === pair[1])) {
        select.value = pair[1];
      }
    }
  },
  grade,
  describe(question, definition, component) {
    const targets = [...question.options[0].querySelector("select").options].filter(x => x.value);
    const bankOrder = (question.box.dataset.rrTargets || "").split(" ").filter(t => targets.some(x => x.value === t));
    definition.source = question.options.map(o => component(optionId(o), o.querySelector("label")));
    definition.target = (bankOrder.length ? bankOrder : targets.map(x => x.value))
      .map(t => component(t, targets.find(x => x.value === t)));
  },
  mark(question, answer, key, mark) {
    const want = pairs(splitList(key.pattern));
    for (const option of question.options) {
      const select = option.querySelector("select"), target = want.get(optionId(option)), right = select.value === target;
      if (target === undefined) continue;
      const correct = [...select.options].find(x => x.value === target);
      mark(option, right, right ? "Correct match."
        : `${select.value ? "Not quite" : "Not answered"}. Correct match: ${correct ? correct.textContent : target}.`);
    }
  },
};
