/* What single, multiple, true-false and likert questions share: one or more checked inputs. */
import { SEP, allOrNothing, isObject, isString, optionId, splitList } from "../widget/util.js";

export function checkedAnswer(question, many) {
  const on = question.options.filter(o => {
    const input = o.querySelector("input");
    return input && input.checked;
  }).map(optionId);
  return on.length ? { kept: many ? on : on[0], response: on.join(SEP) } : null;
}

export function restoreChecked(question, kept) {
  for (const id of [].concat(kept)) {
    const option = isString(id) && question.options.find(o => optionId(o) === id);
    if (option) option.querySelector("input").checked = true;
  }
}

export const listChoices = (question, definition, component) => {
  definition.choices = question.options.map(o => component(optionId(o), o.querySelector("label")));
};

// Marks the chosen options and the right ones, with the bank's feedback on each chosen option.
export function markChoices(question, answer, key, mark, many) {
  const want = splitList(key.pattern), chosen = answer ? splitList(answer.response) : [];
  const notes = isObject(key.feedback) ? key.feedback : {};
  for (const option of question.options) {
    const id = optionId(option), right = want.includes(id), on = chosen.includes(id);
    if (!right && !on) continue;
    const text = on ? (right ? "Your answer: correct." : "Your answer: not correct.")
      : many ? "Correct answer, not selected." : "Correct answer.";
    mark(option, right, text);
    if (on && isString(notes[id])) {
      // Feedback markup comes sanitised from the build (generator/render/sanitize.py).
      option.appendChild(Object.assign(document.createElement("div"), { className: "rr-option-feedback", innerHTML: notes[id] }));
    }
  }
}

/* A question with one right option (or value): right only when the response is the key's.
   Options with bank text are listed in xAPI and may be shuffled; true/false are neither. */
export function oneRightChoice({ interaction, hasOptionTexts }) {
  return {
    interaction,
    scored: true,
    shuffles: hasOptionTexts,
    answer: question => checkedAnswer(question, false),
    restore: restoreChecked,
    grade: (key, response) => allOrNothing(response === key.pattern),
    describe: hasOptionTexts ? listChoices : () => {},
    mark: (question, answer, key, mark) => markChoices(question, answer, key, mark, false),
  };
}
