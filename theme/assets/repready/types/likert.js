/* A rating on the module's scale: never right or wrong, summarised per scale after submitting
   (widget/scales.js), and never drawn at random. */
import { allOrNothing, elements } from "../widget/util.js";
import { checkedAnswer, restoreChecked } from "./choice.js";

export default {
  interaction: "likert",
  scored: false,
  shuffles: false,
  answer: question => checkedAnswer(question, false),
  restore: restoreChecked,
  grade: (key, response) => allOrNothing(response === key.pattern),
  describe(question, definition, component) {
    definition.scale = elements(question.fieldset, "input").map(input => component(input.value, input.labels[0]));
  },
  mark() {},
};
