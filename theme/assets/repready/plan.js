/* RepReady "My plan": show the modules named in this page's #plan=<base64url JSON> fragment.
   No server, no storage: the plan lives in the link. Everything from the link is untrusted:
   every field is validated, text goes in with textContent only, and links come from this
   page's own catalogue, so unknown module ids are skipped. */
(function () {
  "use strict";
  var ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
  var DAY = /^\d{4}-\d{2}-\d{2}$/;
  // Control characters are exactly what this removes (generator/score/text.py does the same).
  // eslint-disable-next-line no-control-regex
  var UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
  var MAX_MODULES = 60;

  function clean(value, max) {
    if (typeof value !== "string") return "";
    var text = value.replace(UNSAFE, "\ufffd").replace(/\s+/g, " ").trim();
    return text.length > max ? text.slice(0, max - 1) + "\u2026" : text;
  }

  function decode(hash) {
    var match = /^#plan=([A-Za-z0-9_-]{1,12000})$/.exec(hash || "");
    if (!match) return null;
    try {
      var b64 = match[1].replace(/-/g, "+").replace(/_/g, "/");
      while (b64.length % 4) b64 += "=";
      var binary = atob(b64);
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      var data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
      if (!data || typeof data !== "object" || data.v !== 1 || !Array.isArray(data.modules)) return null;
      var modules = [];
      data.modules.slice(0, MAX_MODULES).forEach(function (entry) {
        if (Array.isArray(entry) && typeof entry[0] === "string" && ID.test(entry[0])) {
          modules.push({ id: entry[0], reason: clean(entry[1], 300) });
        }
      });
      return {
        rep: typeof data.rep === "string" && ID.test(data.rep.trim()) ? data.rep.trim().toLowerCase() : "",
        name: clean(data.name, 120),
        issued: typeof data.issued === "string" && DAY.test(data.issued) ? data.issued : "",
        modules: modules
      };
    } catch {
      return null;
    }
  }

  function catalogue(root) {
    var links = {};
    var scope = root.ownerDocument.querySelector(".rr-plan-catalog");
    if (!scope) return links;
    Array.prototype.forEach.call(scope.querySelectorAll("a[data-rr-plan-module]"), function (a) {
      var id = a.getAttribute("data-rr-plan-module");
      var role = a.getAttribute("data-rr-plan-role");
      if (!ID.test(id) || (role !== "quiz" && role !== "training")) return;
      links[id] = links[id] || {};
      links[id][role] = a;
    });
    return links;
  }

  function linkLike(source, label) {
    var a = document.createElement("a");
    a.setAttribute("href", source.getAttribute("href"));
    a.textContent = label || source.textContent;
    return a;
  }

  function show(element, text) {
    if (text !== undefined) element.textContent = text;
    element.hidden = false;
  }

  /* This browser's own record (kept by the quiz widget, widget/rep.js and widget/people.js):
     whether the current rep has mastered a practice module or submitted any other. */
  var STORE = "repready:v1:";

  function stored(key) {
    try {
      return JSON.parse(localStorage.getItem(STORE + key));
    } catch {
      return null;
    }
  }

  function currentRepId() {
    var rep = stored("rep") || stored("learner");
    return rep && typeof rep.id === "string" && ID.test(rep.id.trim()) ? rep.id.trim().toLowerCase() : "";
  }

  // null when not done; otherwise what to add to "Done" (the best score of a mastered practice module).
  function completed(moduleId, plan) {
    var rep = plan.rep || currentRepId();
    var list = rep ? stored("attempts:" + moduleId) : null;
    if (!Array.isArray(list)) return null;
    var mine = list.filter(function (a) {
      return a && a.learner && typeof a.learner.id === "string" && a.learner.id.trim().toLowerCase() === rep && !a.instructor;
    });
    var mastered = mine.filter(function (a) { return a.mastered === true && typeof a.pct === "number"; });
    if (mastered.length) return " (" + Math.max.apply(null, mastered.map(function (a) { return a.pct; })) + "%)";
    // Graded modules have no score in the browser: submitting them completes them.
    return mine.some(function (a) { return a.mode === "graded"; }) ? "" : null;
  }

  // Competency ids in a reason ("Closes VALUE.FAB at 17%") become their names.
  function named(text, root) {
    var names = {};
    try {
      names = JSON.parse(root.getAttribute("data-rr-competencies") || "{}") || {};
    } catch {
      names = {};
    }
    return text.replace(/[A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+/g, function (id) {
      return typeof names[id] === "string" ? names[id] : id;
    });
  }

  function remember(plan) {
    var rep = plan.rep || currentRepId();
    if (!rep) return;
    try {
      localStorage.setItem(STORE + "plan:" + rep, JSON.stringify(plan.modules.map(function (m) { return m.id; })));
    } catch {
      /* storage unavailable: the plan still shows */
    }
  }

  function render(root) {
    var status = root.querySelector(".rr-plan-status");
    var title = root.querySelector(".rr-plan-title");
    var issued = root.querySelector(".rr-plan-issued");
    var list = root.querySelector(".rr-plan-list");
    var skipped = root.querySelector(".rr-plan-skipped");
    if (!status || !title || !issued || !list || !skipped) return;
    list.textContent = "";
    [title, issued, list, skipped].forEach(function (el) { el.hidden = true; });
    var plan = decode(window.location.hash);
    if (!plan) {
      status.textContent = window.location.hash
        ? "This plan link is damaged or incomplete. Ask your manager to send it again."
        : "Open this page from the plan link your manager sent you. The plan travels inside the link itself: nothing is stored or sent anywhere.";
      return;
    }
    var links = catalogue(root);
    remember(plan);
    var unknown = 0;
    plan.modules.forEach(function (module) {
      var known = links[module.id];
      if (!known || !known.quiz) { unknown += 1; return; }
      var item = document.createElement("li");
      var heading = document.createElement("strong");
      heading.appendChild(linkLike(known.quiz));
      item.appendChild(heading);
      if (module.reason) {
        var reason = document.createElement("span");
        reason.className = "rr-plan-reason";
        reason.textContent = " \u2014 " + named(module.reason, root) + ".";
        item.appendChild(reason);
      }
      var steps = document.createElement("span");
      steps.className = "rr-plan-steps";
      if (known.training) {
        steps.appendChild(document.createTextNode("Study "));
        steps.appendChild(linkLike(known.training));
        steps.appendChild(document.createTextNode(", then take "));
      } else steps.appendChild(document.createTextNode("Take "));
      steps.appendChild(linkLike(known.quiz));
      steps.appendChild(document.createTextNode("."));
      var done = completed(module.id, plan);
      if (done !== null) {
        var tick = document.createElement("span");
        tick.className = "rr-plan-done";
        tick.textContent = "\u2713 Done in this browser" + done + ". ";
        item.insertBefore(tick, item.firstChild);
        item.classList.add("rr-plan-completed");
      }
      item.appendChild(document.createElement("br"));
      item.appendChild(steps);
      list.appendChild(item);
    });
    show(title, plan.name ? "Plan for " + plan.name : "Your plan");
    if (plan.issued) show(issued, "Issued " + plan.issued + ".");
    if (list.childElementCount) {
      show(list);
      status.textContent = list.childElementCount + (list.childElementCount === 1 ? " module" : " modules") +
        ", most important first. Nothing from this link is stored or sent anywhere.";
    } else {
      status.textContent = "This plan names no module of this portal.";
    }
    if (unknown) show(skipped, unknown + (unknown === 1 ? " module in the link is" : " modules in the link are") +
      " not on this portal and " + (unknown === 1 ? "was" : "were") + " skipped.");
  }

  function init() {
    var root = document.querySelector("[data-rr-plan]");
    if (root) render(root);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  window.addEventListener("hashchange", init);
})();
