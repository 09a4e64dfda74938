/* Storage: localStorage may throw (disabled, quota) or hold anything; this page's writes are
   also kept in memory so a session works without it. */
import { parseJson } from "./util.js";

const PREFIX = "repready:v1:";
const memory = {};

export const store = {
  get(key) {
    if (key in memory) return memory[key];
    try {
      const text = localStorage.getItem(PREFIX + key);
      return text == null ? null : parseJson(text);
    } catch {
      return null;
    }
  },
  set(key, value) {
    memory[key] = value;
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  },
  keys(prefix) {
    const keys = new Set(Object.keys(memory).filter(k => k.startsWith(prefix)));
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key && key.startsWith(PREFIX + prefix)) keys.add(key.slice(PREFIX.length));
      }
    } catch {
      /* storage unavailable: memory only */
    }
    return [...keys].sort();
  },
};
