// Single choice: one radio button per option, one of them right.
import { oneRightChoice } from "./choice.js";

export default oneRightChoice({ interaction: "choice", hasOptionTexts: true });
