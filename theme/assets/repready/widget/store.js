/* Storage: localStorage may throw (disabled, quota) or hold anything; this page's writes are
   also kept in memory so a session works without it. */
import { parseJson } from "./util.js";

const PREFIX = "repready:v1:";
const memory = {};
// Removed keys stay removed for this page even where localStorage refused the removal.
const removed = new Set();

/* Writes that can wait: kept in memory at once (every read sees them), written to localStorage
   together a moment later, so a burst of answers costs one serialisation, not one per change. */
const WRITE_DELAY_MS = 300;
const deferred = new Map();
let timer = 0;

function write(key, value) {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export const store = {
  get(key) {
    if (key in memory) return memory[key];
    if (removed.has(key)) return null;
    try {
      const text = localStorage.getItem(PREFIX + key);
      return text == null ? null : parseJson(text);
    } catch {
      return null;
    }
  },
  set(key, value) {
    memory[key] = value;
    removed.delete(key);
    deferred.delete(key);
    return write(key, value);
  },
  setLater(key, value) {
    memory[key] = value;
    removed.delete(key);
    deferred.set(key, value);
    if (!timer) timer = setTimeout(store.flush, WRITE_DELAY_MS);
  },
  flush() {
    clearTimeout(timer);
    timer = 0;
    for (const [key, value] of deferred) write(key, value);
    deferred.clear();
  },
  remove(key) {
    delete memory[key];
    deferred.delete(key);
    removed.add(key);
    try {
      localStorage.removeItem(PREFIX + key);
    } catch {
      /* storage unavailable: memory only */
    }
  },
  keys(prefix) {
    const keys = new Set(Object.keys(memory).filter(k => k.startsWith(prefix)));
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        const name = key && key.startsWith(PREFIX + prefix) ? key.slice(PREFIX.length) : null;
        if (name && !removed.has(name)) keys.add(name);
      }
    } catch {
      /* storage unavailable: memory only */
    }
    return [...keys].sort();
  },
};

// A tab closed or reloaded within the delay still keeps its last answer.
addEventListener("pagehide", store.flush);
