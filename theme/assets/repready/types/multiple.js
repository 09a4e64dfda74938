// Multiple select: a checkbox per option; partial scoring subtracts wrong picks from right ones.
import { allOrNothing, splitList } from "../widget/util.js";
import { checkedAnswer, listChoices, markChoices, restoreChecked } from "./choice.js";

export function grade(key, response) {
  const correct = splitList(key.pattern), given = splitList(response);
  const right = given.filter(x => correct.includes(x)).length;
  const exact = right === correct.length && given.length === correct.length;
  if (key.scoring !== "partial") return allOrNothing(exact);
  return { score: Math.max(0, (right - (given.length - right)) / correct.length), success: exact };
}

export default {
  interaction: "choice",
  scored: true,
  shuffles: true,
  answer: question => checkedAnswer(question, true),
  restore: restoreChecked,
  grade,
  describe: listChoices,
  mark: (question, answer, key, mark) => markChoices(question, answer, key, mark, true),
};
