// Casebook live: the phone page. No dependencies, no inline script, no innerHTML: every
// string from the server goes into the page through textContent.
(function () {
  "use strict";

  var base = location.pathname.replace(/\/+$/, ""); // "/CODE"
  var $ = function (id) { return document.getElementById(id); };
  var els = {
    status: $("status"), waiting: $("waiting"), question: $("question"), qnum: $("qnum"),
    qtext: $("qtext"), closed: $("closed"), answers: $("answers"), tally: $("tally"), name: $("name")
  };
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var BALLOTS = [["yes", "Yes"], ["no", "No"], ["abstain", "Abstain"]];

  var state = null;       // last state from the server
  var version = null;     // for the long poll
  var shownKey = null;    // which question the answer area was built for
  var mine = null;        // this device's answer, as the server last confirmed it
  var pickedSeat = null;  // Security Council: the delegation chosen before a ballot
  var sending = false;
  var queued = null;      // [answer, label] tapped while an answer was being sent
  var retryMs = 1000;
  var poller = null;      // AbortController of the pending long poll

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }
  function say(msg) { if (els.status.textContent !== msg) els.status.textContent = msg; }
  function isOpen() { return state && state.phase === "open"; }

  // ---- name ----------------------------------------------------------------------------
  try { els.name.value = localStorage.getItem("casebook-name") || ""; } catch (e) { /* private mode */ }
  var nameTimer = null;
  els.name.addEventListener("input", function () {
    try { localStorage.setItem("casebook-name", els.name.value); } catch (e) { /* ignore */ }
    clearTimeout(nameTimer);
    nameTimer = setTimeout(function () { post({ name: els.name.value.trim() }, null); }, 800);
  });
  function withName(body) {
    var n = els.name.value.trim();
    if (n) body.name = n.slice(0, 40);
    return body;
  }

  // ---- talking to the server -----------------------------------------------------------
  var ERRORS = {
    "closed": "Voting closed",
    "no-question": "Waiting for the next question",
    "seat-taken": "Another student has just taken that delegation. Pick another.",
    "too-long": "That is too long.",
    "rate-limited": "Too fast. Wait a moment and try again.",
    "unknown-option": "That answer is no longer on offer.",
    "wrong-kind": "The question has changed.",
    "no-device": "Reconnecting…"
  };

  function post(body, then) {
    return fetch(base + "/answer", {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 204) return null;
      return r.json().catch(function () { return {}; }).then(function (j) {
        return (j && j.error) || ("error " + r.status);
      });
    }, function () { return "offline"; }).then(function (err) {
      if (then) then(err);
      return err;
    });
  }

  function send(answer, label) {
    if (!isOpen()) return;
    if (sending) {
      // A second tap before the first is answered: send it next, so the last choice counts.
      queued = [answer, label];
      mine = answer;
      render();
      return;
    }
    sending = true;
    var previous = mine;
    mine = answer;            // show the choice at once; undone if refused
    render();
    say("Sending…");
    post(withName(Object.assign({}, answer)), function (err) {
      sending = false;
      if (queued) {
        var next = queued;
        queued = null;
        send(next[0], next[1]);
        return;
      }
      if (err === "no-device") { refresh(); }
      if (err) {
        mine = previous;
        say(err === "offline" ? "Not sent: no connection. Try again." : (ERRORS[err] || "Not sent (" + err + ")."));
      } else {
        say(label + " You can change it until voting closes.");
      }
      render();
    });
  }

  function poll() {
    if (poller) poller.abort();
    var ctrl = typeof AbortController === "function" ? new AbortController() : null;
    poller = ctrl;
    var url = base + "/state" + (version != null ? "?v=" + encodeURIComponent(version) : "");
    var timer = setTimeout(function () { if (ctrl) ctrl.abort(); }, 30000);
    fetch(url, { credentials: "same-origin", cache: "no-store", signal: ctrl ? ctrl.signal : undefined })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (s) {
        clearTimeout(timer);
        if (poller !== ctrl) return;
        retryMs = 1000;
        update(s);
        poll();
      })
      .catch(function () {
        clearTimeout(timer);
        if (poller !== ctrl) return; // replaced by a newer poll
        say("Connection lost. Retrying…");
        setTimeout(poll, retryMs);
        retryMs = Math.min(retryMs * 2, 5000);
      });
  }
  function refresh() { version = null; poll(); }
  // Phones freeze background tabs: catch up as soon as the page is seen again.
  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
  window.addEventListener("online", refresh);

  // ---- drawing -------------------------------------------------------------------------
  function update(s) {
    var q = s.question;
    var key = q ? q.number + "|" + q.kind + "|" + q.text : null;
    if (key !== shownKey) { pickedSeat = null; }
    state = s;
    version = s.v;
    if (!sending) mine = s.you || null;
    if (mine && mine.seat && !pickedSeat) pickedSeat = mine.seat;
    render();
    if (!q) say("Waiting for the next question");
    else if (s.phase === "closed") say("Voting closed");
    else if (!sending && key !== shownKey) say(mine ? "You have answered. You can change it until voting closes." : "Voting is open");
    shownKey = key;
  }

  function render() {
    var s = state;
    if (!s) return;
    var q = s.question;
    els.waiting.hidden = !!q;
    els.question.hidden = !q;
    if (!q) { els.answers.textContent = ""; els.tally.hidden = true; return; }
    els.qnum.textContent = "Question " + q.number;
    els.qtext.textContent = q.text;
    els.qtext.classList.toggle("long", q.text.length > 160);
    els.closed.hidden = s.phase !== "closed";
    var area = els.answers;
    var keep = area.querySelector("textarea");
    if (q.kind === "open" || q.kind === "role-play") {
      if (!keep || area.dataset.key !== q.number + "|" + q.kind) { area.textContent = ""; area.dataset.key = q.number + "|" + q.kind; textAnswer(area, q); }
      updateText(area);
    } else if (q.kind === "council-vote") {
      area.textContent = "";
      area.dataset.key = "";
      council(area, q);
    } else {
      // The same options are updated in place, never rebuilt: a tap whose press and release
      // fall either side of a rebuild would be lost.
      var optionsKey = q.number + "|" + q.kind + "|" + (q.options || []).join("\u0001");
      if (area.dataset.key !== optionsKey) { area.textContent = ""; area.dataset.key = optionsKey; choices(area, q); }
      updateChoices(area);
    }
    tally(q, s.tally);
  }

  function choices(area, q) {
    var list = el("ul", "options");
    list.setAttribute("aria-label", "Answers");
    (q.options || []).forEach(function (text, i) {
      var b = el("button");
      b.type = "button";
      b.appendChild(el("span", "letter", LETTERS[i] || i + 1));
      b.appendChild(el("span", "label", text));
      b.addEventListener("click", function () { send({ option: i }, "Your answer: " + (LETTERS[i] || i + 1) + ", " + text + "."); });
      var li = el("li");
      li.appendChild(b);
      list.appendChild(li);
    });
    area.appendChild(list);
  }

  // Which option is this device's, and whether voting is open. A tap while an answer is being
  // sent is queued by send(), so the buttons stay enabled then.
  function updateChoices(area) {
    area.querySelectorAll("button").forEach(function (b, i) {
      var chosen = !!mine && mine.option === i;
      b.setAttribute("aria-pressed", chosen ? "true" : "false");
      b.disabled = !isOpen();
      var mark = b.querySelector(".mark");
      if (chosen && !mark) { mark = el("span", "mark", "✓"); mark.setAttribute("aria-hidden", "true"); b.appendChild(mark); }
      if (!chosen && mark) b.removeChild(mark);
    });
  }

  function council(area, q) {
    var seats = q.seats || [];
    if (!pickedSeat) {
      area.appendChild(el("h2", "subhead", "Which delegation do you speak for?"));
      var grid = el("div", "seats");
      grid.setAttribute("role", "group");
      grid.setAttribute("aria-label", "Delegations");
      seats.forEach(function (seat) {
        var b = el("button");
        b.type = "button";
        b.appendChild(el("span", "label", seat.name));
        if (seat.permanent) { var p = el("span", "p5", "P5"); p.title = "Permanent member: a No is a veto"; b.appendChild(p); }
        if (seat.taken) { b.disabled = true; b.setAttribute("aria-label", seat.name + ", taken"); }
        else b.disabled = !isOpen();
        b.addEventListener("click", function () { pickedSeat = seat.name; say("You speak for " + seat.name + ". Cast your ballot."); render(); });
        grid.appendChild(b);
      });
      area.appendChild(grid);
      return;
    }
    var seat = seats.filter(function (x) { return x.name === pickedSeat; })[0];
    var head = el("div", "seat-head");
    head.appendChild(el("p", null, "You speak for " + pickedSeat + (seat && seat.permanent ? " (permanent member)" : "")));
    var change = el("button", null, "Change");
    change.type = "button";
    change.setAttribute("aria-label", "Change delegation");
    change.disabled = !isOpen() || sending;
    change.addEventListener("click", function () { pickedSeat = null; render(); });
    head.appendChild(change);
    area.appendChild(head);
    if (seat && seat.taken) area.appendChild(el("p", "closed", "Another student holds this delegation. Pick another."));
    var row = el("div", "ballots");
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Ballot for " + pickedSeat);
    BALLOTS.forEach(function (pair) {
      var chosen = !!mine && mine.seat === pickedSeat && mine.ballot === pair[0];
      var b = el("button", null, pair[1]);
      b.type = "button";
      b.setAttribute("aria-pressed", chosen ? "true" : "false");
      b.disabled = !isOpen() || !!(seat && seat.taken);
      if (chosen) { var m = el("span", "mark", "✓"); m.setAttribute("aria-hidden", "true"); b.appendChild(m); }
      b.addEventListener("click", function () { send({ seat: pickedSeat, ballot: pair[0] }, "Your ballot: " + pickedSeat + " votes " + pair[1] + "."); });
      row.appendChild(b);
    });
    area.appendChild(row);
  }

  function textAnswer(area, q) {
    var label = el("label", "subhead", q.kind === "role-play" ? "Your statement" : "Your answer");
    label.htmlFor = "text";
    var t = el("textarea");
    t.id = "text";
    t.maxLength = 500;
    t.rows = 5;
    var count = el("p", "count");
    count.id = "count";
    t.setAttribute("aria-describedby", "count");
    t.addEventListener("input", function () { updateText(area); });
    var b = el("button", "primary", "Send");
    b.type = "button";
    b.addEventListener("click", function () {
      var text = t.value.trim();
      if (text) send({ text: text }, "Your answer was sent.");
    });
    area.appendChild(label);
    area.appendChild(t);
    area.appendChild(count);
    area.appendChild(b);
    if (mine && typeof mine.text === "string") t.value = mine.text;
  }
  function updateText(area) {
    var t = area.querySelector("textarea"), b = area.querySelector("button"), c = area.querySelector(".count");
    var n = t.value.length;
    c.textContent = n + " / 500";
    t.disabled = !isOpen();
    b.disabled = !isOpen() || sending || !t.value.trim() || (mine && mine.text === t.value.trim());
    b.textContent = mine && typeof mine.text === "string" ? (mine.text === t.value.trim() ? "Sent" : "Send again") : "Send";
  }

  function tally(q, t) {
    var box = els.tally;
    box.textContent = "";
    box.hidden = !t;
    if (!t) return;
    box.appendChild(el("h2", null, "Results"));
    var rows = [];
    if (t.counts) rows = (q.options || []).map(function (o, i) { return [(LETTERS[i] || i + 1) + ". " + o, t.counts[i] || 0]; });
    else if (q.kind === "council-vote") rows = [["Yes", t.yes], ["No", t.no], ["Abstain", t.abstain]];
    var total = rows.reduce(function (a, r) { return a + r[1]; }, 0) || 1;
    rows.forEach(function (r) {
      var row = el("div", "row");
      var lab = el("div", "row-label");
      lab.appendChild(el("span", null, r[0]));
      lab.appendChild(el("strong", null, r[1]));
      var track = el("div", "track");
      track.setAttribute("aria-hidden", "true");
      var fill = el("div", "fill");
      fill.style.width = Math.round((100 * r[1]) / total) + "%"; // CSSOM: allowed by the CSP
      track.appendChild(fill);
      row.appendChild(lab);
      row.appendChild(track);
      box.appendChild(row);
    });
    if (q.kind === "council-vote") {
      var words = { adopted: "Adopted", failed: "Failed: fewer than nine votes in favour", pending: "Not everyone has voted" };
      var out = t.outcome === "vetoed" ? "Vetoed by " + (t.vetoed_by || []).join(" and ") : (words[t.outcome] || t.outcome);
      box.appendChild(el("p", "outcome", out));
    } else if (!t.counts) {
      box.appendChild(el("p", null, t.answers + (t.answers === 1 ? " answer" : " answers")));
    }
  }

  poll();
})();
