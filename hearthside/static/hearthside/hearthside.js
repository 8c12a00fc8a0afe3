// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  // Quick exit: leave at once and replace this page in history, so "back" doesn't return here.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (link) { event.preventDefault(); window.location.replace(link.href); }
  });
  // Esc pressed three times quickly also leaves, for when reaching the link is hard.
  var escapes = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    escapes = escapes.filter(function (t) { return now - t < 1500; }).concat(now);
    var link = document.querySelector("[data-quick-exit]");
    if (escapes.length >= 3 && link) window.location.replace(link.href);
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-select-on-focus]")) event.target.select();
  });
  // Preselect the browser's time zone on sign-up, so times read right from day one.
  document.addEventListener("DOMContentLoaded", function () {
    var select = document.querySelector("[data-detect-timezone]");
    if (!select || !window.Intl) return;
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && select.querySelector('option[value="' + tz + '"]')) select.value = tz;
  });
  // The language coach's "Use this wording" (templates/coach/_notes.html): put the gentler
  // words in place of the ones they stand for, keep everything else the person typed, and
  // select the first "…" so they can type their own word there. Inserted as if typed, so
  // undo brings their words back.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-coach-use]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-target") || "");
    if (!field || typeof field.setSelectionRange !== "function") return;
    var value = field.value;
    var replaces = button.getAttribute("data-replaces") || "";
    var suggestion = button.getAttribute("data-suggestion") || "";
    var start = parseInt(button.getAttribute("data-rewrite-start"), 10);
    var end = parseInt(button.getAttribute("data-rewrite-end"), 10);
    var insert = suggestion;
    if (!(replaces && start >= 0 && end >= start && value.slice(start, end) === replaces)) {
      // The words moved since the note was written: find them, or add the suggestion after
      // everything else.
      start = replaces ? value.indexOf(replaces) : -1;
      if (start !== -1) {
        end = start + replaces.length;
      } else {
        start = end = value.length;
        var newline = field.tagName === "TEXTAREA" ? "\n" : " ";
        if (value && !/\s$/.test(value)) insert = newline + suggestion;
      }
    }
    var expected = value.slice(0, start) + insert + value.slice(end);
    field.focus();
    field.setSelectionRange(start, end);
    var typed = false;
    try { typed = document.execCommand("insertText", false, insert); } catch (e) { typed = false; }
    if (!typed || field.value !== expected) {
      field.value = expected;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
    var from = start + insert.length - suggestion.length;
    var gap = suggestion.indexOf("\u2026");
    if (gap !== -1) field.setSelectionRange(from + gap, from + gap + 1);
    else field.setSelectionRange(from + suggestion.length, from + suggestion.length);
  });
})();
