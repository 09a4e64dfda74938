/* Ordering: steps moved with Move up / Move down buttons; unanswered until a step has moved.
   Partial scoring counts the steps in their right place. */
import { SEP, allOrNothing, elements, optionId, splitList } from "../widget/util.js";

const steps = question => elements(question.box, "[data-rr-option]");

export function grade(key, response) {
  const correct = splitList(key.pattern), given = splitList(response);
  const right = correct.filter((x, i) => given[i] === x).length;
  const exact = right === correct.length && given.length === correct.length;
  return key.scoring === "partial" ? { score: right / correct.length, success: exact } : allOrNothing(exact);
}

export default {
  interaction: "sequencing",
  scored: true,
  shuffles: false,
  answer(question) {
    const ids = steps(question).map(optionId);
    return question.moved ? { kept: ids, response: ids.join(SEP) } : null;
  },
  restore(question, kept) {
    const ids = question.options.map(optionId);
    if (Array.isArray(kept) && kept.length === ids.length && ids.every(i => kept.includes(i))) {
      kept.forEach(id => question.box.append(question.options.find(o => optionId(o) === id)));
      question.moved = true;
    }
  },
  grade,
  describe(question, definition, component) {
    // The page's order in every mode: the bank's order is the answer.
    definition.choices = question.options.map(o => component(optionId(o), o.querySelector(".rr-step-text")));
  },
  mark(question, answer, key, mark) {
    const want = splitList(key.pattern);
    steps(question).forEach((option, i) => {
      const right = want[i] === optionId(option);
      mark(option, right, right ? "In the right place." : `Belongs at position ${want.indexOf(optionId(option)) + 1}.`);
    });
  },
  reset(question) {
    for (const option of question.options) question.box.append(option);
    question.moved = false;
  },
  // Move up / Move down; true when the order changed.
  press(question, button) {
    if (!button.dataset.rrMove) return false;
    const item = button.closest("[data-rr-option]"), up = button.dataset.rrMove === "up";
    const neighbour = up ? item.previousElementSibling : item.nextElementSibling;
    // Move the neighbour, not this item, so the pressed button keeps focus.
    if (neighbour) {
      if (up) item.after(neighbour);
      else item.before(neighbour);
      question.moved = true;
    }
    const items = steps(question);
    question.feedback.textContent = `${neighbour ? "Moved to" : "Already at"} position ${items.indexOf(item) + 1} of ${items.length}.`;
    return Boolean(neighbour);
  },
};
