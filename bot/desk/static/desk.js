/* The desk's one script (no build step; the CSP allows scripts from this site only).
 * Pages ask the server again every second for what may have changed:
 *   [data-poll]           a region whose HTML is fetched again (stops at [data-final] in it);
 *   #messages[data-updates] a case's conversation, status and who is answering (JSON);
 *   [data-counts]         numbers by name, e.g. a tip's audiences (JSON).
 * Typing an answer tells colleagues who is answering ([data-claim] on the form).
 * Without the script every page still works: a reload shows the same.
 */
(function () {
  "use strict";
  var EVERY = 1000;

  function csrf() {
    var field = document.querySelector('input[name="csrf"]');
    return field ? field.value : "";
  }

  function get(url, type) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: type } }).then(function (r) {
      if (r.redirected || !r.ok) { return null; }
      return type === "application/json" ? r.json() : r.text();
    });
  }

  function every(work) {
    function tick() {
      Promise.resolve()
        .then(work)
        .catch(function () { return true; })
        .then(function (again) { if (again !== false) { setTimeout(tick, EVERY); } });
    }
    setTimeout(tick, EVERY);
  }

  document.querySelectorAll("[data-poll]").forEach(function (region) {
    var last = null;
    every(function () {
      return get(region.getAttribute("data-poll"), "text/html").then(function (html) {
        if (html !== null && html !== last) {
          region.innerHTML = html;
          last = html;
        }
        return !region.querySelector("[data-final]");
      });
    });
  });

  document.querySelectorAll("[data-counts]").forEach(function (box) {
    every(function () {
      return get(box.getAttribute("data-counts"), "application/json").then(function (counts) {
        if (!counts) { return; }
        box.querySelectorAll("[data-count]").forEach(function (el) {
          var n = counts[el.getAttribute("data-count")];
          if (n !== undefined && el.textContent !== String(n)) { el.textContent = String(n); }
        });
      });
    });
  });

  var log = document.getElementById("messages");
  var answer = document.getElementById("reply-text");
  var answering = document.getElementById("answering");
  if (log && log.getAttribute("data-updates")) {
    every(function () {
      return get(log.getAttribute("data-updates"), "application/json").then(function (u) {
        if (!u || u.version === log.getAttribute("data-version")) { return; }
        if (u.status !== log.getAttribute("data-status") && !(answer && answer.value.trim())) {
          window.location.reload();
          return false;
        }
        log.innerHTML = u.html;
        log.setAttribute("data-version", u.version);
        if (answering) { answering.textContent = u.answering; }
      });
    });
  }

  var form = document.querySelector("form[data-claim]");
  if (form && answer) {
    var claimed = 0;
    answer.addEventListener("input", function () {
      if (Date.now() - claimed < 15000) { return; }
      claimed = Date.now();
      fetch(form.getAttribute("data-claim"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRF-Token": csrf(), Accept: "application/json" }
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (c) {
        if (c && answering) { answering.textContent = c.answering; }
      }).catch(function () {});
    });
  }
})();
