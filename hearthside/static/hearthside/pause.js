// A ticking countdown on the pause page. The page already says the times in words; this only
// adds minutes and seconds. It counts from the seconds the server sent (not this device's
// clock, which may be off) and, when a countdown reaches zero, asks the status part to refresh.
(function () {
  "use strict";
  var deadlines = new WeakMap();

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function format(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    return "(" + (h > 0 ? h + ":" + pad(m) : m) + ":" + pad(s) + ")";
  }

  function tick() {
    var now = Date.now();
    var items = document.querySelectorAll("[data-countdown]");
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      if (!deadlines.has(item)) {
        var seconds = parseInt(item.getAttribute("data-countdown"), 10);
        if (isNaN(seconds)) continue;
        deadlines.set(item, now + seconds * 1000);
      }
      var left = Math.max(0, Math.round((deadlines.get(item) - now) / 1000));
      item.textContent = format(left);
      if (left === 0 && !item.hasAttribute("data-countdown-done")) {
        item.setAttribute("data-countdown-done", "");
        // The status part listens for this (hx-trigger "pause-due from:body").
        document.body.dispatchEvent(new CustomEvent("pause-due"));
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    tick();
    window.setInterval(tick, 1000);
  });
})();
