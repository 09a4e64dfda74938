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

/* Python's round(x, 4), which rounds the double's exact value: toFixed does too, but breaks
   exact ties upwards where Python picks the even neighbour. A double is exactly halfway between
   two 4-decimal numbers only when 32 x is an odd integer. */
export const round4 = x => {
  const tie = Number.isInteger(x * 32) && Math.abs(x * 32) % 2 === 1;
  if (!tie) return Number(x.toFixed(4));
  const floor = Math.floor(x * 1e4);
  return (floor % 2 ? floor + 1 : floor) / 1e4;
};
// Points as people write them: at most two decimals, no trailing zeros.
export const points = x => String(+x.toFixed(2));
