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
})();
