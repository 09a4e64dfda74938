// True or false: two radio buttons whose values are the xAPI responses "true" and "false".
import { oneRightChoice } from "./choice.js";

export default oneRightChoice({ interaction: "true-false", hasOptionTexts: false });
