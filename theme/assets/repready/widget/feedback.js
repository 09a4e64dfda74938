/* Practice feedback from the answers on the page and the key, and the per-scale summary of
   surveys and reviews. */
import { isObject, isString, optionId, points, round4 } from "./util.js";

function mark(option, right, text) {
  option.classList.add(right ? "rr-right" : "rr-wrong");
  const note = option.appendChild(document.createElement("span"));
  note.className = "rr-mark";
  note.innerHTML = `<span aria-hidden="true">${right ? "✓" : "✗"} </span>`;
  note.append(text);
}

function verdict(answer, grade) {
  if (!answer) return ["rr-missing", "!", "Not answered: counts as wrong."];
  if (grade.success) return ["rr-right", "✓", "Correct."];
  if (grade.score > 0) return ["rr-partial", "◐", `Partly right: ${points(grade.score)} of 1 point.`];
  return ["rr-wrong", "✗", "Not quite."];
}

// Marks every shown question with a key; returns the score.
export function showFeedback(state) {
  let earned = 0, count = 0;
  const missing = [];
  for (const question of state.shown) {
    const { key, kind } = question;
    if (!key) continue;
    count++;
    const answer = kind.answer(question);
    const grade = answer ? kind.grade(key, answer.response) : { score: 0, success: false };
    earned += grade.score;
    if (!answer) missing.push(question);
    kind.mark(question, answer, key, mark);
    const [className, icon, text] = verdict(answer, grade);
    // The explanation comes sanitised from the build (generator/render/sanitize.py).
    question.feedback.innerHTML = `<p class="rr-verdict ${className}"><span aria-hidden="true">${icon} </span></p>`
      + (isString(key.explanation) ? `<div class="rr-explanation">${key.explanation}</div>` : "");
    question.feedback.firstChild.append(text);
  }
  return { raw: round4(earned), max: count, scaled: count ? round4(earned / count) : 0, missing };
}

export function scaleSummary(state) {
  const { quiz } = state, box = document.createElement("div");
  for (const scale of quiz.scales) {
    const items = state.shown.filter(q => q.fieldset.dataset.rrScale === scale.id);
    // "Not observed" (a review's extra answer) is no point of the scale: it counts as missing.
    const ratingPoints = q => q.options.filter(o => /^\d+$/.test(optionId(o))).length;
    const values = items.map(q => {
      const answer = q.kind.answer(q), scalePoints = ratingPoints(q);
      return answer && ("rrReverse" in q.fieldset.dataset ? scalePoints + 1 - +answer.response : +answer.response);
    }).filter(v => v);
    const line = box.appendChild(document.createElement("p")), title = line.appendChild(document.createElement("strong"));
    title.textContent = `${isString(scale.title) ? scale.title : scale.id}: `;
    if (!values.length) {
      line.append("not rated.");
      continue;
    }
    const mean = values.reduce((x, y) => x + y) / values.length;
    const band = scale.bands.find(x => isObject(x) && mean >= x.min && mean <= x.max);
    line.append(`average ${mean.toFixed(1)} of ${ratingPoints(items[0])}` + (band && isString(band.label) ? ` — ${band.label}.` : "."));
    if (band && isString(band.text)) {
      // Band texts come sanitised from the build.
      box.appendChild(Object.assign(document.createElement("div"), { className: "rr-band", innerHTML: band.text }));
    }
  }
  return box;
}
