/* Small helpers shared by the widget's modules. Nothing here touches the page on import, so the
   graders that use it also run under node's test runner. */

export const SEP = "[,]";
export const PAIR = "[.]";

export const elements = (root, selector) => [...root.querySelectorAll(selector)];
export const isObject = value => value !== null && typeof value === "object" && !Array.isArray(value);
export const isString = value => typeof value === "string";
export const hasKey = (object, key) => isObject(object) && Object.prototype.hasOwnProperty.call(object, key);
export const parseJson = text => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};
export const splitList = text => (text ? text.split(SEP) : []);
export const now = () => new Date().toISOString();
export const optionId = option => option.dataset.rrOption;
export const allOrNothing = right => ({ score: right ? 1 : 0, success: right });

// Python's round(x, 4): to nearest, ties to even.
export const round4 = x => {
  const scaled = x * 1e4, floor = Math.floor(scaled), rest = scaled - floor;
  return (rest > 0.5 || (rest === 0.5 && floor % 2) ? floor + 1 : floor) / 1e4;
};
// Points as people write them: at most two decimals, no trailing zeros.
export const points = x => String(+x.toFixed(2));
