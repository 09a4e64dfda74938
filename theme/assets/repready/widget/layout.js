/* Layout of one attempt: the drawn questions and the shuffled options, seeded by its registration. */
import { seededRandom, shuffle } from "./ids.js";
import { elements, optionId } from "./util.js";

function draw(quiz, random) {
  const pool = quiz.questions.filter(q => q.kind.scored), rule = quiz.draw;
  if (rule && rule.count > 0) return shuffle(pool, random).slice(0, rule.count);
  if (!(rule && rule.per_competency > 0)) return quiz.questions;
  const picked = [];
  for (const competency of [...new Set(pool.flatMap(q => q.competencies))].sort()) {
    const have = picked.filter(q => q.competencies.includes(competency)).length;
    const candidates = pool.filter(q => q.competencies.includes(competency) && !picked.includes(q));
    picked.push(...shuffle(candidates, random).slice(0, Math.max(0, rule.per_competency - have)));
  }
  return picked;
}

export function layOut(state) {
  const { quiz } = state, random = seededRandom(state.draft.reg);
  const picked = draw(quiz, random);
  state.shown = quiz.questions.filter(q => picked.includes(q));
  state.options = {};
  let number = 0;
  for (const question of quiz.questions) {
    const shown = state.shown.includes(question);
    question.fieldset.hidden = !shown;
    if (question.number) {
      question.number.textContent = shown && quiz.draw ? `Question ${++number} of ${state.shown.length}` : question.label;
    }
    if (quiz.shuffle && question.kind.shuffles) {
      const order = shown ? shuffle(question.options, random) : question.options;
      order.forEach(o => question.box.append(o));
      if (shown) state.options[question.id] = order.map(optionId);
    }
  }
  for (const section of elements(quiz.form, "section.rr-scenario")) {
    section.hidden = !state.shown.some(q => "rr-scenario-" + q.scenario === section.id);
  }
}
