/* RepReady quiz widget: grades practice quizzes, keeps answers in this browser and exports
   xAPI 1.0.3 statements built exactly like generator/xapi/statements.py build().
   Loaded once; set up per page (Material's document$ re-emits after instant navigation). */
(() => {
  "use strict";
  // Never detect ourselves through a global name: element ids shadow window properties
  // (<h1 id="repready"> makes window.repready an element). A registered symbol cannot be shadowed.
  const LOADED = Symbol.for("repready.quiz");
  if (window[LOADED]) return;
  window[LOADED] = true;
  const P = "repready:v1:", LANG = "en-US", ADL = "http://adlnet.gov/expapi/", EXT = "https://w3id.org/repready/xapi/";
  // uuid.uuid5(uuid.NAMESPACE_URL, "https://w3id.org/repready/xapi/"): generator/xapi/vocabulary.py NAMESPACE
  const NS = "9289d17c4e015ea684c67992da1c6a56";
  const SITE = ((document.currentScript || {}).src || "").replace(/assets\/repready\/quiz\.js([?#].*)?$/, "");
  const TYPES = { single: "choice", multiple: "choice", "true-false": "true-false", matching: "matching", ordering: "sequencing", likert: "likert" };
  const SEP = "[,]", PAIR = "[.]";
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const $$ = (el, sel) => [...el.querySelectorAll(sel)];
  const isObj = v => v !== null && typeof v === "object" && !Array.isArray(v);
  const isStr = v => typeof v === "string";
  const has = (o, k) => isObj(o) && Object.prototype.hasOwnProperty.call(o, k);
  const json = s => { try { return JSON.parse(s); } catch (e) { return null; } };
  const lang = t => ({ [LANG]: t });
  const split = s => (s ? s.split(SEP) : []);
  const now = () => new Date().toISOString();
  const num = x => String(+x.toFixed(2));
  const optId = o => o.dataset.rrOption;

  /* Storage: localStorage may throw (disabled, quota) or hold anything; this page's writes are
     also kept in memory so a session works without it. */
  const mem = {};
  const store = {
    get(k) {
      if (k in mem) return mem[k];
      try { const s = localStorage.getItem(P + k); return s == null ? null : json(s); } catch (e) { return null; }
    },
    set(k, v) {
      mem[k] = v;
      try { localStorage.setItem(P + k, JSON.stringify(v)); return true; } catch (e) { return false; }
    },
    keys(pre) {
      const ks = new Set(Object.keys(mem).filter(k => k.startsWith(pre)));
      try {
        for (let i = 0; i < localStorage.length; i++) {
          const k = localStorage.key(i);
          if (k && k.startsWith(P + pre)) ks.add(k.slice(P.length));
        }
      } catch (e) { /* storage unavailable: memory only */ }
      return [...ks].sort();
    },
  };

  /* SHA-1 and UUIDs: crypto.subtle is missing on plain-http hosts other than localhost. */
  const rol = (x, n) => x << n | x >>> 32 - n;
  function sha1(bytes) {
    const n = bytes.length, w = new Int32Array((n + 8 >> 6) + 1 << 4), v = new Int32Array(80);
    let h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
    bytes.forEach((b, i) => { w[i >> 2] |= b << 24 - 8 * (i & 3); });
    w[n >> 2] |= 0x80 << 24 - 8 * (n & 3);
    w[w.length - 1] = n * 8;
    for (let i = 0; i < w.length; i += 16) {
      let [a, b, c, d, e] = h;
      for (let t = 0; t < 80; t++) {
        v[t] = t < 16 ? w[i + t] : rol(v[t - 3] ^ v[t - 8] ^ v[t - 14] ^ v[t - 16], 1);
        const s = t / 20 | 0, f = s === 0 ? b & c | ~b & d : s === 2 ? b & c | b & d | c & d : b ^ c ^ d;
        const x = rol(a, 5) + f + e + [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6][s] + v[t] | 0;
        e = d; d = c; c = rol(b, 30); b = a; a = x;
      }
      h = [h[0] + a | 0, h[1] + b | 0, h[2] + c | 0, h[3] + d | 0, h[4] + e | 0];
    }
    return h.flatMap(x => [x >>> 24, x >>> 16 & 255, x >>> 8 & 255, x & 255]);
  }
  const utf8 = s => [...new TextEncoder().encode(s)];
  const hex = bs => bs.map(b => (b | 256).toString(16).slice(1)).join("");
  const uuid = (b, version) => { b[6] = b[6] & 15 | version << 4; b[8] = b[8] & 63 | 128; return hex(b.slice(0, 16)).replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-"); };
  const uuid5 = name => uuid(sha1(NS.match(/../g).map(x => parseInt(x, 16)).concat(utf8(name))), 5);
  const uuid4 = () => uuid([...crypto.getRandomValues(new Uint8Array(16))], 4);

  // A seeded generator (mulberry32) so an attempt's draw and shuffle survive reloads.
  function rng(seed) {
    let s = sha1(utf8(seed)).slice(0, 4).reduce((a, b) => a * 256 + b, 0) | 0;
    return () => {
      s = s + 0x6d2b79f5 | 0;
      let t = Math.imul(s ^ s >>> 15, 1 | s);
      t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    };
  }
  const shuffle = (list, r) => {
    const a = list.slice();
    for (let i = a.length - 1; i > 0; i--) { const j = r() * (i + 1) | 0; [a[i], a[j]] = [a[j], a[i]]; }
    return a;
  };
  // Python's round(x, 4): to nearest, ties to even.
  const round4 = x => { const y = x * 1e4, f = Math.floor(y), d = y - f; return (d > 0.5 || (d === 0.5 && f % 2) ? f + 1 : f) / 1e4; };

  // generator.render.markdown.to_plain: text, a space before p/li/br/tr/td/th, whitespace folded.
  function plain(el) {
    let s = "";
    const walk = node => {
      for (const c of node.childNodes) {
        if (c.nodeType === 3) s += c.data;
        else if (c.nodeType === 1) { if (/^(P|LI|BR|TR|TD|TH)$/.test(c.tagName)) s += " "; walk(c); }
      }
    };
    if (el) walk(el);
    return s.trim().split(/\s+/).join(" ");
  }

  /* The page: everything comes from the markup's data-rr-* attributes. */
  function model(form) {
    const d = form.dataset, key = json(d.rrKey), draw = json(d.rrDraw), scales = json(d.rrScales);
    const m = {
      form, id: d.rrModule, mode: d.rrMode, title: d.rrTitle, summary: d.rrSummary, hash: d.rrHash,
      mastery: +d.rrMastery || 0, home: d.rrHome || SITE, shuffle: "rrShuffle" in d,
      draw: isObj(draw) ? draw : null,
      scales: Array.isArray(scales) ? scales.filter(s => isObj(s) && isStr(s.id) && Array.isArray(s.bands)) : [],
      part: cls => form.querySelector("." + cls) || form.appendChild(Object.assign(document.createElement("div"), { className: cls })),
    };
    m.qs = $$(form, "fieldset.rr-question").map(fs => {
      const q = {
        fs, id: fs.dataset.rrQ, type: fs.dataset.rrType, hash: fs.dataset.rrHash,
        comps: (fs.dataset.rrCompetencies || "").split(" ").filter(Boolean), scenario: fs.dataset.rrScenario,
        box: fs.querySelector(".rr-options"), fb: fs.querySelector(".rr-feedback"), num: fs.querySelector(".rr-number"),
        opts: $$(fs, "[data-rr-option]"),
      };
      q.k = has(key, q.id) && isObj(key[q.id]) && isStr(key[q.id].pattern) ? key[q.id] : null;
      q.label = q.num && q.num.textContent;
      return q;
    });
    m.submit = form.querySelector("button[type=submit]");
    m.retry = form.querySelector("[data-rr-action=retry]");
    return m;
  }

  const self = m => (m.mode === "review" ? "instructor" : "learner");
  const inputs = (m, role) => $$(m.form, `fieldset[data-rr-role=${role}] input`);
  const person = (m, role) => { const [n, i] = inputs(m, role); return n && i ? { name: n.value.trim(), id: i.value.trim() } : null; };
  const okPerson = p => isObj(p) && isStr(p.name) && isStr(p.id);
  function attempts(id) {
    const a = store.get("attempts:" + id);
    return Array.isArray(a) ? a.filter(x => isObj(x) && isStr(x.reg) && okPerson(x.learner) && (x.instructor == null || okPerson(x.instructor)) && Array.isArray(x.statements) && x.statements.every(isObj)) : [];
  }
  const ownerOf = (m, a) => (m.mode === "review" ? (a.instructor || {}).id : a.learner.id);
  const mine = m => { const me = (person(m, self(m)) || {}).id; return attempts(m.id).filter(a => !me || ownerOf(m, a) === me); };

  function loadDraft(m) {
    const d = store.get("draft:" + m.id);
    if (!isObj(d) || !isStr(d.reg) || !UUID.test(d.reg) || !isStr(d.started) || isNaN(Date.parse(d.started))) return null;
    return { reg: d.reg, started: d.started, answers: isObj(d.answers) ? d.answers : {}, notes: isStr(d.notes) ? d.notes : "", rep: okPerson(d.rep) ? d.rep : null, done: d.done === true };
  }
  const newDraft = () => ({ reg: uuid4(), started: now(), answers: {}, notes: "", rep: null, done: false });

  /* Answers: {v: as kept in the draft, r: the xAPI response}, or null when unanswered. */
  function answer(q) {
    if (q.type === "matching") {
      const p = q.opts.map(o => [optId(o), o.querySelector("select").value]).filter(x => x[1]);
      return p.length ? { v: p, r: p.map(x => x.join(PAIR)).join(SEP) } : null;
    }
    if (q.type === "ordering") {
      const ids = $$(q.box, "[data-rr-option]").map(optId);
      return q.moved ? { v: ids, r: ids.join(SEP) } : null;
    }
    const on = q.opts.filter(o => { const i = o.querySelector("input"); return i && i.checked; }).map(optId);
    return on.length ? { v: q.type === "multiple" ? on : on[0], r: on.join(SEP) } : null;
  }
  const byId = (q, id) => q.opts.find(o => optId(o) === id);
  function restore(q, v) {
    if (q.type === "matching") {
      for (const p of Array.isArray(v) ? v : []) {
        const o = Array.isArray(p) && byId(q, p[0]), s = o && o.querySelector("select");
        if (s && isStr(p[1]) && p[1] && [...s.options].some(x => x.value === p[1])) s.value = p[1];
      }
    } else if (q.type === "ordering") {
      const ids = q.opts.map(optId);
      if (Array.isArray(v) && v.length === ids.length && ids.every(i => v.includes(i))) { v.forEach(id => q.box.append(byId(q, id))); q.moved = true; }
    } else {
      for (const id of [].concat(v)) { const o = isStr(id) && byId(q, id); if (o) o.querySelector("input").checked = true; }
    }
  }

  /* Grading, as generator/bank/grading.py. */
  function grade(q, r) {
    const c = split(q.k.pattern), g = split(r), partial = q.k.scoring === "partial";
    const all = ok => ({ score: ok ? 1 : 0, success: ok });
    if (q.type === "multiple") {
      const right = g.filter(x => c.includes(x)).length, ok = right === c.length && g.length === c.length;
      return partial ? { score: Math.max(0, (right - (g.length - right)) / c.length), success: ok } : all(ok);
    }
    if (q.type === "matching" || q.type === "ordering") {
      const given = new Map(g.map(p => p.split(PAIR)));
      const right = q.type === "matching" ? c.filter(p => { const [s, t] = p.split(PAIR); return given.get(s) === t; }).length
        : c.filter((x, i) => g[i] === x).length;
      const ok = right === c.length && (q.type === "matching" ? given.size : g.length) === c.length;
      return partial ? { score: right / c.length, success: ok } : all(ok);
    }
    return all(r === q.k.pattern);
  }

  /* Statements, as generator/xapi/statements.py build(). */
  function definition(q) {
    const comp = (id, el) => ({ id, description: lang(plain(el)) });
    const d = { type: ADL + "activities/cmi.interaction", name: lang(plain(q.fs.querySelector(".rr-prompt"))), interactionType: TYPES[q.type] };
    if (q.type === "single" || q.type === "multiple") d.choices = q.opts.map(o => comp(optId(o), o.querySelector("label")));
    else if (q.type === "matching") {
      const sel = [...q.opts[0].querySelector("select").options].filter(x => x.value);
      const ids = (q.box.dataset.rrTargets || "").split(" ").filter(t => sel.some(x => x.value === t));
      d.source = q.opts.map(o => comp(optId(o), o.querySelector("label")));
      d.target = (ids.length ? ids : sel.map(x => x.value)).map(t => comp(t, sel.find(x => x.value === t)));
    } else if (q.type === "ordering") {
      // The page's order in every mode: the bank's order is the answer.
      d.choices = q.opts.map(o => comp(optId(o), o.querySelector(".rr-step-text")));
    } else if (q.type === "likert") d.scale = $$(q.fs, "input").map(i => ({ id: i.value, description: lang(plain(i.labels[0])) }));
    if (q.k) d.correctResponsesPattern = [q.k.pattern];
    return d;
  }

  function build(m, a) {
    const iri = (kind, id) => `${m.home.replace(/\/+$/, "")}/xapi/activities/${kind}/${id}`;
    const agent = p => ({ objectType: "Agent", name: p.name, account: { homePage: m.home, name: p.id } });
    const parent = { objectType: "Activity", id: iri("module", m.id), definition: { type: ADL + "activities/assessment", name: lang(m.title), description: lang(m.summary) } };
    const ext = { [EXT + "bank-hash"]: m.hash, [EXT + "mode"]: m.mode };
    // Module statements have the module as object; answered statements name it as parent.
    const ctx = { registration: a.reg, extensions: ext };
    if (a.instructor) ctx.instructor = agent(a.instructor);
    const stmt = (name, verb, object, timestamp, context, result) => {
      const s = { id: uuid5(a.reg + ":" + name), actor: agent(a.learner), verb: { id: ADL + "verbs/" + verb, display: lang(verb) }, object, context, timestamp };
      if (result) s.result = result;
      return s;
    };
    const presented = m.draw || Object.keys(a.options).length;
    const out = [stmt("attempted", "attempted", parent, a.started,
      presented ? { ...ctx, extensions: { ...ext, [EXT + "presented"]: { questions: a.shown.map(q => q.id), options: a.options } } } : ctx)];
    let earned = 0, graded = 0;
    for (const q of a.shown) {
      if (q.type !== "likert") graded++;
      if (!has(a.responses, q.id)) continue;
      const result = { response: a.responses[q.id] };
      if (q.k && m.mode !== "graded") {
        const g = grade(q, result.response);
        earned += g.score;
        result.success = g.success;
        result.score = { scaled: g.score, raw: g.score, min: 0, max: 1 };
      }
      const obj = { objectType: "Activity", id: iri("question", q.id), definition: definition(q) };
      out.push(stmt(q.id, "answered", obj, a.finished, { ...ctx, contextActivities: { parent: [parent] }, extensions: { ...ext, [EXT + "question-hash"]: q.hash } }, result));
    }
    const done = { completion: true };
    if (a.notes) done.response = a.notes;
    if (m.mode === "practice" && graded) {
      const score = { scaled: round4(earned / graded), raw: round4(earned), min: 0, max: graded }, ok = score.scaled >= m.mastery;
      done.score = score;
      out.push(stmt("completed", "completed", parent, a.finished, ctx, done));
      out.push(stmt(ok ? "passed" : "failed", ok ? "passed" : "failed", parent, a.finished, ctx, { score, success: ok, completion: true }));
    } else out.push(stmt("completed", "completed", parent, a.finished, ctx, done));
    return out;
  }

  /* Layout of one attempt: the drawn questions and the shuffled options, seeded by its registration. */
  function layout(st) {
    const { m } = st, r = rng(st.draft.reg), pool = m.qs.filter(q => q.type !== "likert"), d = m.draw;
    let pick = m.qs;
    if (d && d.count > 0) pick = shuffle(pool, r).slice(0, d.count);
    else if (d && d.per_competency > 0) {
      pick = [];
      for (const c of [...new Set(pool.flatMap(q => q.comps))].sort()) {
        const have = pick.filter(q => q.comps.includes(c)).length;
        pick.push(...shuffle(pool.filter(q => q.comps.includes(c) && !pick.includes(q)), r).slice(0, Math.max(0, d.per_competency - have)));
      }
    }
    st.shown = m.qs.filter(q => pick.includes(q));
    st.options = {};
    let n = 0;
    for (const q of m.qs) {
      const on = st.shown.includes(q);
      q.fs.hidden = !on;
      if (q.num) q.num.textContent = on && d ? `Question ${++n} of ${st.shown.length}` : q.label;
      if (m.shuffle && (q.type === "single" || q.type === "multiple")) {
        const order = on ? shuffle(q.opts, r) : q.opts;
        order.forEach(o => q.box.append(o));
        if (on) st.options[q.id] = order.map(optId);
      }
    }
    for (const sec of $$(m.form, "section.rr-scenario")) sec.hidden = !st.shown.some(q => "rr-scenario-" + q.scenario === sec.id);
  }

  function save(st) {
    const { m, draft } = st, notes = m.form.querySelector("textarea");
    draft.answers = {};
    for (const q of st.shown) { const a = answer(q); if (a) draft.answers[q.id] = a.v; }
    if (notes) draft.notes = notes.value;
    if (m.mode === "review") draft.rep = person(m, "learner");
    store.set("draft:" + m.id, draft);
  }

  const say = (m, text) => { m.part("rr-notice").textContent = text; };
  function flag(inp, text) {
    const id = inp.id + "-error";
    let err = document.getElementById(id);
    const described = (inp.getAttribute("aria-describedby") || "").split(" ").filter(x => x && x !== id);
    if (text) {
      if (!err) { err = Object.assign(document.createElement("span"), { id, className: "rr-error" }); inp.parentNode.append(err); }
      err.textContent = text;
      described.push(id);
      inp.setAttribute("aria-invalid", "true");
    } else {
      if (err) err.remove();
      inp.removeAttribute("aria-invalid");
    }
    if (described.length) inp.setAttribute("aria-describedby", described.join(" ")); else inp.removeAttribute("aria-describedby");
  }
  const problem = inp => {
    const name = (inp.labels[0] || {}).textContent || "This field";
    return !inp.value.trim() ? `Error: ${name} is required.` : inp.checkValidity() ? "" : `Error: ${name} may use only letters, digits and . _ @ - (e.g. rep-042).`;
  };
  function check(m, roles) {
    let first = null;
    for (const role of roles) for (const inp of inputs(m, role)) {
      inp.value = inp.value.trim();
      const text = problem(inp);
      flag(inp, text);
      if (text && !first) first = inp;
    }
    if (first) first.focus();
    return !first;
  }

  function mark(o, ok, text) {
    o.classList.add(ok ? "rr-right" : "rr-wrong");
    const s = o.appendChild(document.createElement("span"));
    s.className = "rr-mark";
    s.innerHTML = `<span aria-hidden="true">${ok ? "✓" : "✗"} </span>`;
    s.append(text);
  }
  // Practice feedback from the answers on the page and the key; returns the score.
  function feedback(st) {
    let earned = 0, n = 0;
    const missing = [];
    for (const q of st.shown) {
      if (!q.k) continue;
      n++;
      const a = answer(q), g = a ? grade(q, a.r) : { score: 0, success: false }, want = split(q.k.pattern), fbk = isObj(q.k.feedback) ? q.k.feedback : {};
      earned += g.score;
      if (!a) missing.push(q);
      if (q.type === "matching") {
        const m = new Map(want.map(p => p.split(PAIR)));
        for (const o of q.opts) {
          const sel = o.querySelector("select"), t = m.get(optId(o)), ok = sel.value === t;
          if (t === undefined) continue;
          const right = [...sel.options].find(x => x.value === t);
          mark(o, ok, ok ? "Correct match." : `${sel.value ? "Not quite" : "Not answered"}. Correct match: ${right ? right.textContent : t}.`);
        }
      } else if (q.type === "ordering") {
        $$(q.box, "[data-rr-option]").forEach((o, i) => {
          const ok = want[i] === optId(o);
          mark(o, ok, ok ? "In the right place." : `Belongs at position ${want.indexOf(optId(o)) + 1}.`);
        });
      } else {
        const chosen = a ? split(a.r) : [];
        for (const o of q.opts) {
          const id = optId(o), ok = want.includes(id), on = chosen.includes(id);
          if (!ok && !on) continue;
          mark(o, ok, on ? (ok ? "Your answer: correct." : "Your answer: not correct.") : q.type === "multiple" ? "Correct answer, not selected." : "Correct answer.");
          if (on && isStr(fbk[id])) o.appendChild(Object.assign(document.createElement("div"), { className: "rr-option-feedback", innerHTML: fbk[id] }));
        }
      }
      const [cls, icon, text] = !a ? ["rr-missing", "!", "Not answered: counts as wrong."] : g.success ? ["rr-right", "✓", "Correct."]
        : g.score > 0 ? ["rr-partial", "◐", `Partly right: ${num(g.score)} of 1 point.`] : ["rr-wrong", "✗", "Not quite."];
      q.fb.innerHTML = `<p class="rr-verdict ${cls}"><span aria-hidden="true">${icon} </span></p>` + (isStr(q.k.explanation) ? `<div class="rr-explanation">${q.k.explanation}</div>` : "");
      q.fb.firstChild.append(text);
    }
    return { raw: round4(earned), max: n, scaled: n ? round4(earned / n) : 0, missing };
  }

  function scaleSummary(st) {
    const { m } = st, box = document.createElement("div");
    for (const s of m.scales) {
      const items = st.shown.filter(q => q.type === "likert" && q.fs.dataset.rrScale === s.id);
      const vals = items.map(q => { const a = answer(q), pts = q.opts.length; return a && ("rrReverse" in q.fs.dataset ? pts + 1 - +a.r : +a.r); }).filter(v => v);
      const p = box.appendChild(document.createElement("p")), b = p.appendChild(document.createElement("strong"));
      b.textContent = `${isStr(s.title) ? s.title : s.id}: `;
      if (!vals.length) { p.append("not rated."); continue; }
      const mean = vals.reduce((x, y) => x + y) / vals.length;
      const band = s.bands.find(x => isObj(x) && mean >= x.min && mean <= x.max);
      p.append(`average ${mean.toFixed(1)} of ${items[0].opts.length}` + (band && isStr(band.label) ? ` — ${band.label}.` : "."));
      if (band && isStr(band.text)) box.appendChild(Object.assign(document.createElement("div"), { className: "rr-band", innerHTML: band.text }));
    }
    return box;
  }

  function history(st) {
    const { m } = st, box = m.form.querySelector(".rr-history");
    if (!box) return;
    const list = mine(m);
    box.hidden = !list.length;
    box.textContent = !list.length ? "" : (m.mode === "review" ? "Your reviews: " : "Your attempts: ") + list.map((a, i) =>
      m.mode === "review" ? `Review ${i + 1}: ${a.learner.name} (${a.learner.id})`
        : `Attempt ${i + 1}: ` + (typeof a.pct === "number" ? a.pct + "%" : "submitted " + String(a.finished).slice(0, 10))).join(" · ");
  }

  const lock = (st, on) => {
    for (const q of st.m.qs) q.fs.disabled = on;
    const notes = st.m.form.querySelector("textarea");
    if (notes) notes.disabled = on;
  };

  // The state after a submission: answers locked and the outcome shown (also after a reload).
  function finish(st, focus) {
    const { m } = st, res = m.part("rr-result");
    lock(st, true);
    m.submit.hidden = true;
    if (m.retry) m.retry.hidden = m.mode === "graded";
    res.textContent = "";
    for (const q of m.qs) if (q.fb) q.fb.textContent = "";
    const line = t => res.appendChild(document.createElement("p")).append(t);
    if (m.mode === "practice") {
      const s = feedback(st), ok = s.scaled >= m.mastery;
      res.appendChild(document.createElement("p")).appendChild(document.createElement("strong")).append(
        `Score: ${num(s.raw)} of ${s.max} (${Math.round(s.scaled * 100)}%) — ${ok ? "mastered" : "not yet mastered"} (threshold ${Math.round(m.mastery * 100)}%).`);
      if (s.missing.length) line(`Not answered, counted as wrong: ${s.missing.map(q => (q.num ? q.num.textContent.replace(/ of \d+$/, "") : q.id)).join(", ")}.`);
      line("Your answers are saved in this browser. Use Export results to send them to your manager.");
    } else if (m.mode === "graded") {
      line("Your answers were recorded in this browser. Use Export results and send the file to your manager; this assessment can be submitted only once.");
    } else {
      line(m.mode === "review" ? "Review recorded in this browser. Results by scale:" : "Recorded in this browser. Your results by scale:");
      res.append(scaleSummary(st));
      line("Use Export results to send them to your manager.");
    }
    history(st);
    if (focus) res.focus();
  }

  function submit(st) {
    const { m } = st;
    if (st.draft.done) return;
    if (!check(m, m.mode === "review" ? ["learner", "instructor"] : ["learner"])) return;
    store.set("learner", person(m, self(m)));
    save(st);
    const responses = {}, notes = m.form.querySelector("textarea");
    for (const q of st.shown) { const a = answer(q); if (a) responses[q.id] = a.r; }
    const a = {
      reg: st.draft.reg, started: st.draft.started, finished: now(), learner: person(m, "learner"),
      instructor: m.mode === "review" ? person(m, "instructor") : null, responses, shown: st.shown, options: st.options,
      notes: notes ? notes.value.trim() : "",
    };
    const statements = build(m, a), verdict = statements.find(s => /(passed|failed)$/.test(s.verb.id));
    const record = { reg: a.reg, finished: a.finished, learner: a.learner, instructor: a.instructor, pct: verdict ? Math.round(verdict.result.score.scaled * 100) : null, statements };
    const kept = store.set("attempts:" + m.id, [...attempts(m.id), record]);
    st.draft.done = true;
    store.set("draft:" + m.id, st.draft);
    say(m, kept ? "" : "This browser would not save your answers: use Export results now, before you leave the page.");
    finish(st, true);
  }

  function retry(st) {
    const { m } = st;
    st.draft = newDraft();
    for (const q of m.qs) {
      q.fs.disabled = false;
      for (const i of $$(q.fs, "input")) i.checked = false;
      for (const s of $$(q.fs, "select")) s.value = "";
      for (const x of $$(q.fs, ".rr-mark, .rr-option-feedback")) x.remove();
      for (const o of q.opts) { o.classList.remove("rr-right", "rr-wrong"); if (q.type === "ordering") q.box.append(o); }
      q.moved = false;
      if (q.fb) q.fb.textContent = "";
    }
    const notes = m.form.querySelector("textarea");
    if (notes) notes.value = "";
    if (m.mode === "review") for (const i of inputs(m, "learner")) i.value = "";
    lock(st, false);
    layout(st);
    store.set("draft:" + m.id, st.draft);
    m.submit.hidden = false;
    m.retry.hidden = true;
    m.part("rr-result").textContent = "";
    say(m, "New attempt: your answers were cleared; earlier attempts are kept.");
    const first = st.shown.length && st.shown[0].fs.querySelector("input, select, button");
    if (first) first.focus();
  }

  function move(st, b) {
    const li = b.closest("[data-rr-option]"), q = st.m.qs.find(x => x.fs.contains(li)), up = b.dataset.rrMove === "up";
    const sib = up ? li.previousElementSibling : li.nextElementSibling;
    // Move the neighbour, not this item, so the pressed button keeps focus.
    if (sib) { if (up) li.after(sib); else li.before(sib); q.moved = true; save(st); }
    const items = $$(q.box, "[data-rr-option]");
    q.fb.textContent = `${sib ? "Moved to" : "Already at"} position ${items.indexOf(li) + 1} of ${items.length}.`;
  }

  function exportAll(st) {
    const { m } = st, role = self(m), p = person(m, role), saved = store.get("learner");
    const me = (p && p.id) || (okPerson(saved) ? saved.id : "");
    if (!me) { check(m, [role]); say(m, "Enter your id first: results are exported per person."); return; }
    const statements = [];
    let n = 0;
    for (const k of store.keys("attempts:")) {
      for (const a of attempts(k.slice(9))) {
        if (a.learner.id === me || (a.instructor && a.instructor.id === me)) { n++; statements.push(...a.statements); }
      }
    }
    if (!n) { say(m, "Nothing to export yet: submit a quiz first."); return; }
    const d = new Date(), pad = x => String(x).padStart(2, "0");
    const file = `repready-results-${me.replace(/[^\w.@-]/g, "_")}-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}.json`;
    const link = Object.assign(document.createElement("a"), { download: file, hidden: true, href: URL.createObjectURL(new Blob([JSON.stringify({ statements }, null, 2)], { type: "application/json" })) });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    say(m, `Exported ${n} ${n === 1 ? "attempt" : "attempts"} (${statements.length} statements) to ${file}. Send this file to your manager.`);
  }

  function setup(form) {
    const m = model(form), st = { m, draft: loadDraft(m) || newDraft() };
    layout(st);
    for (const q of st.shown) if (has(st.draft.answers, q.id)) restore(q, st.draft.answers[q.id]);
    const saved = store.get("learner");
    const fill = (role, who) => { if (who) inputs(m, role).forEach((i, n) => { if (!i.value) i.value = n ? who.id : who.name; }); };
    fill(self(m), okPerson(saved) ? saved : null);
    if (m.mode === "review") fill("learner", st.draft.rep);
    const notes = form.querySelector("textarea");
    if (notes && !notes.value) notes.value = st.draft.notes;
    if (st.draft.done || (m.mode === "graded" && mine(m).length)) finish(st, false); else history(st);

    form.addEventListener("submit", e => { e.preventDefault(); submit(st); });
    // Enter in a text field or on a radio would submit implicitly; only the Submit button submits.
    form.addEventListener("keydown", e => { if (e.key === "Enter" && e.target.tagName === "INPUT") e.preventDefault(); });
    form.addEventListener("change", e => {
      const fs = e.target.closest("fieldset.rr-person");
      if (fs && fs.dataset.rrRole === self(m)) store.set("learner", person(m, self(m)));
      save(st);
    });
    // Errors clear while typing, never on blur: a layout shift on blur can make the click that
    // caused it miss the Submit button.
    form.addEventListener("input", e => {
      if (e.target.getAttribute("aria-invalid") && !problem(e.target)) flag(e.target, "");
      if (e.target.tagName === "TEXTAREA") save(st);
    });
    form.addEventListener("click", e => {
      const b = e.target.closest("button");
      if (!b) return;
      if (b.dataset.rrMove) move(st, b);
      else if (b.dataset.rrAction === "retry") retry(st);
      else if (b.dataset.rrAction === "export") exportAll(st);
    });
    m.submit.disabled = false;
    form.classList.add("rr-ready");
  }

  // The "My plan" page's script is fetched only by the page that needs it.
  let plan = 0;
  // Forms expose their named controls as properties, so a flag on the form could be shadowed too.
  const started = new WeakSet();
  const init = () => {
    if (!plan && document.querySelector("[data-rr-plan]")) {
      plan = document.head.appendChild(Object.assign(document.createElement("script"), { src: SITE + "assets/repready/plan.js" }));
    }
    $$(document, "form.rr-quiz").forEach(f => {
      if (started.has(f)) return;
      started.add(f);
      try { setup(f); } catch (e) { console.error("repready: this quiz could not start", e); }
    });
  };
  window.repready = { init, uuid5, sha1 };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
