// The breathing guide on a running breathing session (templates/calm/session_breathe.html).
//
// Without this script the circle and words follow CSS keyframes (calm.css) and the page works.
// With it, the guide can be paused and carried on, counts rounds, and — only if the person
// turns them on — plays a soft tone (made here with the Web Audio API: no sound files) and a
// short buzz (navigator.vibrate, where the device has one) at each change of breath.
// With reduced motion asked for, the circle stays still and only the words and count change.
(function () {
  "use strict";

  var SCALE = { "in": [0.55, 1], "full": [1, 1], "out": [1, 0.55], "empty": [0.55, 0.55] };
  // A soft sine, higher for breathing in, lower for breathing out, in between for holding.
  var TONE = { "in": 392, "full": 330, "out": 262, "empty": 330 };
  var BUZZ = { "in": [60], "full": [20], "out": [30, 70, 30], "empty": [20] };
  var STORE = { sound: "hearthside.calm.sound", vibrate: "hearthside.calm.vibrate" };

  function remembered(key) {
    try { return window.localStorage.getItem(key) === "on"; } catch (e) { return false; }
  }

  function remember(key, on) {
    try { window.localStorage.setItem(key, on ? "on" : "off"); } catch (e) { /* private mode */ }
  }

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  // --- Sound -------------------------------------------------------------------------------
  var audio = null;

  function audioContext() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    if (!audio) audio = new Context();
    // Browsers start audio suspended until the person has touched the page; a tap resumes it.
    if (audio.state === "suspended") audio.resume();
    return audio;
  }

  function tone(kind) {
    var context = audioContext();
    if (!context) return;
    var now = context.currentTime;
    var oscillator = context.createOscillator();
    var gain = context.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = TONE[kind] || 330;
    // Fade in and out, so it's a soft chime rather than a click.
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.12, now + 0.08);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 1.4);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.start(now);
    oscillator.stop(now + 1.5);
  }

  function buzz(kind) {
    if (typeof navigator.vibrate !== "function") return;
    try { navigator.vibrate(BUZZ[kind] || [20]); } catch (e) { /* not allowed yet: no matter */ }
  }

  // --- The guide ---------------------------------------------------------------------------
  function Guide(root) {
    var phases = [];
    var cues = root.querySelectorAll(".calm-cue");
    for (var i = 0; i < cues.length; i++) {
      var seconds = parseFloat(cues[i].getAttribute("data-seconds"));
      if (!(seconds > 0)) return;
      phases.push({
        text: cues[i].textContent,
        ms: seconds * 1000,
        kind: cues[i].getAttribute("data-kind") || "in"
      });
    }
    if (!phases.length) return;

    var card = root.closest(".calm-breath-card") || document;
    var orb = root.querySelector(".calm-orb");
    var now = root.querySelector("[data-calm-now]");
    var cue = root.querySelector("[data-calm-cue]");
    var count = root.querySelector("[data-calm-count]");
    var controls = card.querySelector("[data-calm-controls]");
    var toggle = card.querySelector("[data-calm-toggle]");
    var round = card.querySelector("[data-calm-round]");
    var sound = card.querySelector("[data-calm-sound]");
    var vibrate = card.querySelector("[data-calm-vibrate]");
    var still = reducedMotion();

    var index = -1;
    var rounds = 0;
    var running = false;
    var phaseEnds = 0; // performance.now() when the current phase ends
    var left = 0; // ms left in the current phase while paused
    var timer = null;
    var motion = null;

    function scaleOf(value) { return "scale(" + value + ")"; }

    function showCount() {
      var ms = running ? phaseEnds - performance.now() : left;
      count.textContent = String(Math.max(1, Math.ceil(ms / 1000)));
    }

    function move(from, to, ms) {
      if (still || !orb || typeof orb.animate !== "function") return;
      if (motion) motion.cancel();
      orb.style.transform = scaleOf(to);
      motion = from === to ? null : orb.animate(
        [{ transform: scaleOf(from) }, { transform: scaleOf(to) }],
        { duration: ms, easing: "ease-in-out" }
      );
    }

    function begin(ms, from) {
      var phase = phases[index];
      running = true;
      phaseEnds = performance.now() + ms;
      move(from, SCALE[phase.kind][1], ms);
      timer = window.setTimeout(next, ms);
      showCount();
    }

    function next() {
      index = (index + 1) % phases.length;
      if (index === 0) {
        rounds += 1;
        if (round) round.textContent = (round.getAttribute("data-round") || "%(n)s").replace("%(n)s", rounds);
      }
      var phase = phases[index];
      cue.textContent = phase.text;
      root.setAttribute("data-phase", phase.kind);
      if (sound && sound.checked) tone(phase.kind);
      if (vibrate && vibrate.checked) buzz(phase.kind);
      begin(phase.ms, SCALE[phase.kind][0]);
    }

    function stop() {
      if (!running) return;
      running = false;
      window.clearTimeout(timer);
      left = Math.max(0, phaseEnds - performance.now());
      // Hold the circle where it is (nothing left running, so nothing waits on it).
      if (motion && orb) {
        orb.style.transform = window.getComputedStyle(orb).transform;
        motion.cancel();
        motion = null;
      }
      toggle.textContent = toggle.getAttribute("data-label-go");
      showCount();
    }

    function carryOn() {
      if (running) return;
      var phase = phases[index];
      var from = SCALE[phase.kind][0];
      var done = 1 - left / phase.ms;
      from = from + (SCALE[phase.kind][1] - from) * done;
      toggle.textContent = toggle.getAttribute("data-label-stop");
      begin(left, from);
    }

    function setUpSwitch(input, field, key, available, onTurnOn) {
      if (!input || !field || !available) return;
      field.hidden = false;
      input.checked = remembered(key);
      input.addEventListener("change", function () {
        remember(key, input.checked);
        if (input.checked) onTurnOn();
      });
    }

    root.classList.add("is-live");
    now.hidden = false;
    controls.hidden = false;
    setUpSwitch(
      sound, card.querySelector("[data-calm-sound-field]"), STORE.sound,
      !!(window.AudioContext || window.webkitAudioContext),
      function () { tone("in"); }
    );
    setUpSwitch(
      vibrate, card.querySelector("[data-calm-vibrate-field]"), STORE.vibrate,
      typeof navigator.vibrate === "function",
      function () { buzz("in"); }
    );
    toggle.addEventListener("click", function () {
      if (running) stop(); else carryOn();
    });
    // A remembered "sound on" needs one touch of the page before the browser lets it play.
    document.addEventListener("pointerdown", function () {
      if (sound && sound.checked) audioContext();
    }, { once: true });
    window.setInterval(function () { if (running) showCount(); }, 250);
    next();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var guides = document.querySelectorAll("[data-calm-breath]");
    for (var i = 0; i < guides.length; i++) Guide(guides[i]);
  });
})();
