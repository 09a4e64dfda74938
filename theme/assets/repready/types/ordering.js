/* Ordering: steps moved with Move up / Move down, by dragging, or with Alt+Arrow keys. The order
   on screen is the rep's answer from the moment it is shown, so the response kept and the
   feedback never contradict each other. Partial scoring counts the steps in their right place. */
import { SEP, allOrNothing, elements, optionId, splitList } from "../widget/util.js";

const steps = question => elements(question.box, "[data-rr-option]");

export function grade(key, response) {
  const correct = splitList(key.pattern), given = splitList(response);
  // A response lists every step once (the page cannot do otherwise); anything else is wrong.
  const complete = given.length === correct.length && correct.every(step => given.includes(step));
  if (!complete) return allOrNothing(false);
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
    return { kept: ids, response: ids.join(SEP) };
  },
  restore(question, kept) {
    const ids = question.options.map(optionId);
    if (Array.isArray(kept) && kept.length === ids.length && ids.every(i => kept.includes(i))) {
      kept.forEach(id => question.box.append(question.options.find(o => optionId(o) === id)));
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
  },
  // Dragging with a pointer (from the grip on touch screens, anywhere on the step with a mouse),
  // and the arrow keys on a step's Move buttons; ``changed`` records the new order.
  attach(question, changed) {
    let dragged = null;
    const announce = item => {
      const items = steps(question);
      question.feedback.textContent = `Moved to position ${items.indexOf(item) + 1} of ${items.length}.`;
    };
    question.box.addEventListener("pointerdown", event => {
      const item = event.target.closest("[data-rr-option]");
      const grip = event.target.closest(".rr-grip");
      if (!item || question.fieldset.disabled || event.target.closest("button") || (event.pointerType !== "mouse" && !grip)) return;
      event.preventDefault();
      dragged = item;
      item.classList.add("rr-dragging");
      question.box.setPointerCapture(event.pointerId);
    });
    question.box.addEventListener("pointermove", event => {
      if (!dragged) return;
      const over = document.elementFromPoint(event.clientX, event.clientY);
      const target = over && over.closest("[data-rr-option]");
      if (!target || target === dragged || target.parentNode !== question.box) return;
      const after = steps(question).indexOf(target) > steps(question).indexOf(dragged);
      if (after) target.after(dragged);
      else target.before(dragged);
    });
    const drop = () => {
      if (!dragged) return;
      dragged.classList.remove("rr-dragging");
      announce(dragged);
      dragged = null;
      changed();
    };
    question.box.addEventListener("pointerup", drop);
    question.box.addEventListener("pointercancel", drop);
    question.box.addEventListener("keydown", event => {
      const button = event.target.closest("button[data-rr-move]");
      if (!button || event.altKey || event.ctrlKey || event.metaKey || !["ArrowUp", "ArrowDown"].includes(event.key)) return;
      event.preventDefault();
      const up = event.key === "ArrowUp", item = button.closest("[data-rr-option]");
      const neighbour = up ? item.previousElementSibling : item.nextElementSibling;
      if (neighbour) {
        if (up) item.after(neighbour);
        else item.before(neighbour);
        changed();
      }
      const items = steps(question);
      question.feedback.textContent = `${neighbour ? "Moved to" : "Already at"} position ${items.indexOf(item) + 1} of ${items.length}.`;
    });
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
    }
    const items = steps(question);
    question.feedback.textContent = `${neighbour ? "Moved to" : "Already at"} position ${items.indexOf(item) + 1} of ${items.length}.`;
    return Boolean(neighbour);
  },
};
