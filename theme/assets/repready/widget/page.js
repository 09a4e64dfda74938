/* The quiz as the page describes it: everything comes from the markup's data-rr-* attributes. */
import { elements, hasKey, isObject, isString, parseJson } from "./util.js";

export function readQuiz(form, kinds, site) {
  const data = form.dataset;
  const key = parseJson(data.rrKey), draw = parseJson(data.rrDraw), scales = parseJson(data.rrScales);
  const quiz = {
    form,
    id: data.rrModule,
    mode: data.rrMode,
    title: data.rrTitle,
    summary: data.rrSummary,
    hash: data.rrHash,
    mastery: +data.rrMastery || 0,
    home: data.rrHome || site,
    shuffle: "rrShuffle" in data,
    draw: isObject(draw) ? draw : null,
    scales: Array.isArray(scales) ? scales.filter(s => isObject(s) && isString(s.id) && Array.isArray(s.bands)) : [],
    // The box for a message or result, made on first use.
    part: className => form.querySelector("." + className)
      || form.appendChild(Object.assign(document.createElement("div"), { className })),
  };
  quiz.questions = elements(form, "fieldset.rr-question").map(fieldset => {
    const question = {
      fieldset,
      id: fieldset.dataset.rrQ,
      type: fieldset.dataset.rrType,
      kind: kinds.get(fieldset.dataset.rrType),
      hash: fieldset.dataset.rrHash,
      competencies: (fieldset.dataset.rrCompetencies || "").split(" ").filter(Boolean),
      scenario: fieldset.dataset.rrScenario,
      box: fieldset.querySelector(".rr-options"),
      feedback: fieldset.querySelector(".rr-feedback"),
      number: fieldset.querySelector(".rr-number"),
      options: elements(fieldset, "[data-rr-option]"),
    };
    const entry = hasKey(key, question.id) ? key[question.id] : null;
    question.key = isObject(entry) && isString(entry.pattern) ? entry : null;
    question.label = question.number && question.number.textContent;
    return question;
  });
  quiz.submit = form.querySelector("button[type=submit]");
  quiz.retry = form.querySelector("[data-rr-action=retry]");
  return quiz;
}

// The item types this form uses, by the names its questions carry.
export const typeNames = form => [...new Set(elements(form, "fieldset.rr-question").map(f => f.dataset.rrType))];
