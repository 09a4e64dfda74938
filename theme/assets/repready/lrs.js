/* RepReady LRS sender: every submitted attempt goes to the Learning Record Store.

   Loaded before quiz.js, only on sites built with an LRS (plugin option `lrs`, or
   `repready build-pages --lrs-endpoint`). A static page cannot keep a secret, so the
   credential never comes from the site: the rep's personal start link carries it
   (#repready?name=..&id=..&endpoint=..&auth=.., written by `repready links`). This script
   reads endpoint and auth from that fragment before the widget removes it, keeps them per
   rep id in localStorage, and takes them out of the address bar at once.

   On the widget's `repready:attempt` event the attempt's statements are queued in
   localStorage and POSTed. A queued attempt waits while the LRS cannot be reached and goes
   out later: retried with backoff, on the next page load and on `online`. It is never sent
   twice by this page, and the statements' deterministic ids make a repeat from another tab
   harmless (204). A 409 (the LRS holds other content under the same id) is shown, never
   hidden. The rep sees the state in each quiz's live region: sent, waiting (n), or failed
   with the reason. Export results does not depend on any of this. */
(() => {
  const LOADED = Symbol.for("repready.lrs");
  if (window[LOADED]) return;
  window[LOADED] = true;

  const PREFIX = "repready:v1:lrs:";
  const LINK = "#repready?";
  const FIRST_RETRY_MS = 5000;
  const LAST_RETRY_MS = 5 * 60 * 1000;
  const SENT_KEPT = 500;
  const memory = {};

  // localStorage may throw (disabled, quota) or hold anything: fall back to this page's memory.
  function load(key, fallback) {
    if (key in memory) return memory[key];
    try {
      const text = localStorage.getItem(PREFIX + key);
      return text == null ? fallback : JSON.parse(text);
    } catch {
      return fallback;
    }
  }
  function keep(key, value) {
    memory[key] = value;
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch {
      /* memory only: the queue still drains while this page is open */
    }
  }
  const isObject = x => x !== null && typeof x === "object" && !Array.isArray(x);
  const repKey = id => String(id || "").trim().toLowerCase();

  // The statements resource of an LRS address (its xAPI base or the resource itself).
  function statementsUrl(endpoint) {
    try {
      const url = new URL(endpoint, location.href);
      if (!/^https?:$/.test(url.protocol) || url.username || url.password) return null;
      url.search = "";
      url.hash = "";
      if (!/\/statements$/.test(url.pathname)) url.pathname = url.pathname.replace(/\/*$/, "/statements");
      return url.href;
    } catch {
      return null;
    }
  }

  const siteEndpoint = () => {
    const form = document.querySelector("form.rr-quiz[data-rr-lrs]");
    return form ? form.dataset.rrLrs : "";
  };

  function credentials() {
    const found = load("credentials", {});
    return isObject(found) ? found : {};
  }

  // The personal start link: keep endpoint and auth for this rep, and take them out of the
  // address bar (history, bookmarks, screenshots) at once; the widget reads name and id after.
  function readLink() {
    if (!location.hash.startsWith(LINK)) return;
    const params = new URLSearchParams(location.hash.slice(LINK.length));
    const id = repKey(params.get("id")), auth = (params.get("auth") || "").trim();
    const endpoint = statementsUrl(params.get("endpoint") || siteEndpoint());
    if (params.has("auth") || params.has("endpoint")) {
      params.delete("auth");
      params.delete("endpoint");
      history.replaceState(history.state, "", location.pathname + location.search + LINK + params.toString());
    }
    if (!id || !auth || !endpoint) return;
    const all = credentials();
    const known = all[id];
    all[id] = { endpoint, auth };
    keep("credentials", all);
    // A new credential for this rep: attempts that failed on the old one may go now.
    if (!known || known.auth !== auth || known.endpoint !== endpoint) {
      for (const entry of queue()) if (entry.rep === id && entry.retryable) entry.failed = "";
      saveQueue();
    }
  }

  // The rep's own credential; for a manager review, which the manager submits, the manager's.
  function credentialFor(entry) {
    const all = credentials();
    if (all[entry.rep]) return all[entry.rep];
    const context = isObject(entry.statements[0].context) ? entry.statements[0].context : {};
    const account = isObject(context.instructor) && isObject(context.instructor.account) ? context.instructor.account : {};
    return all[repKey(account.name)] || null;
  }

  let entries = null;
  function queue() {
    if (!entries) {
      const stored = load("queue", []);
      entries = (Array.isArray(stored) ? stored : []).filter(
        e => isObject(e) && typeof e.key === "string" && typeof e.rep === "string" && Array.isArray(e.statements));
    }
    return entries;
  }
  const saveQueue = () => keep("queue", queue());
  const sentKeys = () => {
    const sent = load("sent", []);
    return Array.isArray(sent) ? sent : [];
  };
  function markSent(entry) {
    keep("sent", [...sentKeys().filter(k => k !== entry.key), entry.key].slice(-SENT_KEPT));
    const modules = load("sent-modules", {});
    keep("sent-modules", { ...(isObject(modules) ? modules : {}), [entry.module]: entry.key });
  }

  // Why the queue waits: what the last try ran into, or why no try could be made.
  let waitReason = "";
  const NO_LINK = "this browser has no sending link for you yet: open the personal start link "
    + "your manager sent you, and your results go out by themselves";

  function onAttempt(event) {
    const detail = event.detail;
    if (!isObject(detail) || !isObject(detail.rep) || !Array.isArray(detail.statements)) return;
    const statements = detail.statements.filter(isObject);
    if (!statements.length) return;
    const rep = repKey(detail.rep.id);
    const first = statements[0], context = isObject(first.context) ? first.context : {};
    const key = rep + "|" + String(context.registration || first.id);
    if (sentKeys().includes(key) || queue().some(e => e.key === key)) return; // never twice
    queue().push({ key, rep, module: String(detail.module || ""), statements, failed: "", retryable: false });
    saveQueue();
    backoff = FIRST_RETRY_MS;
    render();
    drain();
  }

  let sending = false, timer = null, backoff = FIRST_RETRY_MS;

  async function drain() {
    if (sending) return;
    sending = true;
    clearTimeout(timer);
    timer = null;
    waitReason = ""; // this round finds out anew why anything still waits
    let retry = false;
    try {
      for (const entry of [...queue()]) {
        if (entry.failed) continue;
        const own = credentialFor(entry);
        if (!own || !statementsUrl(own.endpoint)) {
          waitReason = NO_LINK;
          continue;
        }
        if (!navigator.onLine) {
          waitReason = "you are offline; they go out when you are back online";
          retry = true;
          break;
        }
        const outcome = await send(entry, own);
        if (outcome === "sent") {
          entries = queue().filter(e => e !== entry);
          markSent(entry);
          backoff = FIRST_RETRY_MS;
        } else if (outcome === "wait") {
          retry = true;
          break; // the LRS is unreachable or busy: the rest would fare no better now
        }
        saveQueue();
        render();
      }
    } finally {
      sending = false;
      saveQueue();
      render();
    }
    if (retry) {
      timer = setTimeout(drain, backoff);
      backoff = Math.min(backoff * 2, LAST_RETRY_MS);
    }
  }

  async function send(entry, own) {
    let response;
    try {
      response = await fetch(statementsUrl(own.endpoint), {
        method: "POST",
        headers: {
          Authorization: own.auth,
          "Content-Type": "application/json",
          "X-Experience-API-Version": "1.0.3",
        },
        body: JSON.stringify(entry.statements),
        credentials: "omit",
        cache: "no-store",
      });
    } catch {
      // A refused origin (CORS), a server that is down and a lost network look alike to a page.
      waitReason = navigator.onLine
        ? "the LRS cannot be reached (it may be down, or it does not accept this site); retrying"
        : "you are offline; they go out when you are back online";
      return "wait";
    }
    if (response.ok) return "sent"; // 200 stored, 204 already there with the same content
    const detail = await lrsDetail(response);
    if (response.status === 409) {
      entry.failed = "the LRS already holds different results under the same id (HTTP 409" + detail + ")";
    } else if (response.status === 401 || response.status === 403) {
      entry.failed = `the LRS refused your credential (HTTP ${response.status}${detail}); `
        + "ask your manager for a new personal start link";
      entry.retryable = true;
    } else if (response.status >= 500 || response.status === 429 || response.status === 408) {
      waitReason = `the LRS answered HTTP ${response.status}${detail}; retrying`;
      return "wait";
    } else {
      entry.failed = `the LRS refused the results (HTTP ${response.status}${detail})`;
    }
    return "failed";
  }

  async function lrsDetail(response) {
    try {
      const body = await response.json();
      const text = isObject(body) && typeof body.detail === "string" ? body.detail : "";
      return text ? ": " + text.slice(0, 160) : "";
    } catch {
      return "";
    }
  }

  function stateText(form) {
    const all = queue(), waiting = all.filter(e => !e.failed), failed = all.filter(e => e.failed);
    const parts = [];
    if (failed.length) {
      parts.push(`Failed to send (${failed.length}): ${failed[failed.length - 1].failed}. `
        + "Your answers are kept in this browser: use Export results and send the file to your manager.");
    }
    if (waiting.length) {
      const reason = sending && !waitReason ? "sending now" : waitReason || "sending now";
      parts.push(`Waiting to send (${waiting.length}): ${reason}. `
        + "Your answers are kept in this browser; Export results works meanwhile.");
    }
    const modules = load("sent-modules", {});
    const module = form.dataset.rrModule;
    if (!parts.length && isObject(modules) && modules[module] && sentKeys().includes(modules[module])) {
      parts.push("Sent: your results are stored in your manager's learning record store.");
    }
    return parts.join(" ");
  }

  function render() {
    for (const form of document.querySelectorAll("form.rr-quiz")) {
      const region = form.querySelector(".rr-lrs");
      if (!region) continue;
      const text = stateText(form);
      if (region.textContent !== text) region.textContent = text; // unchanged text is not re-announced
    }
  }

  function onPage() {
    readLink();
    render();
    drain();
  }

  readLink(); // now, before quiz.js (a module, run later) removes the fragment
  document.addEventListener("repready:attempt", onAttempt);
  // A start link opened in a tab already on this page changes only the fragment: no page load.
  window.addEventListener("hashchange", () => {
    if (!location.hash.startsWith(LINK)) return;
    readLink();
    render();
    drain();
  });
  window.addEventListener("online", () => {
    backoff = FIRST_RETRY_MS;
    drain();
  });
  window.addEventListener("offline", () => {
    waitReason = "you are offline; they go out when you are back online";
    render();
  });
  // Another tab sent or queued something: show it here too.
  window.addEventListener("storage", event => {
    if (event.key && event.key.startsWith(PREFIX)) {
      delete memory[event.key.slice(PREFIX.length)];
      if (event.key === PREFIX + "queue" && !sending) entries = null;
      render();
    }
  });
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
