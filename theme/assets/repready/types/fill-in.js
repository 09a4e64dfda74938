/* Fill in the blank: a text field per blank. The response is the blanks' texts joined by [,];
   each blank is right when its text equals an accepted answer (whitespace folded, any case unless
   the blank says otherwise) or matches one of its patterns, as generator/bank/items/fill_in.py. */
import { SEP, allOrNothing, elements, isObject, isString } from "../widget/util.js";

const fold = (text, caseSensitive) => {
  const folded = text.trim().split(/\s+/).join(" ");
  return caseSensitive ? folded : folded.toLowerCase();
};
const fields = question => elements(question.fieldset, "input[data-rr-blank]");

export function blankRight(blank, given) {
  const answer = fold(given, blank.case);
  if (blank.accept.some(a => fold(a, blank.case) === answer)) return true;
  // Patterns are checked at build time: no *, + or {n}, so they cannot backtrack catastrophically.
  return blank.patterns.some(p => new RegExp(`^(?:${p})$`, blank.case ? "" : "i").test(answer));
}

export function grade(key, response) {
  const blanks = Array.isArray(key.blanks) ? key.blanks : [], given = String(response).split(SEP);
  if (!blanks.length || given.length !== blanks.length) return allOrNothing(false);
  const right = blanks.filter((blank, i) => blankRight(blank, given[i])).length;
  if (key.scoring === "partial") return { score: right / blanks.length, success: right === blanks.length };
  return allOrNothing(right === blanks.length);
}

export default {
  interaction: "fill-in",
  scored: true,
  shuffles: false,
  answer(question) {
    // "[,]" separates blanks in the response, so a typed one becomes a plain comma.
    const texts = fields(question).map(input => input.value.trim().split("[,]").join(","));
    return texts.some(Boolean) ? { kept: texts, response: texts.join(SEP) } : null;
  },
  restore(question, kept) {
    if (!Array.isArray(kept)) return;
    fields(question).forEach((input, i) => {
      if (isString(kept[i])) input.value = kept[i];
    });
  },
  grade,
  describe() {},
  mark(question, answer, key, mark) {
    const given = answer ? answer.kept : [], notes = isObject(key.feedback) ? key.feedback : {};
    const list = document.createElement("ul");
    list.className = "rr-option-feedback rr-blank-notes";
    (key.blanks || []).forEach((blank, i) => {
      const wrapper = question.options.find(o => o.dataset.rrOption === blank.id);
      if (!wrapper) return;
      const text = isString(given[i]) ? given[i] : "", right = Boolean(text) && blankRight(blank, text);
      mark(wrapper, right, right ? "Correct." : `${text ? "Not quite" : "Not answered"}. Answer: ${blank.accept[0]}.`);
      if (isString(notes[blank.id])) {
        const item = list.appendChild(document.createElement("li"));
        item.append(`${wrapper.querySelector("input").getAttribute("aria-label")}: `);
        // Feedback markup comes sanitised from the build (generator/render/sanitize.py).
        item.appendChild(Object.assign(document.createElement("div"), { innerHTML: notes[blank.id] }));
      }
    });
    if (list.children.length) question.box.after(list);
  },
  reset(question) {
    for (const input of fields(question)) input.value = "";
  },
};
